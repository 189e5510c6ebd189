// The trending part of the store contract on both backends, with the recompute job that writes it: precomputed
// scores, incremental runs from the cursor, idempotency, slices (category, has code, windows), page views.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import { backends, tempStore, type TempStore } from '../../test/helpers/store.js';
import { paper, signal } from '../../test/helpers/papers.js';
import { readCursor, recomputeTrending } from '../rank/recompute.js';
import { Trending } from '../rank/trending.js';

const now = new Date('2026-11-30T12:00:00Z');
const h = (iso: string) => new Date(iso).toISOString();

/** Every row of the score table, in id order, without the wall-clock column. */
async function snapshot(store: Store) {
  const ids: string[] = [];
  for (let after = ''; ;) {
    const page = await store.paperIdsAfter(after, 100);
    if (!page.length) break;
    ids.push(...page);
    after = page[page.length - 1]!;
  }
  return (await store.trendingScoresFor(ids)).map(({ computedAt: _c, ...r }) => r);
}

describe.each(backends)('%s store: trending', (backend) => {
  let t: TempStore;
  let store: Store;
  beforeAll(async () => {
    t = await tempStore(backend);
    store = t.store;
    await store.importBatch({
      papers: [
        // Rising on Hugging Face this week.
        paper('2611.00001', {
          firstSeen: '2026-11-27',
          categories: ['cs.LG', 'cs.CL'],
          primaryCategory: 'cs.LG',
        }),
        // Old repository first seen this week: 40k stars that are not a gain; a few real new ones after.
        paper('2611.00002', {
          firstSeen: '2026-11-26',
          categories: ['cs.CV'],
          primaryCategory: 'cs.CV',
          codeUrls: ['https://github.com/big/old'],
        }),
        // Brand new, no signals yet: the recency prior.
        paper('2611.00003', { firstSeen: '2026-11-30', categories: ['cs.CL'], primaryCategory: 'cs.CL' }),
        // Last year's hit, quiet now.
        paper('2511.00004', { firstSeen: '2025-11-10', categories: ['cs.LG'], primaryCategory: 'cs.LG' }),
      ],
      signals: [
        signal('2611.00001', 5, h('2026-11-27T12:00:00Z')),
        signal('2611.00001', 40, h('2026-11-29T12:00:00Z')),
        signal('2611.00001', 3, h('2026-11-29T12:00:00Z'), { kind: 'hf_comments' }),
        signal('2611.00002', 40_000, h('2026-11-27T00:00:00Z'), { kind: 'github_stars', source: 'github' }),
        signal('2611.00002', 40_099, h('2026-11-29T00:00:00Z'), { kind: 'github_stars', source: 'github' }),
        signal('2511.00004', 300, h('2025-11-12T00:00:00Z')),
      ],
    });
  });
  afterAll(() => t?.cleanup());

  it('a full recompute scores every paper from its gains, and serving reads those scores', async () => {
    const r = await recomputeTrending(store, { mode: 'full', now, batchSize: 2 });
    expect(r).toMatchObject({ mode: 'full', papers: 4, batches: 2, asOf: now.toISOString() });
    const rows = await store.trendingScoresFor(['2611.00001', '2611.00002', '2611.00003', '2511.00004']);
    const byId = Object.fromEntries(rows.map((x) => [x.paperId, x]));
    // 40 upvotes (from 0 at listing) + 3 comments × 0.5 = 41.5 points, 3.5 days old: no prior.
    expect(byId['2611.00001']!.detail.trailing).toEqual({ hf_upvotes: 40, hf_comments: 3 });
    expect(byId['2611.00001']!.scoreTrending).toBeCloseTo(41.5 / Math.pow(3.5 + 10, 1.2), 9);
    // Stars: only the 99 gained after the first observation, 10·log10(100) = 20 points.
    expect(byId['2611.00002']!.detail.trailing).toEqual({ github_stars: 99 });
    expect(byId['2611.00002']!.pointsAll).toBeCloseTo(10 * Math.log10(40_100), 9);
    expect(byId['2611.00002']!.hasCode).toBe(true);
    // The prior alone, half a day old.
    expect(byId['2611.00003']!.scoreTrending).toBeCloseTo(1 / Math.pow(0.5 + 10, 1.2), 9);
    // Quiet for a year: its 300 upvotes count at pastWeight (0.1), decayed by 385.5 days of age.
    expect(byId['2511.00004']!.detail.earlier).toEqual({ hf_upvotes: 300 });
    expect(byId['2511.00004']!.scoreTrending).toBeCloseTo(30 / Math.pow(385.5 + 10, 1.2), 9);
    expect(byId['2511.00004']!.pointsAll).toBe(300);

    const page = await store.trendingPage({ order: 'trending', limit: 10, offset: 0 });
    expect(page.total).toBe(4);
    expect(page.rows.map((x) => x.paperId)).toEqual(['2611.00001', '2611.00002', '2611.00003', '2511.00004']);
    const all = await store.trendingPage({ order: 'all', limit: 2, offset: 1 });
    expect(all.total).toBe(4);
    expect(all.rows.map((x) => x.paperId)).toEqual(['2611.00002', '2611.00001']);
  });

  it('slices by category (any or primary), has code and listing window', async () => {
    const ids = async (q: Parameters<Store['trendingPage']>[0]) =>
      (await store.trendingPage(q)).rows.map((x) => x.paperId);
    expect(await ids({ order: 'all', category: 'cs.CL', limit: 10, offset: 0 })).toEqual([
      '2611.00001',
      '2611.00003',
    ]);
    expect(
      await ids({ order: 'all', category: 'cs.CL', categoryMatch: 'primary', limit: 10, offset: 0 }),
    ).toEqual(['2611.00003']);
    expect(await ids({ order: 'all', hasCode: true, limit: 10, offset: 0 })).toEqual(['2611.00002']);
    expect(await ids({ order: 'all', hasCode: false, limit: 10, offset: 0 })).toHaveLength(3);
    expect(
      await ids({ order: 'window', from: '2026-11-27', to: '2026-11-30', limit: 10, offset: 0 }),
    ).toEqual(['2611.00001', '2611.00003']);
    expect(await store.trendingRankedIds('trending', 2)).toEqual(['2611.00001', '2611.00002']);
  });

  it('is idempotent: recomputing the same data at the same moment gives the same rows', async () => {
    const before = await snapshot(store);
    await recomputeTrending(store, { mode: 'full', now, batchSize: 3 });
    expect(await snapshot(store)).toEqual(before);
    const r = await recomputeTrending(store, { mode: 'incremental', now, decay: true });
    expect(r.mode).toBe('incremental');
    expect(await snapshot(store)).toEqual(before);
  });

  it('an incremental run rescores only papers changed since the cursor', async () => {
    const later = new Date('2026-11-30T12:30:00Z');
    // Nothing changed and the day is the same: nothing (beyond the overlap of recently recorded rows) to do.
    const idle = await recomputeTrending(store, { mode: 'incremental', now: later });
    expect(idle.papers).toBeLessThanOrEqual(4);
    await store.importBatch({
      papers: [
        paper('2611.00005', { firstSeen: '2026-11-30', categories: ['cs.RO'], primaryCategory: 'cs.RO' }),
      ],
      signals: [signal('2611.00003', 25, h('2026-11-30T12:10:00Z'))],
    });
    const cursor = await readCursor(store);
    const r = await recomputeTrending(store, { mode: 'incremental', now: later });
    expect(r.mode).toBe('incremental');
    const rows = await store.trendingScoresFor(['2611.00003', '2611.00005']);
    expect(rows.map((x) => x.paperId)).toEqual(['2611.00003', '2611.00005']);
    expect(rows[0]!.detail.trailing).toEqual({ hf_upvotes: 25 });
    const next = await readCursor(store);
    expect(next!.storeSeq).toBeGreaterThan(cursor!.storeSeq);
    expect(next!.recordedAt >= cursor!.recordedAt).toBe(true);
  });

  it('serving catches up by itself when the data is newer than the scores', async () => {
    // Serving scores at the real clock, so this paper lives at the real clock too.
    const real = new Date();
    const today = real.toISOString().slice(0, 10);
    const trending = new Trending(store);
    await store.importBatch({
      papers: [paper('2611.00006', { firstSeen: today })],
      signals: [signal('2611.00006', 5000, new Date(real.getTime() - 60_000).toISOString())],
    });
    const list = await trending.list({ view: 'trending', limit: 1, offset: 0, now: real });
    expect(list.entries[0]!.paper.id).toBe('2611.00006');
    expect(list.entries[0]!.score.parts[0]).toMatchObject({ kind: 'hf_upvotes', value: 5000 });
  });

  it('records a view once per visitor per paper per day and returns the new totals', async () => {
    const v = (paperId: string, day: string, visitor: string) => ({ paperId, day, visitor });
    expect(
      await store.recordPaperViews([
        v('2611.00001', '2026-11-30', 'a'),
        v('2611.00001', '2026-11-30', 'a'),
        v('2611.00001', '2026-11-30', 'b'),
        v('9999.99999', '2026-11-30', 'a'), // unknown paper: ignored
      ]),
    ).toEqual([{ paperId: '2611.00001', total: 2 }]);
    expect(await store.recordPaperViews([v('2611.00001', '2026-11-30', 'a')])).toEqual([]);
    expect(await store.recordPaperViews([v('2611.00001', '2026-12-01', 'a')])).toEqual([
      { paperId: '2611.00001', total: 3 },
    ]);
  });
});
