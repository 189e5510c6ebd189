// Training runs in a worker thread: on a real corpus (the demo week, 2,204 papers, default d=128) the server's
// event loop keeps turning and a search is answered, in degraded (keyword) mode, while the model trains.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemo } from '../../ingest/demo.js';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { SearchService } from '../service.js';

const log = pino({ level: 'silent' });
let t: TempStore;

beforeAll(async () => {
  t = await tempStore();
  await importDemo(t.store);
}, 120_000);
afterAll(async () => t.cleanup());

describe('semantic training off the main thread', () => {
  it('keeps the event loop responsive and answers searches while the model trains', async () => {
    const svc = new SearchService({ store: t.store, log, dataDir: t.dir });
    // Largest gap between timer ticks that should come every 5 ms: the event loop's worst stall.
    let last = performance.now();
    let worst = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 5);
    try {
      await svc.start(60_000);
      await svc.index.idle();
      // The keyword index is ready; the semantic model is still training in its thread.
      worst = 0;
      last = performance.now();
      const trainingStarted = performance.now();
      expect(svc.semantic!.status().state).toMatch(/loading|building/);
      const during = await svc.search({ q: 'kv cache', limit: 5, offset: 0, mode: 'hybrid' });
      expect(during.mode).toBe('keyword');
      expect(during.semantic.state).toMatch(/loading|building/);
      expect(during.hits.length).toBeGreaterThan(0);
      await svc.semantic!.idle();
      const trainingMs = performance.now() - trainingStarted;
      // Training a 128-d model on this corpus takes seconds; on the main thread the loop would stall about as
      // long (the SVD runs in one go). Off it, the worst stall is a small part of that (measured 136 ms on an
      // idle machine; the bound leaves room for a machine shared with other work).
      expect(trainingMs).toBeGreaterThan(2000);
      expect(worst).toBeLessThan(Math.min(1000, trainingMs / 4));
      const after = await svc.search({ q: 'kv cache', limit: 5, offset: 0, mode: 'hybrid' });
      expect(after.mode).toBe('hybrid');
      expect(after.semantic.state).toBe('ready');
    } finally {
      clearInterval(tick);
      await svc.stop();
    }
  }, 180_000);
});
