// Semantic search with an external provider (the OpenAI-compatible HTTP one, against a real local server):
// vectors are computed once, stored, indexed; a failing provider never fails a search (keyword answers).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { smallCorpusPapers } from '../../../test/helpers/papers.js';
import { SearchService } from '../service.js';
import { HttpEmbedder } from './http-embedder.js';

const log = pino({ level: 'silent' });
const topics = ['cache', 'memory', 'graph', 'molecul', 'robot', 'manipulat'];
/** The "model" the server runs: counts of topic stems, so related texts get close vectors. */
const embed = (text: string) => topics.map((w) => text.toLowerCase().split(w).length - 1 + 0.01);

let t: TempStore;
let server: http.Server;
let url: string;
let calls = 0;
let failing = false;

beforeEach(async () => {
  t = await tempStore();
  await t.store.importBatch({
    papers: smallCorpusPapers(),
    signals: [],
  });
  calls = 0;
  failing = false;
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      calls++;
      if (failing) {
        res.writeHead(502).end('bad gateway');
        return;
      }
      const { input } = JSON.parse(raw) as { input: string[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: input.map((s, index) => ({ index, embedding: embed(s) })) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterEach(async () => {
  await new Promise((r) => server.close(r));
  await t.cleanup();
});

describe('semantic search with an OpenAI-compatible provider', () => {
  it('embeds every paper once into the store, serves hybrid search, and a second process embeds nothing', async () => {
    const embedder = await HttpEmbedder.create({ url, model: 'topic-counter', dimension: 6 });
    const svc = new SearchService({ store: t.store, log, dataDir: t.dir, embedder });
    await svc.start(60_000);
    await svc.idle();
    await svc.syncNow();
    expect(svc.semantic!.status()).toMatchObject({ state: 'ready', model: 'http:topic-counter:6', docs: 12 });
    expect(await t.store.vectorCount('http:topic-counter:6')).toBe(12);
    const r = await svc.search({ q: 'memory cache', limit: 4, offset: 0, mode: 'semantic' });
    expect(r.mode).toBe('semantic');
    expect(r.hits.map((h) => h.paper.id).sort()).toEqual([
      '2503.00001',
      '2503.00002',
      '2503.00003',
      '2503.00004',
    ]);
    const similar = await svc.similar('2503.00005', 3);
    for (const s of similar) expect(['2503.00006', '2503.00007', '2503.00008']).toContain(s.paper.id);
    await svc.stop();

    // Another process (its own data dir): reads the stored vectors; only its queries reach the provider.
    const before = calls;
    const other = new SearchService({ store: t.store, log, dataDir: `${t.dir}/other`, embedder });
    await other.start(60_000);
    await other.idle();
    await other.syncNow();
    expect(other.semantic!.status()).toMatchObject({ state: 'ready', docs: 12, pending: 0 });
    expect(calls).toBe(before);
    await other.stop();
  });

  it('answers with keyword search while the provider fails, and catches up when it is back', async () => {
    const embedder = await HttpEmbedder.create({ url, model: 'topic-counter', dimension: 6 });
    failing = true;
    const svc = new SearchService({
      store: t.store,
      log,
      dataDir: t.dir,
      embedder,
      semanticOptions: { failureBackoffMs: 0 },
    });
    await svc.start(60_000);
    await svc.idle();
    await svc.syncNow();
    const r = await svc.search({ q: 'robot', limit: 5, offset: 0, mode: 'hybrid' });
    expect(r.mode).toBe('keyword');
    expect(r.hits.length).toBeGreaterThan(0);
    expect(await t.store.vectorCount('http:topic-counter:6')).toBe(0);
    failing = false;
    await svc.syncNow();
    expect(await t.store.vectorCount('http:topic-counter:6')).toBe(12);
    const again = await svc.search({ q: 'robot', limit: 5, offset: 0, mode: 'hybrid' });
    expect(again.mode).toBe('hybrid');
    await svc.stop();
  });
});
