import { describe, expect, it } from 'vitest';
import { compactNumber, reasons } from './explain.js';
import type { Window } from './window.js';
import type { ScoreDetail } from '../store/trending-store.js';

const current: Window = {
  view: 'trending',
  to: '2026-11-30',
  asOf: '2026-11-30T11:00:00.000Z',
  stale: false,
  timeZone: 'UTC',
};
const stale: Window = {
  view: 'trending',
  to: '2025-12-18',
  asOf: '2025-12-18T23:59:59.999Z',
  stale: true,
  timeZone: 'UTC',
};
const detail = (d: Partial<ScoreDetail>): ScoreDetail => ({
  trailing: {},
  sinceListing: {},
  earlier: {},
  totals: {},
  prior: 0,
  ...d,
});

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
  it('names the gains of the trending view, most telling first, then the age', () => {
    const d = detail({
      trailing: { github_stars: 182, hf_upvotes: 45, hf_comments: 1 },
      totals: { github_stars: 1234, hf_upvotes: 45, hf_comments: 1 },
    });
    expect(reasons(d, '2026-11-27', current)).toEqual([
      '+182 GitHub stars in 7 days',
      '+45 upvotes',
      '+1 comment',
      'listed 3 days ago',
    ]);
  });

  it('speaks of gains since listing in a window and of totals in all time', () => {
    const d = detail({ sinceListing: { hf_upvotes: 12 }, totals: { hf_upvotes: 12, github_stars: 3000 } });
    expect(reasons(d, '2026-11-27', { ...current, view: 'week', from: '2026-11-24' })[0]).toBe(
      '+12 upvotes since listed',
    );
    expect(reasons(d, '2026-11-27', { ...current, view: 'all' }).slice(0, 2)).toEqual([
      '3k GitHub stars',
      '12 upvotes',
    ]);
  });

  it('tells a new paper without reactions from an old one gone quiet', () => {
    expect(reasons(detail({ prior: 1 }), '2026-11-30', current)).toEqual([
      'new: no reactions yet',
      'listed today',
    ]);
    expect(
      reasons(detail({ totals: { hf_upvotes: 30, github_stars: 1200 } }), '2026-10-01', current),
    ).toEqual([
      'no new reactions lately',
      '1.2k GitHub stars in all',
      '30 upvotes in all',
      'listed 60 days ago',
    ]);
  });

  it('speaks of a stale window relative to its end', () => {
    expect(reasons(detail({}), '2025-12-17', stale)).toEqual([
      'no reactions yet',
      'listed 1 day before 2025-12-18',
    ]);
  });

  it('names local signals', () => {
    const d = detail({ trailing: { pp_saves: 3, pp_views: 1, pp_upvotes: 1 } });
    expect(reasons(d, '2026-11-29', current).slice(0, 3)).toEqual([
      '+1 upvote here in 7 days',
      '+3 saves',
      '+1 reader',
    ]);
  });
});
