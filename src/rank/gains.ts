// From a paper's signal time series to the three quantities the views rank by: gains over the trailing days
// (trending), gains since the paper was listed (day/week/month) and latest totals (all time). Pure.
import { localSignalKinds, type SignalKind, type SignalValues } from '../model/paper.js';
import { gain, valueAt, type GainOptions, type Snapshot } from './velocity.js';

const DAY = 86_400_000;

/** A paper's observations per signal kind, each sorted by time. */
export type SignalSeries = Partial<Record<SignalKind, Snapshot[]>>;

export interface PaperGains {
  /** Gains over [asOf − trailingDays, asOf]. */
  trailing: SignalValues;
  /** Gains over [listing day start, asOf]. */
  sinceListing: SignalValues;
  /** Gains since listing made before the trailing window (sinceListing − trailing). */
  earlier: SignalValues;
  /** Latest value of each signal at asOf. */
  totals: SignalValues;
}

/**
 * How far after the listing a first Hugging Face observation still counts as a rise from 0: papers are featured
 * there within days of arXiv listing (median 2 days, 99% within 14 in the replay data), and counts start at 0.
 * A paper first seen there later (a backfill of old days) has its count treated as already reached.
 */
export const HF_FRESH_DAYS = 14;

const local = new Set<SignalKind>(localSignalKinds);

/**
 * How the value of `kind` before its first observation is read:
 * - paperpulse's own signals are running totals written when they change: 0 before, steps at each write;
 * - Hugging Face upvotes/comments start at 0 when the paper is featured, soon after listing;
 * - GitHub stars: a repository may be years old when a paper links it, so a first observation is never a gain.
 */
export function gainOptions(kind: SignalKind, listedAt: number): GainOptions {
  if (local.has(kind)) return { step: true };
  if (kind === 'hf_upvotes' || kind === 'hf_comments')
    return { bornAt: listedAt, freshMs: HF_FRESH_DAYS * DAY };
  return {};
}

/** The gains and totals of one paper at `asOf` (ms), listed at `listedAt` (ms), with a trailing window of `trailingDays`. */
export function paperGains(
  series: SignalSeries,
  listedAt: number,
  asOf: number,
  trailingDays: number,
): PaperGains {
  const out: PaperGains = { trailing: {}, sinceListing: {}, earlier: {}, totals: {} };
  for (const [kind, snaps] of Object.entries(series) as [SignalKind, Snapshot[]][]) {
    const seen = snaps.filter((s) => s.t <= asOf);
    if (seen.length === 0) continue;
    const opts = gainOptions(kind, listedAt);
    out.totals[kind] = valueAt(seen, asOf, opts);
    const trailing = gain(seen, asOf - trailingDays * DAY, asOf, opts);
    if (trailing > 0) out.trailing[kind] = trailing;
    const since = gain(seen, Math.min(listedAt, asOf), asOf, opts);
    if (since > 0) out.sinceListing[kind] = since;
    if (since - trailing > 1e-9) out.earlier[kind] = since - trailing;
  }
  return out;
}
