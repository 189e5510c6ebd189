// Serving the trending lists from precomputed scores (trending_scores, written by recompute.ts). When this
// process sees data newer than the scores it starts an incremental recompute itself (a web process without a
// worker stays correct), waiting for it only briefly: small updates are in by the time the page renders, a big
// import is scored in the background in batches while the previous scores keep serving.
import type { Paper, SignalValues } from '../model/paper.js';
import type { Store } from '../store/store.js';
import type { Observation, ScoreDetail, TrendingScoreRow } from '../store/trending-store.js';
import { DataStateCache } from '../store/data-state.js';
import { scoreGains, TRENDING, type Score, type TrendingConstants } from './score.js';
import { resolveWindow, type View, type Window } from './window.js';
import { readCursor, recomputeTrending, scoreRow } from './recompute.js';
import { viewValues } from './explain.js';

export interface TrendingQuery {
  view: View;
  category?: string | undefined;
  /** `any` (default): primary or cross-listed; `primary`: the paper's primary category only. */
  categoryMatch?: 'primary' | 'any' | undefined;
  /** true: only papers that link code; false: only papers without; undefined: all. */
  hasCode?: boolean | undefined;
  /** Rank only these papers (e.g. a search's results), in the view's order. */
  ids?: string[] | undefined;
  /** IANA time zone whose calendar days the windows count (default UTC). */
  timeZone?: string | undefined;
  limit: number;
  offset: number;
  now?: Date;
}

export interface TrendingEntry {
  rank: number;
  paper: Paper;
  /** Latest value of each signal. */
  signals: SignalValues;
  /** The score in the requested view, with its parts. */
  score: Score;
  detail: ScoreDetail;
}

export interface TrendingList {
  window: Window | undefined;
  total: number;
  entries: TrendingEntry[];
  /** When the scores were computed, and the moment they describe (undefined before the first recompute). */
  computedAt: string | undefined;
}

export interface TrendingOptions {
  /** How long a request waits for a catch-up recompute before serving the scores it has (default 1.5 s). */
  waitMs?: number;
  /** How old a decay refresh may get before this process starts one (default 1 hour). */
  decayEveryMs?: number;
  constants?: TrendingConstants;
}

/** The score of one view rebuilt from a row's detail (the stored number is the ranking value). */
export function viewScore(row: TrendingScoreRow, view: View, c: TrendingConstants = TRENDING): Score {
  const ageHours = (Date.parse(row.asOf) - Date.parse(`${row.firstSeen}T00:00:00Z`)) / 3_600_000;
  const trending = view === 'trending';
  const s = scoreGains(
    viewValues(row.detail, view),
    ageHours,
    trending,
    c,
    trending ? (row.detail.earlier ?? {}) : {},
  );
  if (trending) return { ...s, score: row.scoreTrending };
  if (view === 'all') return { ...s, prior: 0, points: row.pointsAll, score: row.pointsAll };
  return { ...s, score: row.pointsWindow };
}

const orderOf = (view: View) => (view === 'trending' ? 'trending' : view === 'all' ? 'all' : 'window');

/** Ranks papers for the views from the precomputed scores; keeps them fresh (see the file comment). */
export class Trending {
  private refreshing: Promise<unknown> | undefined;
  /** Slice sizes by (scores' computedAt, order, slice). */
  private readonly totals = new Map<string, number>();
  private readonly waitMs: number;
  private readonly decayEveryMs: number;
  readonly constants: TrendingConstants;

  constructor(
    private readonly store: Store,
    // By default every call sees the latest data; the web app passes a cache shared by its requests.
    private readonly state = new DataStateCache(store, 0),
    opts: TrendingOptions = {},
  ) {
    this.waitMs = opts.waitMs ?? 1500;
    this.decayEveryMs = opts.decayEveryMs ?? 3_600_000;
    this.constants = opts.constants ?? TRENDING;
  }

