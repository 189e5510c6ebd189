import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaperInput } from '../model/paper.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { indexDir } from './keyword-index.js';
import { SearchService } from './service.js';

const log = pino({ level: 'silent' });
let t: TempStore;
const services: SearchService[] = [];

const paper = (id: string, title: string, abstract: string, extra: Partial<PaperInput> = {}): PaperInput => ({
  id,
  version: 1,
  title,
  abstract,
  authors: ['Grace Hopper'],
  categories: ['cs.LG'],
  primaryCategory: 'cs.LG',
  published: '2025-03-01T00:00:00Z',
  updated: null,
  comment: null,
  doi: null,
  journalRef: null,
  codeUrls: [],
  source: 'paperpulse',
  firstSeen: '2025-03-02',
  ...extra,
});

const put = (...papers: PaperInput[]) => t.store.importBatch({ papers, signals: [] });
const ids = async (svc: SearchService, q: string) =>
  (await svc.search({ q, limit: 20, offset: 0 })).hits.map((h) => h.paper.id);

/** A started service over the test store; waits for its first build or load and first sync. */
async function started(mergeAt?: number) {
  const svc = new SearchService({ store: t.store, log, dataDir: t.dir, ...(mergeAt ? { mergeAt } : {}) });
  services.push(svc);
  await svc.start(60_000); // The test drives syncs itself.
  await svc.index.idle();
  await svc.syncNow();
  return svc;
}

beforeEach(async () => {
  t = await tempStore();
  await put(
    paper(
      '2503.00001',
      'Offloading the KV cache to CPU memory',
      'We move the key value cache to host memory.',
    ),
    paper('2503.00002', 'Graph neural networks for molecules', 'Message passing over molecular graphs.', {
      codeUrls: ['https://github.com/x/y'],
    }),
    paper('2503.00003', 'Cache replacement policies', 'Key ideas; the value of caching in CPU design.', {
      categories: ['cs.AR'],
    }),
  );
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  await t.cleanup();
});

