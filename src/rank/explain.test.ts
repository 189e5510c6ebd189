import { describe, expect, it } from 'vitest';
import { compactNumber, reasons } from './explain.js';
import type { Window } from './window.js';

const current: Window = {
  view: 'trending',
  to: '2026-11-30',
  asOf: '2026-11-30T11:00:00.000Z',
  stale: false,
};
const stale: Window = { view: 'trending', to: '2025-12-18', asOf: '2025-12-18T23:59:59.999Z', stale: true };

describe('compactNumber', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [1000, '1k'],
    [1234, '1.2k'],
    [34_567, '35k'],
  ])('%d -> %s', (n, s) => expect(compactNumber(n)).toBe(s));
});

describe('reasons', () => {
  it('lists signals, most telling first, then the age', () => {
    expect(reasons({ hf_upvotes: 42, github_stars: 1234, hf_comments: 1 }, '2026-11-27', current)).toEqual([
      '42 upvotes',
      '1.2k GitHub stars',
      '1 comment',
      'listed 3 days ago',
    ]);
  });

  it('says when nobody has reacted yet, and speaks of a stale window relative to its end', () => {
    expect(reasons({}, '2025-12-17', stale)).toEqual(['no reactions yet', 'listed 1 day before 2025-12-18']);
    expect(reasons({ hf_upvotes: 1 }, '2026-11-30', current)).toEqual(['1 upvote', 'listed today']);
  });
});
