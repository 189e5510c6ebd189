// Copying a store into another: real fixtures imported into SQLite, copied into PostgreSQL.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { fixturePath } from '../../test/helpers/fixtures.js';
import { paper, signal } from '../../test/helpers/papers.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { importFile } from '../ingest/import.js';
import { copyStore, type CopyProgress } from './copy.js';
import { StoreError } from './errors.js';
import type { Store } from './store.js';
import { defaultPreferences, type Subscriber } from '../model/subscriber.js';

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

  it('moves subscribers (state, preferences, suppression) and their reactions, and re-copies changes', async () => {
    const s = source.store;
    const now = new Date('2026-02-01T00:00:00Z');
    const ada = await s.requestSubscription(
      'ada@example.org',
      { ...defaultPreferences(), keywords: ['kv'] },
      now,
    );
    await s.confirmSubscriber(ada.id, now);
    await s.requestSubscription('bob@example.org', defaultPreferences(), now);
    await s.recordBounce('bob@example.org', 'hard', 3, now);
    // A deleted subscriber leaves a gap in the ids: the target numbers its own, reactions follow the address.
    const gone = await s.requestSubscription('gone@example.org', defaultPreferences(), now);
    await s.deleteSubscriber(gone.id);
    const cy = await s.requestSubscription('cy@example.org', defaultPreferences(), now);
    await s.confirmSubscriber(cy.id, now);
    await s.setReaction(ada.id, '2610.00001', 'upvote', true, now);
    await s.setReaction(ada.id, '2610.00001', 'save', true, now);
    await s.setReaction(cy.id, '2610.00001', 'upvote', true, now);
    const result = await copyStore(s, target.store, { source: 'test-source', batchSize: 2 });
    expect(result).toMatchObject({ subscribers: 3, reactions: 3 });
    const strip = ({ id: _id, updatedAt: _u, lastLinkSentAt: _l, ...rest }: Subscriber) => rest;
    for (const email of ['ada@example.org', 'bob@example.org', 'cy@example.org']) {
      expect(strip((await target.store.subscriberByEmail(email))!)).toEqual(
        strip((await s.subscriberByEmail(email))!),
      );
    }
    const cyThere = (await target.store.subscriberByEmail('cy@example.org'))!;
    expect(await target.store.reactionsOf(cyThere.id, ['2610.00001'])).toEqual([
      { paperId: '2610.00001', kind: 'upvote' },
    ]);
    // The reactions' signals came over with the signals, not twice.
    expect(await target.store.signalCount()).toBe(await s.signalCount());

    // A change in place (preferences) is carried by the next run.
    await s.updatePreferences(ada.id, { ...defaultPreferences(), keywords: ['moe'] }, now);
    await copyStore(s, target.store, { source: 'test-source' });
    expect((await target.store.subscriberByEmail('ada@example.org'))!.preferences.keywords).toEqual(['moe']);
    expect(await target.store.reactionCount()).toBe(3);
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
