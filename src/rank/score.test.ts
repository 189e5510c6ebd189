import { describe, expect, it } from 'vitest';
import { TRENDING, signalPoints, trendingScore } from './score.js';

describe('signalPoints', () => {
  it.each([
    ['hf_upvotes', 42, 42],
    ['hf_comments', 4, 2],
    ['github_stars', 0, 0],
    ['github_stars', 9, 10],
    ['github_stars', 99, 20],
    ['github_stars', 999, 30],
    ['hf_upvotes', -5, 0],
  ] as const)('%s = %d is worth %d points', (kind, value, points) => {
    expect(signalPoints(kind, value)).toBeCloseTo(points, 10);
  });
});

describe('trendingScore', () => {
  it('matches hand-computed values', () => {
    // points = 1 (prior) + 10 upvotes + 10·log10(100) stars = 31; age 48 h = 2 days -> (2 + 2)^1.2 = 5.278
    const s = trendingScore({ hf_upvotes: 10, github_stars: 99 }, 48);
    expect(s.points).toBeCloseTo(31, 10);
    expect(s.score).toBeCloseTo(31 / Math.pow(4, 1.2), 12);
    expect(s.parts.map((p) => p.kind).sort()).toEqual(['github_stars', 'hf_upvotes']);
  });

  it('gives a paper without signals the prior only', () => {
    const s = trendingScore({}, 0);
    expect(s.points).toBe(TRENDING.prior);
    expect(s.score).toBeCloseTo(1 / Math.pow(2, 1.2), 12);
  });

  it('decays with age and ranks by points alone without decay', () => {
    const young = trendingScore({ hf_upvotes: 5 }, 10);
    const old = trendingScore({ hf_upvotes: 5 }, 100);
    expect(young.score).toBeGreaterThan(old.score);
    expect(trendingScore({ hf_upvotes: 5 }, 1000, false).score).toBe(6);
  });

  it('needs about 4.2x the points to tie a paper listed a week later (gravity 1.2, offset 2 days)', () => {
    const older = trendingScore({ hf_upvotes: 41 }, 8 * 24);
    const younger = trendingScore({ hf_upvotes: 9 }, 24);
    // 42 / 10^1.2 = 2.65 vs 10 / 3^1.2 = 2.68: nearly level at a 4.2x ratio of points.
    expect(older.score / younger.score).toBeGreaterThan(0.97);
    expect(older.score / younger.score).toBeLessThan(1.0);
  });

  it("keeps last week's most discussed paper above one listed today without reactions", () => {
    expect(trendingScore({ hf_upvotes: 100 }, 6 * 24).score).toBeGreaterThan(
      trendingScore({ hf_upvotes: 5 }, 12).score,
    );
  });

  it('treats negative ages (clock skew) as brand new', () => {
    expect(trendingScore({}, -5).ageHours).toBe(0);
  });

  it('values 10k stars like 40 upvotes, so a famous repository cannot bury fresh attention', () => {
    expect(trendingScore({ github_stars: 10_000 }, 24).points).toBeCloseTo(
      trendingScore({ hf_upvotes: 40 }, 24).points,
      3,
    );
    expect(trendingScore({ github_stars: 100_000 }, 24).score).toBeLessThan(
      trendingScore({ hf_upvotes: 60 }, 24).score,
    );
  });
});
