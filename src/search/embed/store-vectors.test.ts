// Vectors live in the store: a process with its own data dir (another web replica) serves the model and vectors
// another process stored, without training, and embeds queries identically; a retrain in one process reaches the
// others through the store's active model. On both backends.
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, tempStore, type TempStore } from '../../../test/helpers/store.js';
import { corpusPaper as paper, smallCorpusPapers } from '../../../test/helpers/papers.js';
import { decodeVector } from './codec.js';
import { defaultLsa } from './embedder.js';
import { SemanticIndex } from './semantic-index.js';

const log = pino({ level: 'silent' });
const settings = { ...defaultLsa, dimension: 6 };

const papers = smallCorpusPapers();

// Each replica starts worker threads (slow to start under tsx on a loaded machine): generous timeouts.
describe.each(backends)(
  '%s store: semantic vectors shared through the store',
  { timeout: 180_000 },
  (backend) => {
    let t: TempStore;
    const opened: SemanticIndex[] = [];
    beforeEach(async () => {
      t = await tempStore(backend);
      await t.store.importBatch({ papers, signals: [] });
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await t.cleanup();
    });

    /** A SemanticIndex as one process would have it, with its own DATA_DIR/index. */
    async function replica(name: string, reindexAt?: number) {
      const s = new SemanticIndex({
        store: t.store,
        log,
        dir: path.join(t.dir, name, 'index'),
        settings,
        ...(reindexAt ? { reindexAt } : {}),
      });
      opened.push(s);
      await s.open();
      await s.idle();
      return s;
    }

    it('stores the trained model and every vector; another replica serves them without training', async () => {
      const a = await replica('a');
      const model = a.status().model!;
      expect((await t.store.activeEmbeddingModel())?.id).toBe(model);
      expect(await t.store.vectorCount(model)).toBe(12);
      const b = await replica('b');
      expect(b.status()).toMatchObject({ state: 'ready', docs: 12, model });
      // Same query vector, same paper vectors (bit for bit), same neighbours.
      expect(await b.embedQuery('kv cache')).toEqual(await a.embedQuery('kv cache'));
      for (const p of papers) expect(b.vectorOf(p.id)).toEqual(a.vectorOf(p.id));
      expect(b.similar('2503.00001', 3)).toEqual(a.similar('2503.00001', 3));
      // b indexed from the store and wrote its own files: a restart of b loads them.
      expect(fs.readdirSync(path.join(t.dir, 'b', 'index')).some((f) => f.startsWith('semantic-'))).toBe(
        true,
      );
      // The stored vector is the served one: int8 codes with their scale.
      const [stored] = await t.store.vectorsFor(model, ['2503.00001']);
      const { codes, scale } = decodeVector(stored!.vector, 6);
      const v = a.vectorOf('2503.00001')!;
      const norm = Math.hypot(...Array.from(codes, (c) => c * scale));
      codes.forEach((c, j) => expect(v[j]).toBeCloseTo((c * scale) / norm, 6));
    });

    it('embeds new papers once into the store; the other replica reads them instead of embedding', async () => {
      const a = await replica('a');
      const b = await replica('b');
      const model = a.status().model!;
      await t.store.importBatch({ papers: [paper('2504.00001', 'Quantizing the KV cache')], signals: [] });
      expect(await a.sync()).toBe(1);
      expect(await t.store.vectorCount(model)).toBe(13);
      const [first] = await t.store.vectorsFor(model, ['2504.00001']);
      expect(await b.sync()).toBe(1);
      expect(b.vectorOf('2504.00001')).toEqual(a.vectorOf('2504.00001'));
      const [after] = await t.store.vectorsFor(model, ['2504.00001']);
      expect(Buffer.from(after!.vector).equals(Buffer.from(first!.vector))).toBe(true);
    });

    it('folds a large delta into the indexed set by re-reading the store, without retraining', async () => {
      const a = await replica('a', 2);
      const model = a.status().model!;
      await t.store.importBatch({
        papers: [
          paper('2504.00001', 'KV cache'),
          paper('2504.00002', 'Robot arms'),
          paper('2504.00003', 'Graphs'),
        ],
        signals: [],
      });
      await a.sync();
      await a.idle();
      expect(a.status()).toMatchObject({ state: 'ready', model, docs: 15, pending: 0 });
      // The next sync finds every changed paper already current in the new set.
      await a.sync();
      expect(a.status()).toMatchObject({ docs: 15, pending: 0 });
      expect(a.similar('2504.00001', 2).map((h) => h.id)).not.toContain('2504.00001');
    });

    it('a retrain in one replica is picked up by the other on its next sync', async () => {
      const a = await replica('a');
      const b = await replica('b');
      const old = a.status().model!;
      // A grown corpus trains to another model.
      await t.store.importBatch({
        papers: [
          paper('2504.00001', 'Speculative decoding with draft models'),
          paper('2504.00002', 'Draft models'),
        ],
        signals: [],
      });
      await a.retrain('test');
      const next = a.status().model!;
      expect(next).not.toBe(old);
      expect((await t.store.activeEmbeddingModel())?.id).toBe(next);
      await b.sync();
      await b.idle();
      expect(b.status()).toMatchObject({ state: 'ready', model: next, docs: 14 });
      expect(await b.embedQuery('draft decoding')).toEqual(await a.embedQuery('draft decoding'));
    });
  },
);
