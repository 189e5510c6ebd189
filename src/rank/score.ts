// The trending score: a pure function of a paper's signal *gains* over a window and its age. Published at
// /about/trending with these very constants; the measurements behind them are in docs/architecture.md.
import { signalKinds, type SignalKind, type SignalValues } from '../model/paper.js';

/** Points per unit of each signal gained (GitHub stars: per tenfold gained, see `logKinds`). */
export type Weights = Readonly<Record<SignalKind, number>>;

/**
 * The constants of the formula, named so the about page, the API and the tests read the same numbers.
 *   points = Σ weight_s · gain_s  (+ prior while the paper is brand new)     gain of stars taken as log10(1 + gain)
 *   trending score = (points + pastWeight · points of earlier gains) / (age_days + offsetDays)^gravity
 *                    with gains over the trailing `trailingDays`; earlier = since listing, before those days
 *   day / week / month = points from gains since listing (papers listed in the window), no decay
 *   all time = points from the latest totals
 */
export const TRENDING: TrendingConstants = Object.freeze({
  weights: Object.freeze({
    /** A Hugging Face upvote is the reference unit. */
    hf_upvotes: 1,
    /** A comment is a weaker, noisier vote (replay nDCG@20: 0 → 0.814, 0.5 and 1 → 0.815). */
    hf_comments: 0.5,
    /** Per tenfold of stars *gained* in the window: heavy-tailed, so 10k stars must not bury 40 upvotes. */
    github_stars: 10,
    /** A reader's upvote here counts like one on Hugging Face. */
    pp_upvotes: 1,
    /** Saving for later is a stronger intent than an upvote. */
    pp_saves: 1.5,
    /** A deduplicated page view (one per visitor per day) is a weak signal: 20 views = 1 upvote. */
    pp_views: 0.05,
    /** A click from a digest email: the reader chose this paper among a dozen. */
    pp_clicks: 0.3,
  } satisfies Weights),
  /** Kinds whose gain counts logarithmically (points = weight · log10(1 + gain)). */
  logKinds: Object.freeze(['github_stars'] as SignalKind[]),
  /** The open-ended trending view counts gains over the last this many days. */
  trailingDays: 7,
  /**
   * What a point gained before the trailing window is worth in the trending view: attention does not vanish
   * after a week, it fades (with the age decay); without it a paper quiet for a week would leave the list.
   * Replay (nDCG@20): 0 → 0.815, 0.1 → 0.810, 0.25 → 0.799. Memory costs this week's ranking a little; 0.1
   * keeps a paper that went quiet listed, fading, instead of dropping it the day its last gain leaves the window.
   */
  pastWeight: 0.1,
  /**
   * Points every paper gets while it is younger than `priorDays`, so brand-new papers surface before signals.
   * Replay: prior 0/1/3 gives nDCG@20 0.815/0.814/0.809, so 1 costs almost nothing and 3 is too much.
   */
  prior: 1,
  priorDays: 3,
  /**
   * Days added to the age, so a paper listed this morning does not outrank last week's most discussed one.
   * Replay (best nDCG@20 per offset): 1 d 0.812, 2 d 0.813, 5 d 0.814, 10 d 0.815; v0's 2 days decayed too fast.
   */
  offsetDays: 10,
  /**
   * How fast attention fades with age; at 1.2 (offset 10) a paper needs 1.8x the points of one listed a week
   * later. Replay: gravity 0.4 .. 1.5 all within 0.812 .. 0.815 nDCG@20; 1.2 and 1.5 tie at the top.
   */
  gravity: 1.2,
});

/** The shape of TRENDING with plain numbers (config overrides and the evaluation's grid build variants). */
export interface TrendingConstants {
  readonly weights: Weights;
  readonly logKinds: readonly SignalKind[];
  readonly trailingDays: number;
  readonly pastWeight: number;
  readonly prior: number;
  readonly priorDays: number;
  readonly offsetDays: number;
  readonly gravity: number;
}

export interface ScorePart {
  kind: SignalKind;
  /** The gain (or, for all time, the total) of this signal. */
  value: number;
  points: number;
}

export interface Score {
  /** The ranking value (decayed points for the trending view, points otherwise). */
  score: number;
  /** Points before decay, including the prior and earlier attention. */
  points: number;
  /** Points of the recency prior (0 once the paper is older than priorDays). */
  prior: number;
  /** Points from gains before the trailing window, already weighted by pastWeight (trending view only). */
  past: number;
  parts: ScorePart[];
  ageHours: number;
}

/** Points `amount` of signal `kind` is worth under constants `c`. */
export function signalPoints(kind: SignalKind, amount: number, c: TrendingConstants = TRENDING): number {
  const v = Math.max(0, amount);
  return c.logKinds.includes(kind) ? c.weights[kind] * Math.log10(1 + v) : c.weights[kind] * v;
}

/**
 * Scores gains (or totals) per signal for a paper `ageHours` old. `decay` divides by the age term (the
 * trending view); without it the score is the points (windows and all time). Parts are ordered by points.
 */
export function scoreGains(
  gains: SignalValues,
  ageHours: number,
  decay: boolean,
  c: TrendingConstants = TRENDING,
  earlier: SignalValues = {},
): Score {
  const parts: ScorePart[] = [];
  for (const kind of signalKinds) {
    const value = gains[kind];
    if (value === undefined || value <= 0) continue;
    parts.push({ kind, value, points: signalPoints(kind, value, c) });
  }
  parts.sort((a, b) => b.points - a.points);
  const age = Math.max(0, ageHours);
  const prior = age < c.priorDays * 24 ? c.prior : 0;
  let past = 0;
  for (const kind of signalKinds) past += signalPoints(kind, earlier[kind] ?? 0, c);
  past *= c.pastWeight;
  const points = prior + past + parts.reduce((sum, p) => sum + p.points, 0);
  const score = decay ? points / Math.pow(age / 24 + c.offsetDays, c.gravity) : points;
  return { score, points, prior, past, parts, ageHours: age };
}

/** The constants with some weights overridden (config); unknown kinds are refused by the config schema. */
export function withWeights(overrides: Partial<Record<SignalKind, number>> | undefined): TrendingConstants {
  if (!overrides || Object.keys(overrides).length === 0) return TRENDING;
  return Object.freeze({ ...TRENDING, weights: Object.freeze({ ...TRENDING.weights, ...overrides }) });
}
