// Trending score v0: a pure function of a paper's latest signals and its age. Published at /about#trending.
import type { SignalKind, SignalValues } from '../model/paper.js';

/**
 * The constants of the formula, named so the about page, the API and the tests all read the same numbers.
 *   points = upvotes·1 + comments·0.5 + 10·log10(1 + stars) + 1
 *   score  = points / (age_days + 2)^1.2
 */
export const TRENDING = Object.freeze({
  /** Points per Hugging Face upvote and per comment. */
  weights: Object.freeze({ hf_upvotes: 1, hf_comments: 0.5 }),
  /** Points per tenfold of GitHub stars: stars are heavy-tailed, so 10k stars must not bury 40 upvotes for ever. */
  starsPerDecade: 10,
  /** Every paper starts with one point, so brand-new papers without signals can still surface. */
  prior: 1,
  /**
   * Days added to the age. Attention to a paper builds over days, not minutes (as on a news site), so a paper
   * listed this morning does not outrank last week's most discussed one on its first point.
   */
  offsetDays: 2,
  /** How fast attention fades: at 1.2 a paper needs about 4.2 times the points of one listed a week later. */
  gravity: 1.2,
});

export interface ScorePart {
  kind: SignalKind;
  value: number;
  points: number;
}

export interface Score {
  /** The ranking value (points for all-time "top", decayed points otherwise). */
  score: number;
  points: number;
  parts: ScorePart[];
  ageHours: number;
}

/** Points one signal value is worth. */
export function signalPoints(kind: SignalKind, value: number): number {
  if (kind === 'github_stars') return TRENDING.starsPerDecade * Math.log10(1 + Math.max(0, value));
  return TRENDING.weights[kind] * Math.max(0, value);
}

/** Scores a paper from its latest signal values and age in hours; `decay: false` ranks by points alone. */
export function trendingScore(signals: SignalValues, ageHours: number, decay = true): Score {
  const parts: ScorePart[] = [];
  for (const [kind, value] of Object.entries(signals) as [SignalKind, number][]) {
    parts.push({ kind, value, points: signalPoints(kind, value) });
  }
  const points = TRENDING.prior + parts.reduce((sum, p) => sum + p.points, 0);
  const age = Math.max(0, ageHours);
  const score = decay ? points / Math.pow(age / 24 + TRENDING.offsetDays, TRENDING.gravity) : points;
  return { score, points, parts, ageHours: age };
}
