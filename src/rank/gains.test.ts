import { describe, expect, it } from 'vitest';
import { paperGains } from './gains.js';

const D = 86_400_000;
const listed = Date.UTC(2026, 10, 1);
const at = (days: number, hours = 0) => listed + days * D + hours * 3_600_000;

describe('paperGains from irregular snapshots', () => {
  it('interpolates between polls: trailing gains, gains since listing, totals', () => {
    // Stars polled irregularly: the repository already had 500 when first seen.
    const g = paperGains(
      {
        github_stars: [
          { t: at(1), v: 500 },
          { t: at(1, 12), v: 560 },
          { t: at(4), v: 800 },
          { t: at(12), v: 1200 },
        ],
      },
      listed,
      at(12),
      7,
    );
    // At day 12: 1200; at day 5: 800 + (1200 − 800)·1/8 = 850.
    expect(g.totals.github_stars).toBeCloseTo(1200, 9);
    expect(g.trailing.github_stars).toBeCloseTo(350, 9);
    // Since listing: the 500 of the first observation are not a gain.
    expect(g.sinceListing.github_stars).toBeCloseTo(700, 9);
    // At day 3.25 the day-4 poll has not happened yet: the value stays at the last one seen.
    const mid = paperGains(
      {
        github_stars: [
          { t: at(1), v: 500 },
          { t: at(1, 12), v: 560 },
          { t: at(4), v: 800 },
        ],
      },
      listed,
      at(3, 6),
      7,
    );
    expect(mid.totals.github_stars).toBeCloseTo(560, 9);
  });

  it('never counts the first observation of an old repository as a gain', () => {
    const g = paperGains({ github_stars: [{ t: at(2), v: 45_000 }] }, listed, at(3), 7);
    expect(g.trailing).toEqual({});
    expect(g.sinceListing).toEqual({});
    expect(g.totals.github_stars).toBe(45_000);
  });

  it('counts Hugging Face upvotes from 0 at listing when first seen soon after, not after a late backfill', () => {
    const fresh = paperGains({ hf_upvotes: [{ t: at(2), v: 40 }] }, listed, at(3), 7);
    expect(fresh.trailing.hf_upvotes).toBe(40);
    const late = paperGains({ hf_upvotes: [{ t: at(20), v: 40 }] }, listed, at(21), 7);
    expect(late.trailing).toEqual({});
    expect(late.totals.hf_upvotes).toBe(40);
  });

  it('counts local running totals as steps from 0', () => {
    const g = paperGains(
      {
        pp_views: [
          { t: at(0, 10), v: 3 },
          { t: at(9), v: 10 },
        ],
      },
      listed,
      at(10),
      7,
    );
    expect(g.trailing.pp_views).toBe(7);
    expect(g.sinceListing.pp_views).toBe(10);
  });

  it('ignores observations after the moment (a replay sees only the past)', () => {
    const g = paperGains(
      {
        hf_upvotes: [
          { t: at(1), v: 5 },
          { t: at(5), v: 50 },
        ],
      },
      listed,
      at(2),
      7,
    );
    expect(g.totals.hf_upvotes).toBe(5);
  });

  it('has nothing to gain once a paper goes quiet (stale series)', () => {
    const g = paperGains(
      {
        hf_upvotes: [
          { t: at(1), v: 5 },
          { t: at(2), v: 9 },
        ],
      },
      listed,
      at(30),
      7,
    );
    expect(g.trailing).toEqual({});
    expect(g.totals.hf_upvotes).toBe(9);
  });
});
