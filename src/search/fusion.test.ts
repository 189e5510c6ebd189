import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion, scoreFusion } from './fusion.js';

describe('reciprocalRankFusion', () => {
  it.each([
    { lists: [['a', 'b', 'c']], k: 60, want: ['a', 'b', 'c'] },
    // b is second in both: 2/62 beats a's 1/61 + 0 and c's 1/61.
    {
      lists: [
        ['a', 'b'],
        ['c', 'b'],
      ],
      k: 60,
      want: ['b', 'a', 'c'],
    },
    // Ties keep the order of first appearance.
    { lists: [['a'], ['c']], k: 60, want: ['a', 'c'] },
    // A small k rewards the very top: a (1/2) beats b (1/3 + 1/3 = 0.667)? No: 0.5 < 0.667.
    {
      lists: [
        ['a', 'b'],
        ['b', 'x'],
      ],
      k: 1,
      want: ['b', 'a', 'x'],
    },
    { lists: [[], []], k: 60, want: [] },
  ])('fuses $lists with k=$k', ({ lists, k, want }) => {
    expect(reciprocalRankFusion(lists, k).map((f) => f.id)).toEqual(want);
  });

  it('scores 1/(k + rank) per list', () => {
    const [top] = reciprocalRankFusion([['a'], ['a']]);
    expect(top!.score).toBeCloseTo(2 / 61, 12);
  });

  it('weights lists', () => {
    expect(reciprocalRankFusion([['a'], ['b']], 60, [0.5, 1]).map((f) => f.id)).toEqual(['b', 'a']);
  });
});

describe('scoreFusion', () => {
  const cos: Record<string, number> = { a: 0.1, b: 0.9, c: 0.8, d: 0.2 };
  it.each([
    // a: 1 + 0.05; b: 0.5 + 0.45 = 0.95; c (semantic only): 0.4.
    { weight: 0.5, want: ['a', 'b', 'c'] },
    // a: 1 + 0.2 = 1.2; b: 0.5 + 1.8 = 2.3; c: 1.6.
    { weight: 2, want: ['b', 'c', 'a'] },
    { weight: 0, want: ['a', 'b', 'c'] },
  ])('ranks by keyword/best + $weight × cosine', ({ weight, want }) => {
    const kw = [
      { id: 'a', score: 10 },
      { id: 'b', score: 5 },
    ];
    expect(scoreFusion(kw, (id) => cos[id] ?? 0, ['c', 'b'], weight).map((f) => f.id)).toEqual(want);
  });

  it('ranks by cosine alone without keyword hits', () => {
    expect(scoreFusion([], (id) => cos[id] ?? 0, ['d', 'c']).map((f) => f.id)).toEqual(['c', 'd']);
  });
});
