// Gains of cumulative signals (stars, upvotes) over a time window, from irregular snapshots. Pure.

export interface Snapshot {
  /** Observation time, ms since epoch. */
  t: number;
  /** The cumulative count seen then. */
  v: number;
}

export interface GainOptions {
  /**
   * When the counted thing came into existence (a paper's first listing, a repository's creation), if known.
   * A first snapshot soon after birth is preceded by a rise from 0; a first snapshot long after birth is not
   * evidence of a sudden gain: the count may have been reached years ago.
   */
  bornAt?: number;
  /** How soon after birth the first snapshot must be for the rise from 0 to be counted (default 3 days). */
  freshMs?: number;
  /**
   * Running totals written at the moment they change (paperpulse's own signals): the value is 0 before the
   * first snapshot and steps at each one, instead of rising linearly between polls.
   */
  step?: boolean;
}

const DAY = 86_400_000;

/**
 * The value at time `t`: interpolated linearly between snapshots, flat after the last one (nothing known
 * since), and before the first one either rising from 0 at birth (fresh) or flat at the first value.
 */
export function valueAt(snaps: readonly Snapshot[], t: number, opts: GainOptions = {}): number {
  const first = snaps[0];
  if (!first) return 0;
  if (t >= snaps[snaps.length - 1]!.t) return snaps[snaps.length - 1]!.v;
  if (opts.step && t < first.t) return 0;
  if (t <= first.t) {
    const born = opts.bornAt;
    if (born === undefined || first.t - born > (opts.freshMs ?? 3 * DAY) || born > first.t) return first.v;
    // Seen at the very moment of birth: the count rose from 0 then.
    if (born === first.t) return t < born ? 0 : first.v;
    if (t <= born) return 0;
    return (first.v * (t - born)) / (first.t - born);
  }
  // Binary search for the snapshots around t.
  let lo = 0;
  let hi = snaps.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (snaps[mid]!.t <= t) lo = mid;
    else hi = mid;
  }
  const a = snaps[lo]!;
  const b = snaps[hi]!;
  if (opts.step) return a.v;
  return b.t === a.t ? b.v : a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t);
}

/** The gain over [from, to] (never negative: a dip in stars is not negative attention). Snapshots sorted by t. */
export function gain(snaps: readonly Snapshot[], from: number, to: number, opts: GainOptions = {}): number {
  if (to <= from) return 0;
  return Math.max(0, valueAt(snaps, to, opts) - valueAt(snaps, from, opts));
}
