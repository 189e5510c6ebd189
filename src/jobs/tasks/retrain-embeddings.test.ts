// The scheduled retrain on a real SQLite store: trains when no model is stored, skips while the corpus grew
// less than 10%, retrains (a new active model) once it grew enough, and leaves external providers alone.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { corpusPaper as paper, smallCorpusPapers } from '../../../test/helpers/papers.js';
import type { TaskContext } from '../task.js';
import { retrainEmbeddingsTask } from './retrain-embeddings.js';

const log = pino({ level: 'silent' });
let t: TempStore;

const ctx = (): TaskContext => ({
  store: t.store,
  log,
  job: {} as TaskContext['job'],
  signal: new AbortController().signal,
  now: () => new Date(),
  saveProgress: () => Promise.resolve(),
});
const run = (payload: unknown = {}) => retrainEmbeddingsTask.run(payload, ctx());

beforeEach(async () => {
  t = await tempStore();
  await t.store.importBatch({
    papers: smallCorpusPapers(),
    signals: [],
  });
});
afterEach(() => t.cleanup());

describe('retrain-embeddings task', () => {
  it('trains when no model is stored, then retrains only once the corpus grew by the threshold', async () => {
    await run();
    const first = await t.store.activeEmbeddingModel();
    expect(first).toMatchObject({ kind: 'lsa', papers: 12 });
    expect(await t.store.vectorCount(first!.id)).toBe(12);
    // One more paper: 8% growth, under 10%.
    await t.store.importBatch({
      papers: [paper('2504.00001', 'Speculative decoding with drafts')],
      signals: [],
    });
    await run();
    expect((await t.store.activeEmbeddingModel())?.id).toBe(first!.id);
    // A second one: 17%.
    await t.store.importBatch({ papers: [paper('2504.00002', 'Draft models verify tokens')], signals: [] });
    await run();
    const second = await t.store.activeEmbeddingModel();
    expect(second).toMatchObject({ kind: 'lsa', papers: 14 });
    expect(second!.id).not.toBe(first!.id);
    expect(await t.store.vectorCount(second!.id)).toBe(14);
  }, 60_000);

  it('leaves an external provider alone and refuses a bad payload for good', async () => {
    await t.store.saveEmbeddingModel(
      {
        id: 'http:m:3',
        kind: 'http',
        dimension: 3,
        settings: {},
        papers: 0,
        cursor: 0,
        createdAt: '2026-01-01',
      },
      null,
    );
    await t.store.setActiveEmbeddingModel('http:m:3');
    await run({ force: true });
    expect((await t.store.activeEmbeddingModel())?.id).toBe('http:m:3');
    await expect(run({ growth: 'lots' })).rejects.toThrow(/bad payload/);
  });
});
