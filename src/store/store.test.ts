// The store contract, run against both backends (SQLite file, PostgreSQL database): whatever a caller sees must
// be the same on each. Backend-specific behaviour is tested in sqlite.test.ts and postgres.test.ts.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { PaperInput } from '../model/paper.js';
import type { Store } from './store.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import { postgresMigrations } from './migrations/postgres/index.js';
import { backends, tempStore, type TempStore } from '../../test/helpers/store.js';
import { paper, signal } from '../../test/helpers/papers.js';

const ids = (cs: { id: string }[]) => cs.map((c) => c.id).sort();

it('keeps the PostgreSQL migrations in step with the SQLite ones', async () => {
  const names = async (p: typeof sqliteMigrations) => Object.keys(await p.getMigrations());
  expect(await names(postgresMigrations)).toEqual(await names(sqliteMigrations));
});

describe.each(backends)('%s store', (backend) => {
  // One migrated store per backend for the whole file. Each test uses its own paper ids, and its own listing
  // days (its own year) where a query ranges over days, so tests do not see each other's rows.
  let t: TempStore;
  let store: Store;
  beforeAll(async () => {
    t = await tempStore(backend);
    store = t.store;
  });
  afterAll(() => t?.cleanup());

  it('is the backend asked for, migrated: a second migrate() applies nothing', async () => {
    expect(store.backend).toBe(backend);
    expect(await store.migrate()).toEqual([]);
  });

  describe('importBatch: papers', () => {
    it('reports inserted, then unchanged, then updated, and stores the merged paper', async () => {
      const p = paper('2601.00001');
      expect((await store.importBatch({ papers: [p], signals: [] })).outcomes).toEqual(['inserted']);
      expect((await store.importBatch({ papers: [p], signals: [] })).outcomes).toEqual(['unchanged']);
      const fixed = { ...p, title: 'A corrected title' };
      expect((await store.importBatch({ papers: [fixed], signals: [] })).outcomes).toEqual(['updated']);
      expect(await store.paperById(p.id)).toEqual({ ...fixed, firstSeen: '2025-09-26' });
    });

    it('gives one outcome per input, in order, when a batch holds a paper twice', async () => {
      const first = paper('2601.00002', { source: 'hf-daily', codeUrls: [] });
      const again = { ...first, codeUrls: ['https://github.com/a/b'] };
      const same = { ...again };
      const result = await store.importBatch({ papers: [first, again, same], signals: [] });
      expect(result.outcomes).toEqual(['inserted', 'updated', 'unchanged']);
      expect((await store.paperById(first.id))?.codeUrls).toEqual(['https://github.com/a/b']);
    });

    it('merges with what is stored: a less trusted source only fills gaps', async () => {
      await store.importBatch({ papers: [paper('2601.00003')], signals: [] });
      const hf = paper('2601.00003', {
        source: 'hf-daily',
        title: 'HF title',
        published: '2026-01-02T00:00:00.000Z',
      });
      expect((await store.importBatch({ papers: [hf], signals: [] })).outcomes).toEqual(['updated']);
      const stored = await store.paperById('2601.00003');
      expect(stored?.title).toBe('Paper 2601.00003');
      expect(stored?.published).toBe('2026-01-02T00:00:00.000Z');
      expect(stored?.source).toBe('arxiv-corpus');
    });

    it('returns undefined for an unknown paper and counts the stored ones', async () => {
      expect(await store.paperById('9912.99999')).toBeUndefined();
      const before = await store.paperCount();
      await store.importBatch({ papers: [paper('2601.00004'), paper('2601.00005')], signals: [] });
      expect(await store.paperCount()).toBe(before + 2);
    });
  });

  describe('types', () => {
    it('gives a paper back exactly as imported: ISO timestamps, arrays and Unicode', async () => {
      const p: PaperInput = paper('2607.00001', {
        version: 3,
        authors: ['Zoë Ångström', '李雷', 'O\'Brien, "Jr."'],
        categories: ['cs.LG', 'stat.ML'],
        primaryCategory: 'cs.LG',
        published: '2026-07-01T17:59:59.123Z',
        updated: '2026-07-03T00:00:00.000Z',
        comment: '12 pages; $\\alpha$-stable',
        doi: '10.1000/xyz',
        journalRef: 'J. Tests 1 (2026)',
        codeUrls: ['https://github.com/a/b', 'https://gitlab.com/c/d'],
        firstSeen: '2026-07-02',
      });
      await store.importBatch({ papers: [p], signals: [] });
      expect(await store.paperById(p.id)).toEqual(p);
      const [changed] = await store.papersChangedSince((await store.changeSeq()) - 1, 1);
      expect(changed?.paper).toEqual(p);
      expect(typeof changed?.seq).toBe('number');
      // Nothing was lost or reshaped on the way in: importing it again changes nothing.
      expect((await store.importBatch({ papers: [p], signals: [] })).outcomes).toEqual(['unchanged']);
    });

    it('keeps fractional signal values and breaks same-moment ties by the later observation', async () => {
      const id = '2607.00002';
      const at = '2026-07-05T00:00:00.000Z';
      await store.importBatch({ papers: [paper(id)], signals: [signal(id, 2.5, at)] });
      expect(await store.signalsForPaper(id, at)).toEqual({ hf_upvotes: 2.5 });
      await store.importBatch({ papers: [], signals: [signal(id, 7, at, { source: 'seed-page' })] });
      expect(await store.signalsForPaper(id, at)).toEqual({ hf_upvotes: 7 });
    });

    it('stores timestamps in one form, so the same moment written two ways is one observation', async () => {
      const id = '2607.00004';
      const p = paper(id, { published: '2026-07-07T10:00:00Z', updated: '2026-07-08T12:00:00+02:00' });
      await store.importBatch({ papers: [p], signals: [signal(id, 5, '2026-07-09T00:00:00Z')] });
      expect(await store.paperById(id)).toMatchObject({
        published: '2026-07-07T10:00:00.000Z',
        updated: '2026-07-08T10:00:00.000Z',
      });
      const again = await store.importBatch({
        papers: [{ ...p, published: '2026-07-07T10:00:00.000Z' }],
        signals: [signal(id, 5, '2026-07-09T00:00:00.000Z')],
      });
      expect(again).toEqual({ outcomes: ['unchanged'], signalsChanged: 0 });
    });

    it('takes the last value when one batch holds the same observation twice', async () => {
      const id = '2607.00003';
      const at = '2026-07-06T00:00:00.000Z';
      const result = await store.importBatch({
        papers: [paper(id)],
        signals: [signal(id, 1, at), signal(id, 3, at)],
      });
      expect(result.signalsChanged).toBe(1);
      expect(await store.signalsForPaper(id, at)).toEqual({ hf_upvotes: 3 });
    });
  });

  describe('importBatch: categories', () => {
    // Listed in 2011, a year no other test uses.
    const q = { from: '2011-01-01', to: '2011-12-31', asOf: '2030-01-01T00:00:00.000Z' };

    it('keeps paper_categories in step with the paper, so the category filter follows updates', async () => {
      const p = paper('1101.0001', { categories: ['cs.CL', 'cs.LG'], firstSeen: '2011-01-05' });
      await store.importBatch({
        papers: [p, paper('1101.0002', { categories: ['math.GT'], firstSeen: '2011-01-06' })],
        signals: [],
      });
      expect(ids(await store.trendingCandidates({ ...q, category: 'cs.LG' }))).toEqual(['1101.0001']);
      expect(ids(await store.trendingCandidates({ ...q, category: 'math.GT' }))).toEqual(['1101.0002']);
      expect(ids(await store.trendingCandidates(q))).toEqual(['1101.0001', '1101.0002']);

      // The same source re-lists it under other categories: the old one no longer matches.
      await store.importBatch({ papers: [{ ...p, categories: ['cs.CL', 'cs.IR', 'cs.IR'] }], signals: [] });
      expect(await store.trendingCandidates({ ...q, category: 'cs.LG' })).toEqual([]);
      expect(ids(await store.trendingCandidates({ ...q, category: 'cs.IR' }))).toEqual(['1101.0001']);
      expect(ids(await store.trendingCandidates({ ...q, category: 'cs.CL' }))).toEqual(['1101.0001']);
    });
  });

  describe('importBatch: signals', () => {
    it('adds an observation once; re-inserting it adds nothing; a corrected value replaces it', async () => {
      await store.importBatch({ papers: [paper('2602.00001')], signals: [] });
      const s = signal('2602.00001', 12, '2026-02-01T00:00:00.000Z');
      expect((await store.importBatch({ papers: [], signals: [s] })).signalsChanged).toBe(1);
      expect((await store.importBatch({ papers: [], signals: [s] })).signalsChanged).toBe(0);
      expect((await store.importBatch({ papers: [], signals: [{ ...s, value: 15 }] })).signalsChanged).toBe(
        1,
      );
      expect(await store.signalsForPaper('2602.00001', '2026-12-31T00:00:00.000Z')).toEqual({
        hf_upvotes: 15,
      });
    });

    it('treats the same moment from another source as another observation', async () => {
      await store.importBatch({ papers: [paper('2602.00002')], signals: [] });
      const at = '2026-02-01T00:00:00.000Z';
      const result = await store.importBatch({
        papers: [],
        signals: [signal('2602.00002', 5, at), signal('2602.00002', 5, at, { source: 'seed-page' })],
      });
      expect(result.signalsChanged).toBe(2);
    });

    it('signalsForPaper returns the latest value of each kind as of a moment', async () => {
      const id = '2602.00003';
      await store.importBatch({
        papers: [paper(id)],
        signals: [
          signal(id, 10, '2026-02-10T00:00:00.000Z'),
          signal(id, 30, '2026-02-12T00:00:00.000Z'),
          signal(id, 20, '2026-02-11T00:00:00.000Z'),
          signal(id, 400, '2026-02-11T12:00:00.000Z', { kind: 'github_stars' }),
        ],
      });
      const cases: [string, object][] = [
        ['2026-02-09T23:59:59.999Z', {}],
        ['2026-02-10T00:00:00.000Z', { hf_upvotes: 10 }],
        ['2026-02-11T06:00:00.000Z', { hf_upvotes: 20 }],
        ['2026-02-11T12:00:00.000Z', { hf_upvotes: 20, github_stars: 400 }],
        ['2026-03-01T00:00:00.000Z', { hf_upvotes: 30, github_stars: 400 }],
      ];
      for (const [asOf, expected] of cases) {
        expect(await store.signalsForPaper(id, asOf), `as of ${asOf}`).toEqual(expected);
      }
      expect(await store.signalsForPaper('9912.99999', '2026-03-01T00:00:00.000Z')).toEqual({});
    });
  });

  describe('trendingCandidates', () => {
    // Listed in 2012, a year no other test uses.
    const listed = [
      ['1201.0001', '2012-01-01'],
      ['1201.0002', '2012-01-02'],
      ['1201.0003', '2012-01-03'],
      ['1201.0004', '2012-01-04'],
      ['1201.0005', '2012-01-05'],
    ] as const;
    beforeAll(async () => {
      await store.importBatch({
        papers: listed.map(([id, firstSeen]) =>
          paper(id, { firstSeen, published: `${firstSeen}T12:00:00.000Z` }),
        ),
        signals: [
          signal('1201.0001', 7, '2012-01-02T00:00:00.000Z'),
          signal('1201.0001', 9, '2012-01-04T00:00:00.000Z'),
          signal('1201.0002', 3, '2012-01-09T00:00:00.000Z'),
        ],
      });
    });

    it.each([
      { from: '2012-01-02', to: '2012-01-04', expected: ['1201.0002', '1201.0003', '1201.0004'] },
      { from: '2012-01-05', to: '2012-01-05', expected: ['1201.0005'] },
      { from: '2012-01-06', to: '2012-01-31', expected: [] },
    ])('a window $from..$to holds the papers first listed on those days', async ({ from, to, expected }) => {
      const got = await store.trendingCandidates({ from, to, asOf: '2012-12-31T00:00:00.000Z' });
      expect(ids(got)).toEqual(expected);
    });

    it('carries first_seen, published and the signals as of the given moment', async () => {
      const got = await store.trendingCandidates({
        from: '2012-01-01',
        to: '2012-01-01',
        asOf: '2012-01-03T00:00:00.000Z',
      });
      expect(got).toEqual([
        {
          id: '1201.0001',
          firstSeen: '2012-01-01',
          published: '2012-01-01T12:00:00.000Z',
          signals: { hf_upvotes: 7 },
        },
      ]);
    });

    it('the open-ended view holds the newest N papers plus every paper with signals', async () => {
      const got = await store.trendingCandidates({
        to: '2012-01-05',
        asOf: '2012-12-31T00:00:00.000Z',
        newest: 2,
      });
      // 0004 and 0005 are the two newest; 0001 and 0002 have signals; 0003 has neither.
      expect(ids(got)).toEqual(['1201.0001', '1201.0002', '1201.0004', '1201.0005']);
    });

    it('the open-ended view ignores signals observed after asOf and papers listed after `to`', async () => {
      const got = await store.trendingCandidates({
        to: '2012-01-04',
        asOf: '2012-01-05T00:00:00.000Z',
        newest: 1,
      });
      // 0002's only signal comes on 2012-01-09; 0005 is listed after `to`.
      expect(ids(got)).toEqual(['1201.0001', '1201.0004']);
      expect(got.find((c) => c.id === '1201.0001')?.signals).toEqual({ hf_upvotes: 9 });
    });
  });

  describe('trendingCandidates for a category', () => {
    // Listed in 2013, in categories no other test uses: two math papers, then three newer cs papers,
    // the oldest of which has a signal.
    beforeAll(async () => {
      await store.importBatch({
        papers: [
          paper('1301.0001', { categories: ['math.KT'], firstSeen: '2013-01-01' }),
          paper('1301.0002', { categories: ['math.KT', 'cs.CG'], firstSeen: '2013-01-02' }),
          paper('1301.0003', { categories: ['cs.DL'], firstSeen: '2013-01-03' }),
          paper('1301.0004', { categories: ['cs.DL'], firstSeen: '2013-01-04' }),
          paper('1301.0005', { categories: ['cs.DL'], firstSeen: '2013-01-05' }),
        ],
        signals: [signal('1301.0003', 2, '2013-01-03T00:00:00.000Z')],
      });
    });

    it.each([
      { category: 'math.KT', expected: ['1301.0001', '1301.0002'] },
      { category: 'cs.CG', expected: ['1301.0002'] },
      { category: 'cs.DL', expected: ['1301.0003', '1301.0004', '1301.0005'] },
    ])(
      'the open-ended view of $category holds its newest papers and those with signals',
      async ({ category, expected }) => {
        const got = await store.trendingCandidates({
          to: '2013-12-31',
          asOf: '2013-12-31T00:00:00.000Z',
          newest: 2,
          category,
        });
        expect(ids(got)).toEqual(expected);
      },
    );
  });

  describe('latestActivityDay', () => {
    it('is undefined when empty, then the newest listing or observation day', async () => {
      const fresh = await tempStore(backend);
      try {
        const s = fresh.store;
        expect(await s.latestActivityDay()).toBeUndefined();
        await s.importBatch({ papers: [paper('2603.00001', { firstSeen: '2026-03-01' })], signals: [] });
        expect(await s.latestActivityDay()).toBe('2026-03-01');
        await s.importBatch({ papers: [], signals: [signal('2603.00001', 1, '2026-03-04T23:00:00.000Z')] });
        expect(await s.latestActivityDay()).toBe('2026-03-04');
        await s.importBatch({ papers: [paper('2603.00002', { firstSeen: '2026-03-07' })], signals: [] });
        expect(await s.latestActivityDay()).toBe('2026-03-07');
      } finally {
        await fresh.cleanup();
      }
    });
  });

  describe('changeSeq', () => {
    it('grows on every change and stays put on a no-op', async () => {
      const p = paper('2604.00001');
      const s = signal(p.id, 1, '2026-04-01T00:00:00.000Z');
      const steps: { what: string; batch: Parameters<Store['importBatch']>[0]; grows: boolean }[] = [
        { what: 'insert', batch: { papers: [p], signals: [] }, grows: true },
        { what: 'same paper again', batch: { papers: [p], signals: [] }, grows: false },
        { what: 'update', batch: { papers: [{ ...p, title: 'New title' }], signals: [] }, grows: true },
        { what: 'new signal', batch: { papers: [], signals: [s] }, grows: true },
        { what: 'same signal again', batch: { papers: [], signals: [s] }, grows: false },
        { what: 'corrected signal', batch: { papers: [], signals: [{ ...s, value: 2 }] }, grows: true },
        { what: 'empty batch', batch: { papers: [], signals: [] }, grows: false },
      ];
      for (const { what, batch, grows } of steps) {
        const before = await store.changeSeq();
        await store.importBatch(batch);
        const after = await store.changeSeq();
        if (grows) expect(after, what).toBeGreaterThan(before);
        else expect(after, what).toBe(before);
      }
    });
  });

  describe('papersByIds', () => {
    it('keeps the order asked for and skips unknown ids', async () => {
      await store.importBatch({
        papers: [paper('2605.00001'), paper('2605.00002'), paper('2605.00003')],
        signals: [],
      });
      const got = await store.papersByIds(['2605.00003', '9912.99999', '2605.00001', '2605.00002']);
      expect(got.map((p) => p.id)).toEqual(['2605.00003', '2605.00001', '2605.00002']);
      expect(got[0]?.title).toBe('Paper 2605.00003');
      expect(await store.papersByIds([])).toEqual([]);
    });
  });

  describe('meta', () => {
    it('getMeta is undefined until setMeta, which overwrites', async () => {
      expect(await store.getMeta('index_cursor')).toBeUndefined();
      await store.setMeta('index_cursor', '17');
      expect(await store.getMeta('index_cursor')).toBe('17');
      await store.setMeta('index_cursor', '42');
      expect(await store.getMeta('index_cursor')).toBe('42');
    });
  });

  describe('a failing batch', () => {
    it('rolls back entirely: a signal for an unknown paper undoes the papers written before it', async () => {
      const seq = await store.changeSeq();
      const count = await store.paperCount();
      const good = paper('2606.00001');
      const batch = {
        papers: [good],
        signals: [
          signal(good.id, 4, '2026-06-01T00:00:00.000Z'),
          signal('9912.99999', 1, '2026-06-01T00:00:00.000Z'),
        ],
      };
      await expect(store.importBatch(batch)).rejects.toThrow(/foreign key/i);
      expect(await store.paperById(good.id)).toBeUndefined();
      expect(await store.paperCount()).toBe(count);
      expect(await store.changeSeq()).toBe(seq);
      expect(await store.signalsForPaper(good.id, '2027-01-01T00:00:00.000Z')).toEqual({});

      // The store is still usable, and the batch goes through once it is fixed.
      const fixed = await store.importBatch({ papers: batch.papers, signals: batch.signals.slice(0, 1) });
      expect(fixed).toEqual({ outcomes: ['inserted'], signalsChanged: 1 });
    });
  });

  describe('change cursor, code links, authors and signal paging', () => {
    it('papersChangedSince pages through changes in order and sees updates again', async () => {
      const other = await tempStore(backend);
      try {
        await other.store.importBatch({
          papers: [paper('2401.00001'), paper('2401.00002'), paper('2401.00003')],
          signals: [],
        });
        const first = await other.store.papersChangedSince(0, 2);
        expect(first.map((c) => c.paper.id)).toEqual(['2401.00001', '2401.00002']);
        const rest = await other.store.papersChangedSince(first.at(-1)!.seq, 10);
        expect(rest.map((c) => c.paper.id)).toEqual(['2401.00003']);
        const cursor = rest.at(-1)!.seq;
        expect(await other.store.papersChangedSince(cursor, 10)).toEqual([]);
        await other.store.importBatch({ papers: [paper('2401.00001', { title: 'Retitled' })], signals: [] });
        const again = await other.store.papersChangedSince(cursor, 10);
        expect(again.map((c) => [c.paper.id, c.paper.title])).toEqual([['2401.00001', 'Retitled']]);
        expect(again[0]!.seq).toBeGreaterThan(cursor);
      } finally {
        await other.cleanup();
      }
    });

    it('codeLinks lists every (paper, repository) pair once, in keyset pages', async () => {
      const other = await tempStore(backend);
      try {
        await other.store.importBatch({
          papers: [
            paper('2402.00002', { codeUrls: ['https://github.com/b/two', 'https://github.com/a/one'] }),
            paper('2402.00001', { codeUrls: ['https://github.com/c/three'] }),
            paper('2402.00003'),
          ],
          signals: [],
        });
        const page1 = await other.store.codeLinks(undefined, 2);
        expect(page1).toEqual([
          { paperId: '2402.00001', url: 'https://github.com/c/three' },
          { paperId: '2402.00002', url: 'https://github.com/a/one' },
        ]);
        expect(await other.store.codeLinks(page1[1], 2)).toEqual([
          { paperId: '2402.00002', url: 'https://github.com/b/two' },
        ]);
      } finally {
        await other.cleanup();
      }
    });

    it('papersByAuthor matches the exact name, newest first, with paging', async () => {
      await store.importBatch({
        papers: [
          paper('2403.10001', { authors: ['Grace Hopper', 'Alan Turing'], firstSeen: '2021-03-01' }),
          paper('2403.10002', { authors: ['Grace Hopper'], firstSeen: '2021-03-05' }),
          paper('2403.10003', { authors: ['Grace Hopperton'], firstSeen: '2021-03-06' }),
        ],
        signals: [],
      });
      expect((await store.papersByAuthor('Grace Hopper', 10, 0)).map((p) => p.id)).toEqual([
        '2403.10002',
        '2403.10001',
      ]);
      expect((await store.papersByAuthor('Grace Hopper', 1, 1)).map((p) => p.id)).toEqual(['2403.10001']);
      expect(await store.papersByAuthor('Nobody', 10, 0)).toEqual([]);
    });

    it('signalsAfter pages through observations in recording order and signalCount counts them', async () => {
      const other = await tempStore(backend);
      try {
        const s = other.store;
        expect(await s.signalCount()).toBe(0);
        expect(await s.signalsAfter(0, 10)).toEqual([]);
        const observations = [
          signal('2404.00001', 3, '2026-04-02T00:00:00.000Z'),
          signal('2404.00001', 1, '2026-04-01T00:00:00.000Z'),
          signal('2404.00001', 40, '2026-04-01T00:00:00.000Z', { kind: 'github_stars', source: 'github' }),
        ];
        await s.importBatch({ papers: [paper('2404.00001')], signals: observations.slice(0, 2) });
        await s.importBatch({ papers: [], signals: observations.slice(2) });
        expect(await s.signalCount()).toBe(3);
        const first = await s.signalsAfter(0, 2);
        expect(first.map((o) => o.signal)).toEqual(observations.slice(0, 2));
        const rest = await s.signalsAfter(first.at(-1)!.id, 10);
        expect(rest.map((o) => o.signal)).toEqual(observations.slice(2));
        expect(rest[0]!.id).toBeGreaterThan(first[1]!.id);
      } finally {
        await other.cleanup();
      }
    });
  });
});
