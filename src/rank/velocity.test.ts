import { describe, expect, it } from 'vitest';
import { gain, valueAt, type Snapshot } from './velocity.js';

const D = 86_400_000;
const day = (n: number) => Date.UTC(2026, 10, 1) + n * D;
const snaps = (...pairs: [number, number][]): Snapshot[] => pairs.map(([d, v]) => ({ t: day(d), v }));

describe('valueAt', () => {
  const s = snaps([2, 100], [4, 140], [10, 200]);
  it.each([
    ['on a snapshot', 4, 140],
    ['between snapshots (linear)', 3, 120],
    ['between uneven snapshots', 7, 170],
    ['after the last snapshot: flat', 30, 200],
    ['before the first, birth unknown: flat', 0, 100],
  ])('%s', (_name, d, v) => expect(valueAt(s, day(d))).toBeCloseTo(v, 9));

  it('rises from 0 when the first snapshot came soon after birth', () => {
    const fresh = snaps([2, 100]);
    expect(valueAt(fresh, day(1), { bornAt: day(0) })).toBeCloseTo(50, 9);
    expect(valueAt(fresh, day(-1), { bornAt: day(0) })).toBe(0);
  });

  it('does not invent a rise for an old repository seen for the first time', () => {
    const old = snaps([40, 5000]);
    expect(valueAt(old, day(39), { bornAt: day(0) })).toBe(5000);
  });

  it('is 0 without snapshots', () => expect(valueAt([], day(1))).toBe(0));
});

describe('gain', () => {
  it.each([
    ['inside one segment', snaps([0, 0], [10, 100]), 2, 5, 30],
    ['across several snapshots', snaps([0, 10], [2, 30], [3, 90], [8, 100]), 1, 4, 92 - 20],
    ['window after the last snapshot: nothing known, no gain', snaps([0, 10], [2, 30]), 3, 9, 0],
    ['window before the first snapshot, old thing: no gain', snaps([5, 900]), 0, 3, 0],
    ['stars that dropped: no negative gain', snaps([0, 100], [5, 80]), 0, 5, 0],
    ['empty window', snaps([0, 0], [10, 100]), 5, 5, 0],
  ])('%s', (_name, s, from, to, expected) => expect(gain(s, day(from), day(to))).toBeCloseTo(expected, 9));

  it('counts the rise of a new repository from its birth', () => {
    // Created on day 0, first polled on day 2 with 300 stars, then 360 on day 4.
    const s = snaps([2, 300], [4, 360]);
    expect(gain(s, day(0), day(4), { bornAt: day(0) })).toBeCloseTo(360, 9);
    expect(gain(s, day(0), day(4), { bornAt: day(-400) })).toBeCloseTo(60, 9);
  });
});

describe('running totals written when they change (step)', () => {
  // Upvotes here: 1 on day 2, 3 on day 5, 4 on day 9.
  const s = snaps([2, 1], [5, 3], [9, 4]);
  it.each([
    ['before the first write: 0', 1, 0],
    ['between writes: the last total, no interpolation', 4, 1],
    ['on a write', 5, 3],
    ['after the last write', 20, 4],
  ])('%s', (_name, d, v) => expect(valueAt(s, day(d), { step: true })).toBe(v));

  it('counts the first write as a gain from 0 (these counts start at 0 here)', () => {
    expect(gain(s, day(0), day(3), { step: true })).toBe(1);
    expect(gain(s, day(3), day(8), { step: true })).toBe(2);
  });
});

describe('a first snapshot at the moment of birth', () => {
  it('counts the whole value as risen from 0 at birth', () => {
    const s = snaps([0, 500]);
    expect(gain(s, day(-1), day(1), { bornAt: day(0) })).toBe(500);
    expect(valueAt(s, day(-0.5), { bornAt: day(0) })).toBe(0);
  });
});
