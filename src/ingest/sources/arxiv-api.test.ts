import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/helpers/fixtures.js';
import {
  ingestFrom,
  useStoreAndServer,
  type Recorded,
  type Reply,
} from '../../../test/helpers/http-fixtures.js';
import { apiPage, type FixturePaper } from '../../../test/fixtures/sources/render.js';
import { ApiQueryError, parseApiPage } from './api-feed.js';
import { apiCheckpointKey, createArxivApi } from './arxiv-api.js';

const read = (name: string) => fs.readFileSync(fixturePath(`sources/arxiv-api/${name}`), 'utf8');
const pool = JSON.parse(read('pool.json')) as FixturePaper[];

describe('parseApiPage', () => {
  it('reads totals and entries: versions, dates, primary category, comment and code links', () => {
    const page = parseApiPage(read('query-page.xml'), 'page');
    expect(page).toMatchObject({ total: 24, start: 0, entries: 3, rejected: [] });
    const p = page.records[0]!.paper;
    expect(p).toMatchObject({ id: pool[1]!.id, source: 'arxiv-api', primaryCategory: 'cs.CL' });
    expect(p.published).toBe(new Date(pool[1]!.versions[0]!).toISOString());
  });

  it('reads DOI, journal reference and a second version of an old record', () => {
    const p = parseApiPage(read('old-style-and-doi.xml'), 'page').records[0]!.paper;
    expect(p).toMatchObject({
      id: '0704.0001',
      version: 2,
      doi: '10.1103/PhysRevD.76.013009',
      journalRef: 'Phys.Rev.D76:013009,2007',
      published: '2007-04-02T19:18:42.000Z',
      updated: '2007-07-24T20:10:27.000Z',
      firstSeen: '2007-04-02',
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan'],
    });
    expect(p.title).toBe(
      'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
    );
  });

  it("turns the API's error feed into a message", () => {
    expect(() => parseApiPage(read('error.xml'), 'page')).toThrow(ApiQueryError);
    expect(() => parseApiPage(read('error.xml'), 'page')).toThrow(
      /refused the query: incorrect id format for 1234.12345/,
    );
  });
});

/** Answers /api/query like the arXiv API, from the pool (cat: and submittedDate: filters, paging). */
function emulator(faults: (req: Recorded) => Reply | undefined = () => undefined) {
  return (req: Recorded): Reply => {
    const fault = faults(req);
    if (fault) return fault;
    const q = req.query.get('search_query')!;
    const m = /^cat:(\S+) AND submittedDate:\[(\d{12}) TO (\d{12})\]$/.exec(q)!;
    const minute = (iso: string) => new Date(iso).toISOString().replace(/[-T:]/g, '').slice(0, 12);
    const hits = pool.filter(
      (p) =>
        p.categories.includes(m[1]!) && minute(p.versions[0]!) >= m[2]! && minute(p.versions[0]!) <= m[3]!,
    );
    const start = Number(req.query.get('start'));
    const max = Number(req.query.get('max_results'));
    return {
      body: apiPage(req.url, hits.length, start, max, hits.slice(start, start + max)),
      headers: { 'content-type': 'application/atom+xml' },
    };
  };
}

const inRange = pool.filter(
  (p) => p.categories.includes('cs.CL') && p.versions[0]! >= '2025-09-25' && p.versions[0]! < '2025-10-02',
);

