// The recompute job: scores papers from their signal time series into trending_scores, in batches. Incremental
// runs take only papers changed since a cursor (paper changes and newly recorded signals); a decay refresh adds
// the papers whose scores move with time alone. Idempotent: the same data and moment give the same rows.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Store } from '../store/store.js';
import type { RecomputeCursor, TrendingInput, TrendingScoreRow } from '../store/trending-store.js';
import type { SignalKind } from '../model/paper.js';
import { paperGains, type SignalSeries } from './gains.js';
import { scoreGains, TRENDING, type TrendingConstants } from './score.js';
import type { Snapshot } from './velocity.js';

const DAY = 86_400_000;
/** Where the incremental cursor lives in `meta`. */
export const CURSOR_KEY = 'trending:cursor';
/**
 * Signals recorded this long before the cursor are looked at again: on SQLite a writer can stamp its rows, then
 * wait for the write lock (busy timeout 5 s) while another commits later stamps; on PostgreSQL writers queue on the
 * change-cursor row first, so only clock skew between machines matters. Rescoring a few papers twice is harmless.
 */
const OVERLAP_MS = 15_000;

export interface StoredCursor extends RecomputeCursor {
  /** The store's change cursor when the run started: serving compares it with the current one. */
  storeSeq: number;
  /** The moment the scores describe. */
  asOf: string;
  /** When the last decay refresh (or full run) ran (ISO, wall clock). */
  decayAt: string;
  /** When the last run finished (ISO, wall clock). */
  computedAt: string;
}

