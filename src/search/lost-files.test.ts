// A web process whose index files disappear while it serves (an operator's rm, a cleanup job): search keeps
// answering from memory, says it is degraded, and the files are rebuilt from the store. On both backends.
import fs from 'node:fs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, tempStore, type Backend, type TempStore } from '../../test/helpers/store.js';
import { paper } from '../../test/helpers/papers.js';
import { indexJson } from '../web/api/search.js';
import { indexDir } from './keyword-index.js';
import { SearchService } from './service.js';

const log = pino({ level: 'silent' });

describe.each(backends)('index files deleted while serving (%s)', (backend: Backend) => {
  let t: TempStore;
  let svc: SearchService;
  beforeEach(async () => {
    t = await tempStore(backend);
    await t.store.importBatch({
      papers: [
        paper('2509.00001', { title: 'Caching key value pairs', abstract: 'A cache for transformers.' }),
        paper('2509.00002', { title: 'Graph networks', abstract: 'Message passing.' }),
        paper('2509.00003', { title: 'Cache replacement', abstract: 'Eviction policies for a cache.' }),
      ],
      signals: [],
    });
    svc = new SearchService({ store: t.store, log, dataDir: t.dir, semantic: false });
    await svc.start(60_000); // the test drives the syncs
    await svc.index.idle();
    await svc.syncNow();
  });
  afterEach(async () => {
    await svc.stop();
    await t.cleanup();
  });

  const ids = async () =>
    (await svc.search({ q: 'cache', limit: 10, offset: 0 })).hits.map((h) => h.paper.id).sort();

  it('keeps answering from memory, reports degraded mode, and rebuilds the files from the store', async () => {
    const before = await ids();
    expect(before).toEqual(['2509.00001', '2509.00003']);
    const dir = indexDir(t.dir);
    fs.rmSync(dir, { recursive: true });

    // The next sync tick notices at once (before its first await) and starts the rebuild.
    const tick = svc.index.sync();
    const status = svc.index.status();
    expect(status).toMatchObject({ state: 'ready', rebuilding: true, docs: 3 });
    expect(status.degraded).toMatch(/were deleted; answering from memory while rebuilding/);
    expect(indexJson(status).message).toMatch(/^Degraded: this server lost its search index files/);
    expect(await ids()).toEqual(before);

    await tick;
    await svc.index.idle();
    expect(fs.existsSync(`${dir}/manifest.json`)).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(`${dir}/manifest.json`, 'utf8')) as { docCount: number };
    expect(manifest.docCount).toBe(3);
    expect(svc.index.status().degraded).toBeUndefined();
    expect(indexJson(svc.index.status()).message).toBeNull();
    expect(await ids()).toEqual(before);
  });

  it('notices a missing segment file too, not only a missing manifest', async () => {
    const dir = indexDir(t.dir);
    for (const f of fs.readdirSync(dir).filter((f) => f.startsWith('segment-'))) fs.rmSync(`${dir}/${f}`);
    const tick = svc.index.sync();
    expect(svc.index.status().degraded).toBeDefined();
    await tick;
    await svc.index.idle();
    expect(fs.readdirSync(dir).some((f) => /^segment-.*\.bin$/.test(f))).toBe(true);
    expect(svc.index.status().degraded).toBeUndefined();
  });
});