describe('arxiv-api source', () => {
  const env = useStoreAndServer();
  const range = () => ({
    baseUrl: env.server.url,
    categories: ['cs.CL'],
    from: '2025-09-25',
    until: '2025-10-01',
  });
  const storedIds = async () =>
    (await env.db.store.papersByIds(pool.map((p) => p.id))).map((p) => p.id).sort();

  it('backfills a range page by page, checkpoints it as done, and a re-run changes nothing', async () => {
    env.server.route('/api/query', emulator());
    const { summary } = await ingestFrom(env.db.store, createArxivApi({ pageSize: 5 }), range());
    expect(inRange.length).toBeGreaterThan(15);
    expect(summary).toMatchObject({
      inserted: inRange.length,
      pages: Math.ceil(inRange.length / 5),
      rejected: 0,
    });
    expect(await storedIds()).toEqual(inRange.map((p) => p.id).sort());
    const q = env.server.requests[0]!.query;
    expect(q.get('search_query')).toBe('cat:cs.CL AND submittedDate:[202509250000 TO 202510012359]');
    expect([q.get('sortBy'), q.get('sortOrder'), q.get('max_results')]).toEqual([
      'submittedDate',
      'ascending',
      '5',
    ]);
    expect(JSON.parse((await env.db.store.getMeta(apiCheckpointKey('cs.CL')))!)).toMatchObject({
      done: true,
      until: '2025-10-01',
    });

    const again = await ingestFrom(env.db.store, createArxivApi({ pageSize: 5 }), range());
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: inRange.length });
  });

  it('splits the date range when a query exceeds the result ceiling, reading every paper once', async () => {
    env.server.route('/api/query', emulator());
    const { summary, notes } = await ingestFrom(
      env.db.store,
      createArxivApi({ pageSize: 4, ceiling: 8 }),
      range(),
    );
    expect(notes.some((n) => /exceed the API's 8; splitting the window/.test(n))).toBe(true);
    expect(summary.inserted).toBe(inRange.length);
    expect(summary.records).toBe(inRange.length);
    expect(await storedIds()).toEqual(inRange.map((p) => p.id).sort());
    // Never asked past the ceiling.
    for (const r of env.server.requests)
      expect(Number(r.query.get('start')) + Number(r.query.get('max_results'))).toBeLessThanOrEqual(8);
  });

  it('resumes a stopped backfill at its saved window and offset, without gaps or repeats', async () => {
    env.server.route('/api/query', emulator());
    const ac = new AbortController();
    const stopped = await ingestFrom(
      env.db.store,
      createArxivApi({ pageSize: 5 }),
      { ...range(), signal: ac.signal },
      {
        onPage: (_p, s) => s.pages === 2 && ac.abort(new Error('killed')),
      },
    ).catch((e: unknown) => e);
    expect((stopped as Error).message).toBe('killed');
    expect(await env.db.store.paperCount()).toBe(10);
    expect(JSON.parse((await env.db.store.getMeta(apiCheckpointKey('cs.CL')))!)).toMatchObject({
      offset: 10,
      done: false,
    });
    const before = env.server.requests.length;
    // No dates: continue the unfinished range.
    const { summary } = await ingestFrom(env.db.store, createArxivApi({ pageSize: 5 }), {
      baseUrl: env.server.url,
      categories: ['cs.CL'],
    });
    expect(env.server.requests[before]!.query.get('start')).toBe('10');
    expect(summary).toMatchObject({ inserted: inRange.length - 10, unchanged: 0 });
    expect(await storedIds()).toEqual(inRange.map((p) => p.id).sort());
  });

  it('retries a 500, a timeout and an empty hiccup page, then completes', async () => {
    let n = 0;
    env.server.route(
      '/api/query',
      emulator((req) => {
        n++;
        if (n === 1) return { status: 500, body: 'oops' };
        if (n === 2) return { delayMs: 400, body: '' };
        if (n === 4 && req.query.get('start') === '5')
          return { body: apiPage(req.url, inRange.length, 5, 5, []) };
        return undefined;
      }),
    );
    const { http } = await import('../../../test/helpers/http-fixtures.js').then((m) =>
      m.fastHttp({ timeoutMs: 150 }),
    );
    const { summary } = await ingestFrom(env.db.store, createArxivApi({ pageSize: 5 }), { ...range(), http });
    expect(summary.inserted).toBe(inRange.length);
    expect(summary.records).toBe(inRange.length);
  });

  it('stops with the checkpoint at the last good page when a page is malformed', async () => {
    env.server.route(
      '/api/query',
      emulator((req) => (req.query.get('start') === '10' ? { body: '<feed><entry>' } : undefined)),
    );
    const err = await ingestFrom(env.db.store, createArxivApi({ pageSize: 5 }), range()).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(
      /arxiv-api stopped: the API page cs.CL .* from 10 is malformed or truncated XML .*Everything up to the API page cs.CL .* from 5 is saved/,
    );
    expect(await env.db.store.paperCount()).toBe(10);
    env.server.route('/api/query', emulator());
    const { summary } = await ingestFrom(env.db.store, createArxivApi({ pageSize: 5 }), range());
    expect(summary.inserted).toBe(inRange.length - 10);
  });

  it('needs --from the first time', async () => {
    const err = await ingestFrom(env.db.store, createArxivApi(), {
      baseUrl: env.server.url,
      categories: ['cs.CL'],
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/no checkpoint for cs.CL yet: pass --from/);
  });
});