  /** Starts a catch-up recompute when the scores are behind the data, and waits for it up to waitMs. */
  async ensureFresh(): Promise<void> {
    if (!this.refreshing) {
      const { seq, latestDay } = await this.state.get();
      if (!latestDay) return;
      const cursor = await readCursor(this.store);
      const behind = !cursor || cursor.storeSeq < seq;
      const decay = !!cursor && Date.now() - Date.parse(cursor.decayAt) > this.decayEveryMs;
      if (!behind && !decay) return;
      this.refreshing = recomputeTrending(this.store, {
        mode: 'incremental',
        decay,
        constants: this.constants,
      }).finally(() => (this.refreshing = undefined));
      // A failure is logged by whoever awaits it next; serving goes on with the scores it has.
      this.refreshing.catch(() => {});
    }
    const running = this.refreshing;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      running.catch(() => {}),
      new Promise((resolve) => (timer = setTimeout(resolve, this.waitMs))),
    ]);
    clearTimeout(timer);
  }

  /** One page of the trending list for `q`. */
  async list(q: TrendingQuery): Promise<TrendingList> {
    await this.ensureFresh();
    const latest = (await this.state.get()).latestDay;
    if (!latest) return { window: undefined, total: 0, entries: [], computedAt: undefined };
    const window = resolveWindow(q.view, q.now ?? new Date(), latest, q.timeZone);
    const order = orderOf(q.view);
    const slice = {
      ...(window.from ? { from: window.from } : {}),
      to: window.to,
      ...(q.category ? { category: q.category, categoryMatch: q.categoryMatch ?? 'any' } : {}),
      ...(q.hasCode !== undefined ? { hasCode: q.hasCode } : {}),
    };
    const cursor = await readCursor(this.store);
    let total: number;
    let rows: TrendingScoreRow[];
    if (q.ids) {
      ({ total, rows } = await this.rankIds(q.ids, q, slice));
    } else {
      // A slice's size changes only when scores do: count it once per recompute, not once per page.
      const key = JSON.stringify([cursor?.computedAt, order, slice]);
      const known = this.totals.get(key);
      ({ total, rows } = await this.store.trendingPage({
        order,
        ...slice,
        limit: q.limit,
        offset: q.offset,
        withTotal: known === undefined,
      }));
      if (known !== undefined) total = known;
      else {
        if (this.totals.size >= 500) this.totals.delete(this.totals.keys().next().value!);
        this.totals.set(key, total);
      }
    }
    const papers = new Map((await this.store.papersByIds(rows.map((r) => r.paperId))).map((p) => [p.id, p]));
    const entries = rows.flatMap((r, i) => {
      const paper = papers.get(r.paperId);
      if (!paper) return [];
      return [
        {
          rank: q.offset + i + 1,
          paper,
          signals: r.detail.totals,
          score: viewScore(r, q.view, this.constants),
          detail: r.detail,
        },
      ];
    });
    return { window, total, entries, computedAt: cursor?.computedAt };
  }

  /** Ranks a given set of papers (a search's results) by the view, with the same slice filters. */
  private async rankIds(
    ids: string[],
    q: TrendingQuery,
    slice: { from?: string; to: string; category?: string; hasCode?: boolean },
  ): Promise<{ total: number; rows: TrendingScoreRow[] }> {
    const rows = await this.store.trendingScoresFor(ids);
    let categories: Map<string, string[]> | undefined;
    if (slice.category && q.categoryMatch !== 'primary') {
      categories = new Map((await this.store.papersByIds(ids)).map((p) => [p.id, p.categories]));
    }
    const value = (r: TrendingScoreRow) =>
      q.view === 'trending' ? r.scoreTrending : q.view === 'all' ? r.pointsAll : r.pointsWindow;
    const kept = rows
      .filter(
        (r) =>
          (!slice.from || r.firstSeen >= slice.from) &&
          r.firstSeen <= slice.to &&
          (q.view !== 'trending' || r.scoreTrending > 0) &&
          (slice.hasCode === undefined || r.hasCode === slice.hasCode) &&
          (!slice.category ||
            (categories
              ? (categories.get(r.paperId) ?? []).includes(slice.category)
              : r.primaryCategory === slice.category)),
      )
      .sort(
        (a, b) =>
          value(b) - value(a) || b.firstSeen.localeCompare(a.firstSeen) || a.paperId.localeCompare(b.paperId),
      );
    return { total: kept.length, rows: kept.slice(q.offset, q.offset + q.limit) };
  }

  /** Every ranked paper id of a view, best first, at most `limit` (search's "sort by trending"). */
  async rankedIds(view: View = 'trending', limit = 20_000): Promise<string[]> {
    await this.ensureFresh();
    return this.store.trendingRankedIds(view === 'all' ? 'all' : 'trending', limit);
  }

  /** The scores and reasons of one paper in the trending view (scored on the spot when not yet computed). */
  async forPaper(
    paper: Paper,
    now = new Date(),
  ): Promise<{ signals: SignalValues; score: Score; detail: ScoreDetail; window: Window }> {
    await this.ensureFresh();
    const latest = (await this.state.get()).latestDay ?? paper.firstSeen;
    const window = resolveWindow('trending', now, latest);
    let row = (await this.store.trendingScoresFor([paper.id]))[0];
    if (!row) {
      const cursor = await readCursor(this.store);
      const asOf = cursor?.asOf ?? window.asOf;
      const [input] = await this.store.trendingInputs([paper.id], asOf);
      if (input) row = scoreRow(input, asOf, new Date().toISOString(), this.constants);
    }
    if (!row) {
      const empty: ScoreDetail = { trailing: {}, sinceListing: {}, earlier: {}, totals: {}, prior: 0 };
      return { signals: {}, score: scoreGains({}, 0, true, this.constants), detail: empty, window };
    }
    return {
      signals: row.detail.totals,
      score: viewScore(row, 'trending', this.constants),
      detail: row.detail,
      window: { ...window, asOf: row.asOf },
    };
  }

  /** Every observation of these papers up to `asOf` (ISO), oldest first, for sparklines. */
  async history(ids: string[], asOf: string): Promise<Map<string, Observation[]>> {
    const inputs = await this.store.trendingInputs(ids, asOf);
    return new Map(inputs.map((i) => [i.id, i.observations]));
  }
}