describe('SearchService', () => {
  it('builds a missing index, persists it and answers with snippets', async () => {
    const svc = await started();
    expect(fs.existsSync(path.join(indexDir(t.dir), 'manifest.json'))).toBe(true);
    const r = await svc.search({ q: 'kv cache', limit: 10, offset: 0 });
    expect(r.index.state).toBe('ready');
    expect(r.total).toBe(2);
    expect(r.hits[0]!.paper.id).toBe('2503.00001');
    expect(r.hits[0]!.snippet.highlights.length).toBeGreaterThan(0);
    expect(r.hits[0]!.title.text.slice(...r.hits[0]!.title.highlights[0]!)).toBe('KV');
    expect(await ids(svc, 'molecules has:code')).toEqual(['2503.00002']);
  });

  it('makes new and updated papers searchable on the next sync; updates shadow the old text', async () => {
    const svc = await started();
    await put(paper('2503.00004', 'Speculative decoding', 'Draft tokens verified by a larger model.'));
    await put(
      paper('2503.00002', 'Protein folding with diffusion', 'Now about proteins.', {
        codeUrls: ['https://github.com/x/y'],
      }),
    );
    await svc.syncNow();
    expect(await ids(svc, 'speculative')).toEqual(['2503.00004']);
    expect(await ids(svc, 'protein')).toEqual(['2503.00002']);
    expect(await ids(svc, 'molecules')).toEqual([]);
    expect(svc.index.status()).toMatchObject({ docs: 4, pending: 2 });
  });

  it('confirms phrases against the text', async () => {
    const svc = await started();
    // Both papers hold "key" and "value"; only one has them side by side.
    expect((await ids(svc, 'key value')).sort()).toEqual(['2503.00001', '2503.00003']);
    const r = await svc.search({ q: '"key value"', limit: 10, offset: 0 });
    expect(r.hits.map((h) => h.paper.id)).toEqual(['2503.00001']);
    expect(r).toMatchObject({ total: 1, totalExact: true });
  });

  it('reloads from disk on restart and catches up from the stored cursor', async () => {
    const first = await started();
    const built = first.index.status().cursor;
    await first.stop();
    await put(paper('2503.00005', 'Mixture of experts routing', 'Routing tokens to experts.'));
    const second = await started();
    expect(second.index.status()).toMatchObject({ rebuilding: false, pending: 1 });
    expect(second.index.status().cursor).toBeGreaterThan(built);
    expect(await ids(second, 'experts')).toEqual(['2503.00005']);
  });

  it('rebuilds a corrupt index, answering meanwhile and saying so', async () => {
    const first = await started();
    await first.stop();
    const dir = indexDir(t.dir);
    const seg = fs.readdirSync(dir).find((f) => f.endsWith('.bin'))!;
    fs.writeFileSync(path.join(dir, seg), 'garbage');
    const svc = new SearchService({ store: t.store, log, dataDir: t.dir });
    services.push(svc);
    await svc.start(60_000);
    const during = await svc.search({ q: 'cache', limit: 10, offset: 0 });
    expect(during.index.state).toBe('building');
    expect(during.index.reason).toMatch(/checksum|size/);
    expect(during.hits).toEqual([]);
    await svc.index.idle();
    const after = await svc.search({ q: 'cache', limit: 10, offset: 0 });
    expect(after.index.state).toBe('ready');
    expect(after.total).toBe(2);
  });

  it('rebuilds an index made with other BM25 settings', async () => {
    const first = await started();
    await first.stop();
    const mpath = path.join(indexDir(t.dir), 'manifest.json');
    const m = JSON.parse(fs.readFileSync(mpath, 'utf8')) as { meta: { params: { k1: number } } };
    m.meta.params.k1 = 0.9;
    fs.writeFileSync(mpath, JSON.stringify(m));
    const svc = new SearchService({ store: t.store, log, dataDir: t.dir });
    services.push(svc);
    await svc.start(60_000);
    expect(svc.index.status()).toMatchObject({
      state: 'building',
      reason: expect.stringMatching(/other analysis settings/),
    });
    await svc.index.idle();
    expect(await ids(svc, 'molecules')).toEqual(['2503.00002']);
  });

  it('merges a large delta into a new main segment', async () => {
    const svc = await started(2);
    await put(
      paper('2503.00006', 'Retrieval augmented generation', 'RAG.'),
      paper('2503.00007', 'Retrieval for code', 'Code retrieval.'),
    );
    await svc.syncNow();
    await svc.index.idle();
    expect(svc.index.status()).toMatchObject({ pending: 0, docs: 5, state: 'ready' });
    expect((await ids(svc, 'retrieval')).sort()).toEqual(['2503.00006', '2503.00007']);
  });

  it('orders by the trending ranking when asked, unranked papers last', async () => {
    const svc = await started();
    const r = await svc.search({
      q: 'cache',
      limit: 10,
      offset: 0,
      sort: 'trending',
      trendingIds: () => Promise.resolve(['2503.00002', '2503.00003']),
    });
    expect(r.sort).toBe('trending');
    expect(r.hits.map((h) => h.paper.id)).toEqual(['2503.00003', '2503.00001']);
  });

  it('sorts by date, pages, filters only, and never fails on hostile input', async () => {
    const svc = await started();
    await put(paper('2503.00008', 'Old cache paper', 'Cache.', { published: '2024-01-01T00:00:00Z' }));
    await svc.syncNow();
    expect(await ids(svc, 'cache sort:date')).toEqual(['2503.00003', '2503.00001', '2503.00008']);
    expect(
      (await svc.search({ q: 'cache', limit: 1, offset: 1, sort: 'date' })).hits.map((h) => h.paper.id),
    ).toEqual(['2503.00001']);
    expect(await ids(svc, 'year:2024')).toEqual(['2503.00008']);
    expect(await ids(svc, 'cat:cs.AR')).toEqual(['2503.00003']);
    for (const q of [
      '"',
      '-',
      'author:',
      '((((',
      '\u0000'.repeat(5000),
      'a'.repeat(100_000),
      '" -" cat: year:x',
    ]) {
      await expect(svc.search({ q, limit: 10, offset: 0 })).resolves.toHaveProperty('hits');
    }
  });
});