export interface RecomputeOptions {
  /** `full` rescores every paper; `incremental` the changed ones (full when there is no cursor yet). */
  mode: 'full' | 'incremental';
  /** Also rescore papers whose scores move with time alone (recent, observed recently, or trending now). */
  decay?: boolean;
  now?: Date;
  constants?: TrendingConstants;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface RecomputeResult {
  mode: 'full' | 'incremental';
  papers: number;
  batches: number;
  asOf: string | undefined;
  ms: number;
}

/**
 * The moment scores describe: now, or the end of the newest day with data when nothing arrived in the trailing
 * window (stale or demo data), so a stale store still ranks its latest days instead of showing nothing.
 */
export function scoreMoment(now: Date, latestDay: string, trailingDays = TRENDING.trailingDays): string {
  const end = Date.parse(`${latestDay}T23:59:59.999Z`);
  return end < now.getTime() - trailingDays * DAY ? new Date(end).toISOString() : now.toISOString();
}

/** One paper's score row at `asOf` (pure). */
export function scoreRow(
  input: TrendingInput,
  asOf: string,
  computedAt: string,
  c: TrendingConstants = TRENDING,
): TrendingScoreRow {
  const series: SignalSeries = {};
  for (const o of input.observations) {
    (series[o.kind] ??= [] as Snapshot[]).push({ t: Date.parse(o.observedAt), v: o.value });
  }
  for (const kind of Object.keys(series) as SignalKind[]) series[kind]!.sort((a, b) => a.t - b.t);
  const listedAt = Date.parse(`${input.firstSeen}T00:00:00Z`);
  const at = Date.parse(asOf);
  const g = paperGains(series, listedAt, at, c.trailingDays);
  const ageHours = (at - listedAt) / 3_600_000;
  const trending = scoreGains(g.trailing, ageHours, true, c, g.earlier);
  const window = scoreGains(g.sinceListing, ageHours, false, c);
  const all = scoreGains(g.totals, ageHours, false, c);
  return {
    paperId: input.id,
    firstSeen: input.firstSeen,
    primaryCategory: input.primaryCategory,
    hasCode: input.hasCode,
    scoreTrending: trending.score,
    pointsWindow: window.points,
    // All time ranks what a paper earned, not how new it is.
    pointsAll: all.points - all.prior,
    detail: {
      trailing: g.trailing,
      sinceListing: g.sinceListing,
      earlier: g.earlier,
      totals: g.totals,
      prior: trending.prior,
    },
    asOf,
    computedAt,
  };
}

/** Reads the stored incremental cursor, if any. */
export async function readCursor(store: Store): Promise<StoredCursor | undefined> {
  const text = await store.getMeta(CURSOR_KEY);
  return text ? (JSON.parse(text) as StoredCursor) : undefined;
}

/** Rescores papers into trending_scores (see RecomputeOptions); batches yield to the event loop between them. */
export async function recomputeTrending(store: Store, o: RecomputeOptions): Promise<RecomputeResult> {
  const started = performance.now();
  const now = o.now ?? new Date();
  const c = o.constants ?? TRENDING;
  const batchSize = o.batchSize ?? 500;
  const storeSeq = await store.changeSeq();
  const latest = await store.latestActivityDay();
  const previous = await readCursor(store);
  const mode = o.mode === 'incremental' && previous ? 'incremental' : 'full';
  const done = (papers: number, batches: number, asOf?: string): RecomputeResult => ({
    mode,
    papers,
    batches,
    asOf,
    ms: performance.now() - started,
  });
  if (!latest) return done(0, 0);
  const asOf = scoreMoment(now, latest, c.trailingDays);

  let ids: string[];
  let cursor: RecomputeCursor;
  if (mode === 'full') {
    // Everything recorded until now is covered by this run; the next incremental run starts here. recorded_at is
    // wall-clock time of the writer, so the cursor is too (`now` may be a replayed moment).
    cursor = { seq: storeSeq, recordedAt: new Date().toISOString() };
    ids = [];
    for (let after = ''; ;) {
      const page = await store.paperIdsAfter(after, 10_000);
      if (page.length === 0) break;
      ids.push(...page);
      after = page[page.length - 1]!;
    }
  } else {
    const set = new Set<string>();
    const from = new Date(Date.parse(previous!.recordedAt) - OVERLAP_MS).toISOString();
    cursor = { seq: previous!.seq, recordedAt: from };
    for (;;) {
      const page = await store.trendingChangedSince(cursor, 5000);
      for (const id of page.ids) set.add(id);
      const moved = page.cursor.seq !== cursor.seq || page.cursor.recordedAt !== cursor.recordedAt;
      cursor = page.cursor;
      if (!moved) break;
    }
    if (cursor.recordedAt < previous!.recordedAt) cursor = { ...cursor, recordedAt: previous!.recordedAt };
    // Scores also move when the moment moves (a new day when the data was stale, or a jump back).
    const decay = o.decay || previous!.asOf.slice(0, 10) !== asOf.slice(0, 10) || asOf < previous!.asOf;
    if (decay) {
      const at = Date.parse(asOf);
      const sinceDay = new Date(at - (31 + c.priorDays) * DAY).toISOString().slice(0, 10);
      const sinceObserved = new Date(at - (c.trailingDays + 1) * DAY).toISOString();
      for (const id of await store.trendingDecayIds(sinceDay, sinceObserved)) set.add(id);
    }
    ids = [...set];
  }

  const computedAt = now.toISOString();
  let batches = 0;
  for (let i = 0; i < ids.length; i += batchSize) {
    if (o.signal?.aborted) throw new Error('trending recompute stopped: the job was taken over or cancelled');
    const inputs = await store.trendingInputs(ids.slice(i, i + batchSize), asOf);
    await store.saveTrendingScores(inputs.map((input) => scoreRow(input, asOf, computedAt, c)));
    batches++;
    o.onProgress?.(Math.min(i + batchSize, ids.length), ids.length);
    // Let requests in between batches: serving must not wait for a whole recompute.
    await yieldToLoop();
  }
  const decayed = mode === 'full' || o.decay;
  const stored: StoredCursor = {
    ...cursor,
    storeSeq,
    asOf,
    decayAt: decayed ? computedAt : (previous?.decayAt ?? computedAt),
    computedAt: new Date().toISOString(),
  };
  await store.setMeta(CURSOR_KEY, JSON.stringify(stored));
  return done(ids.length, batches, asOf);
}
