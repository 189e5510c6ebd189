// Copying a store into another: real fixtures imported into SQLite, copied into PostgreSQL.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { fixturePath } from '../../test/helpers/fixtures.js';
import { paper, signal } from '../../test/helpers/papers.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { importFile } from '../ingest/import.js';
import { copyStore, type CopyProgress } from './copy.js';
import { StoreError } from './errors.js';
import type { Store } from './store.js';

let source: TempStore;
beforeAll(async () => {
  source = await tempStore('sqlite');
  for (const f of [
    'arxiv-corpus-sample.jsonl',
    'hf-daily-sample.jsonl',
    'seed-page.jsonl',
    'kaggle-sample.jsonl',
  ])
    await importFile(source.store, fixturePath(f), { format: 'auto' });
});
afterAll(() => source?.cleanup());

/** Every paper (in change order) and signal observation (in recording order) a store holds. */
async function contents(store: Store) {
  const papers = (await store.papersChangedSince(0, 100_000)).map((c) => c.paper);
  const signals = (await store.signalsAfter(0, 100_000)).map((s) => s.signal);
  return { papers: papers.sort((a, b) => a.id.localeCompare(b.id)), signals };
}

describe('copyStore', () => {
  let target: TempStore;
  beforeAll(async () => {
    target = await tempStore('postgres');
  });
  afterAll(() => target?.cleanup());

  it('resumes after an interruption, then holds exactly what the source holds', async () => {
    const expected = await contents(source.store);
    expect(expected.papers.length).toBeGreaterThan(100);
    expect(expected.signals.length).toBeGreaterThan(50);

    // The first run dies after its second batch (as if the process were killed).
    let batches = 0;
    const first = copyStore(source.store, target.store, {
      source: 'test-source',
      batchSize: 25,
      onProgress: () => {
        if (++batches === 2) throw new Error('killed');
      },
    });
    await expect(first).rejects.toThrow('killed');
    expect(await target.store.paperCount()).toBe(50);

    const seen: CopyProgress[] = [];
    const result = await copyStore(source.store, target.store, {
      source: 'test-source',
      batchSize: 25,
      onProgress: (p) => seen.push(p),
    });
    expect(result.resumed).toBe(true);
    // It went on from the checkpoint: the 50 papers already copied were not read again.
    expect(result.papers).toBe(expected.papers.length - 50);
    expect(result.signals).toBe(expected.signals.length);
    expect(result.inserted).toBe(expected.papers.length - 50);
    expect(seen.at(-1)).toMatchObject({
      totalPapers: expected.papers.length,
      totalSignals: expected.signals.length,
    });
    expect(await contents(target.store)).toEqual(expected);
  });

  it('a later run copies only what changed in the source since', async () => {
    await source.store.importBatch({
      papers: [paper('2610.00001')],
      signals: [signal('2610.00001', 4, '2026-10-01T00:00:00.000Z')],
    });
    const result = await copyStore(source.store, target.store, { source: 'test-source' });
    expect(result).toMatchObject({ papers: 1, signals: 1, inserted: 1, resumed: true });
    expect(await target.store.paperById('2610.00001')).toEqual(await source.store.paperById('2610.00001'));
    expect(await contents(target.store)).toEqual(await contents(source.store));
  });

  it('refuses a target that holds a copy of another source', async () => {
    const other = copyStore(source.store, target.store, { source: 'another-source' });
    await expect(other).rejects.toThrow(StoreError);
    await expect(other).rejects.toThrow(/holds a copy of test-source, not of another-source/);
  });

  it('refuses a target that already holds papers of its own', async () => {
    const busy = await tempStore('sqlite');
    try {
      await busy.store.importBatch({ papers: [paper('2610.00002')], signals: [] });
      await expect(copyStore(source.store, busy.store, { source: 'test-source' })).rejects.toThrow(
        /already holds papers/,
      );
      expect(await busy.store.paperCount()).toBe(1);
    } finally {
      await busy.cleanup();
    }
  });
});
