import { describe, expect, it } from 'vitest';
import { scoreMoment, scoreRow } from './recompute.js';
import type { TrendingInput } from '../store/trending-store.js';

describe('scoreMoment (stale data)', () => {
  const now = new Date('2026-11-30T10:15:00Z');
  it.each([
    ['data today: now', '2026-11-30', now.toISOString()],
    ['data 6 days old: still now', '2026-11-24', now.toISOString()],
    // Nothing in the last 7 days: score as of the end of the newest day with data, so the lists still rank it.
    ['data 8 days old: the end of that day', '2026-11-22', '2026-11-22T23:59:59.999Z'],
    ['demo data from 2025', '2025-12-18', '2025-12-18T23:59:59.999Z'],
  ])('%s', (_name, latest, expected) => expect(scoreMoment(now, latest)).toBe(expected));
});

describe('scoreRow', () => {
  const input: TrendingInput = {
    id: '2511.00001',
    firstSeen: '2025-12-10',
    primaryCategory: 'cs.LG',
    hasCode: true,
    observations: [
      { kind: 'hf_upvotes', value: 10, observedAt: '2025-12-10T12:00:00.000Z' },
      { kind: 'github_stars', value: 5000, observedAt: '2025-12-11T00:00:00.000Z' },
      { kind: 'github_stars', value: 5099, observedAt: '2025-12-15T00:00:00.000Z' },
      { kind: 'hf_upvotes', value: 30, observedAt: '2025-12-16T12:00:00.000Z' },
    ],
  };

  it('scores a stale store as of its last day: gains, earlier gains and totals', () => {
    const asOf = '2025-12-18T23:59:59.999Z';
    const row = scoreRow(input, asOf, 'x');
    // Trailing 7 days from Dec 11 23:59:59.999: upvotes 10 → 30 over Dec 10 12:00 .. Dec 16 12:00 (linear).
    const up11 =
      10 +
      (20 * (Date.parse('2025-12-11T23:59:59.999Z') - Date.parse('2025-12-10T12:00:00Z'))) / (6 * 86_400_000);
    expect(row.detail.trailing.hf_upvotes).toBeCloseTo(30 - up11, 9);
    expect(row.detail.earlier.hf_upvotes).toBeCloseTo(up11, 9);
    // The 5,000 of the first observation are not a gain; of the 99 after it, the part after the window start.
    const stars11 =
      5000 +
      (99 * (Date.parse('2025-12-11T23:59:59.999Z') - Date.parse('2025-12-11T00:00:00Z'))) / (4 * 86_400_000);
    expect(row.detail.trailing.github_stars).toBeCloseTo(5099 - stars11, 9);
    expect(row.detail.sinceListing.github_stars).toBeCloseTo(99, 9);
    expect(row.detail.totals).toEqual({ hf_upvotes: 30, github_stars: 5099 });
    expect(row.pointsAll).toBeCloseTo(30 + 10 * Math.log10(5100), 9);
    expect(row.asOf).toBe(asOf);
  });

  it('is a pure function of the inputs and the moment', () => {
    const a = scoreRow(input, '2025-12-18T23:59:59.999Z', 'x');
    const b = scoreRow(
      { ...input, observations: [...input.observations].reverse() },
      '2025-12-18T23:59:59.999Z',
      'x',
    );
    expect(b).toEqual(a);
  });
});
