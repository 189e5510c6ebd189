import { describe, expect, it } from 'vitest';
import { sparkLines } from './sparkline.js';

const D = 86_400_000;
const t0 = Date.UTC(2026, 10, 1);
const iso = (days: number) => new Date(t0 + days * D).toISOString();

describe('sparkLines', () => {
  it('samples each signal with the score’s interpolation, scaled to its own range', () => {
    const lines = sparkLines(
      [
        { kind: 'github_stars', value: 100, observedAt: iso(0) },
        { kind: 'github_stars', value: 400, observedAt: iso(29) },
        { kind: 'hf_upvotes', value: 10, observedAt: iso(1) },
      ],
      t0,
      t0,
      t0 + 29 * D,
    );
    // Ordered by relative rise: upvotes rose from 0 (all of it), stars by three quarters.
    expect(lines.map((l) => [l.kind, l.first, l.last])).toEqual([
      ['hf_upvotes', 0, 10],
      ['github_stars', 100, 400],
    ]);
    const stars = lines[1]!.points.split(' ').map((p) => p.split(',').map(Number));
    expect(stars).toHaveLength(30);
    // A straight rise from the bottom (y 26) to the top (y 2), left to right across 120 px.
    expect(stars[0]).toEqual([0, 26]);
    expect(stars[29]).toEqual([120, 2]);
    expect(stars[15]![1]).toBeCloseTo(26 - 24 * (15 / 29), 1);
  });

  it('keeps at most two lines and draws a flat series on the baseline', () => {
    const lines = sparkLines(
      [
        { kind: 'hf_comments', value: 3, observedAt: iso(0) },
        { kind: 'pp_views', value: 5, observedAt: iso(2) },
        { kind: 'pp_saves', value: 1, observedAt: iso(3) },
      ],
      t0 - 100 * D,
      t0 + 5 * D,
      t0 + 10 * D,
    );
    expect(lines).toHaveLength(2);
    const flat = sparkLines(
      [{ kind: 'hf_comments', value: 3, observedAt: iso(0) }],
      t0 - 100 * D,
      t0 + D,
      t0 + 2 * D,
    );
    expect(new Set(flat[0]!.points.split(' ').map((p) => p.split(',')[1]))).toEqual(new Set(['26.0']));
  });
});
