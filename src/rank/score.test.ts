import { describe, expect, it } from 'vitest';
import { TRENDING, scoreGains, signalPoints, withWeights } from './score.js';

describe('signalPoints', () => {
  it.each([
    ['hf_upvotes', 42, 42],
    ['hf_comments', 4, 2],
    ['github_stars', 0, 0],
    ['github_stars', 9, 10],
    ['github_stars', 99, 20],
    ['github_stars', 999, 30],
    ['pp_upvotes', 3, 3],
    ['pp_saves', 2, 3],
    ['pp_views', 40, 2],
    ['pp_clicks', 10, 3],
    ['hf_upvotes', -5, 0],
  ] as const)('%s gained %d is worth %d points', (kind, value, points) => {
    expect(signalPoints(kind, value)).toBeCloseTo(points, 10);
  });
});

describe('scoreGains (hand-computed table, shipped constants: gravity 1.2, offset 10 d, prior 1 for 3 d, past 0.1)', () => {
  // Columns: gains, age in hours, decay?, earlier gains, expected points, expected score.
  it.each([
    // 1 (prior, under 3 days) + 10 upvotes + 99 stars gained (10·log10(100) = 20) = 31; (2 + 10)^1.2 = 19.73
    [
      'upvotes and stars, 2 days',
      { hf_upvotes: 10, github_stars: 99 },
      48,
      true,
      {},
      31,
      31 / Math.pow(12, 1.2),
    ],
    // brand new without signals: the prior (1) over (0 + 10)^1.2 = 15.85
    ['brand new, nothing yet', {}, 0, true, {}, 1, 1 / Math.pow(10, 1.2)],
    // 71 hours: still inside the 3-day prior → 1 + 4 upvotes + 2 comments·0.5 = 6 over (71/24 + 10)^1.2
    [
      'young with a prior',
      { hf_upvotes: 4, hf_comments: 2 },
      71,
      true,
      {},
      6,
      6 / Math.pow(71 / 24 + 10, 1.2),
    ],
    // 72 hours: the prior has ended
    ['prior ends at 3 days', { hf_upvotes: 4, hf_comments: 2 }, 72, true, {}, 5, 5 / Math.pow(13, 1.2)],
    // local signals: 2 upvotes + 2 saves·1.5 + 100 views·0.05 + 5 clicks·0.3 = 2 + 3 + 5 + 1.5 = 11.5
    [
      'local signals',
      { pp_upvotes: 2, pp_saves: 2, pp_views: 100, pp_clicks: 5 },
      240,
      true,
      {},
      11.5,
      11.5 / Math.pow(20, 1.2),
    ],
    // 20 days old: 6 upvotes this week, 200 before it at 0.1 → 6 + 20 = 26 over 30^1.2
    [
      'earlier attention fades in',
      { hf_upvotes: 6 },
      480,
      true,
      { hf_upvotes: 200 },
      26,
      26 / Math.pow(30, 1.2),
    ],
    // without decay the score is the points (earlier gains are the trending view's only)
    ['window (no decay)', { hf_upvotes: 7 }, 500, false, {}, 7, 7],
    // old and nothing gained: 0 (it drops out of the trending view)
    ['old, nothing gained', {}, 24 * 40, true, {}, 0, 0],
  ] as const)('%s', (_name, gains, age, decay, earlier, points, score) => {
    const s = scoreGains(gains, age, decay, TRENDING, earlier);
    expect(s.points).toBeCloseTo(points, 10);
    expect(s.score).toBeCloseTo(score, 10);
  });

  it('lists the parts by points, largest first, and skips zero gains', () => {
    const s = scoreGains({ hf_upvotes: 3, github_stars: 9999, hf_comments: 0 }, 100, true);
    expect(s.parts.map((p) => [p.kind, Math.round(p.points)])).toEqual([
      ['github_stars', 40],
      ['hf_upvotes', 3],
    ]);
  });

  it('treats negative ages (clock skew) as brand new', () => {
    expect(scoreGains({}, -5, true).ageHours).toBe(0);
  });

  it('needs about 1.8x the points to tie a paper listed a week later (gravity 1.2, offset 10 days)', () => {
    const older = scoreGains({ hf_upvotes: 20 }, 8 * 24, true);
    const younger = scoreGains({ hf_upvotes: 10 }, 24, true);
    // 20 / 18^1.2 = 0.624 vs (10 + 1 prior) / 11^1.2 = 0.615
    expect(older.score / younger.score).toBeCloseTo(20 / Math.pow(18, 1.2) / (11 / Math.pow(11, 1.2)), 10);
    expect(Math.pow(18 / 11, 1.2)).toBeCloseTo(1.81, 2);
  });

  it('keeps 10k stars gained worth about 40 upvotes, so a famous repository cannot bury fresh attention', () => {
    expect(scoreGains({ github_stars: 10_000 }, 96, false).points).toBeCloseTo(40, 3);
  });
});

describe('withWeights', () => {
  it('overrides some weights and keeps the rest', () => {
    const c = withWeights({ github_stars: 5, pp_views: 0 });
    expect(c.weights.github_stars).toBe(5);
    expect(c.weights.pp_views).toBe(0);
    expect(c.weights.hf_upvotes).toBe(TRENDING.weights.hf_upvotes);
    expect(scoreGains({ github_stars: 99, pp_views: 1000 }, 96, false, c).points).toBeCloseTo(10, 10);
    expect(withWeights({})).toBe(TRENDING);
  });
});
