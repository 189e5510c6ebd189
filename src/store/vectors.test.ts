// The embeddings part of the store contract, on both backends: models with weights, one active model, vectors
// upserted per (model, paper), keyset paging, staleness by paper_seq, and deleting old models.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperInput } from '../model/paper.js';
import { backends, tempStore, type TempStore } from '../../test/helpers/store.js';
import type { EmbeddingModelRecord } from './vector-store.js';

const paper = (id: string): PaperInput => ({
  id,
  version: 1,
  title: `Paper ${id}`,
  abstract: 'Abstract.',
  authors: ['Ada Lovelace'],
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
});

const model = (id: string, createdAt: string): EmbeddingModelRecord => ({
  id,
  kind: 'lsa',
  dimension: 4,
  settings: { dimension: 4, seed: 1 },
  papers: 3,
  cursor: 3,
  createdAt,
});
const bytes = (...xs: number[]) => Uint8Array.from(xs);

describe.each(backends)('%s store: vectors', (backend) => {
  let t: TempStore;
  beforeAll(async () => {
    t = await tempStore(backend);
    await t.store.importBatch({ papers: ['2501.00001', '2501.00002', '2501.00003'].map(paper), signals: [] });
  });
  afterAll(() => t?.cleanup());

  it('stores a model with its weights byte for byte, once per id', async () => {
    const weights = new Uint8Array(300_000).map((_, i) => (i * 7) & 255);
    await t.store.saveEmbeddingModel(model('lsa-a', '2026-01-01T00:00:00.000Z'), weights);
    await t.store.saveEmbeddingModel({ ...model('lsa-a', '2026-02-01T00:00:00.000Z'), papers: 99 }, null);
    const got = await t.store.embeddingModel('lsa-a');
    expect(got?.model).toEqual(model('lsa-a', '2026-01-01T00:00:00.000Z'));
    expect(Buffer.from(got!.data!).equals(Buffer.from(weights))).toBe(true);
    expect(await t.store.embeddingModel('nope')).toBeUndefined();
  });

  it('has one active model, which every reader sees', async () => {
    expect(await t.store.activeEmbeddingModel()).toBeUndefined();
    await t.store.setActiveEmbeddingModel('lsa-a');
    expect((await t.store.activeEmbeddingModel())?.id).toBe('lsa-a');
  });

  it('upserts vectors per paper, skips unknown papers, pages by id and reads by ids', async () => {
    await t.store.putVectors('lsa-a', [
      { paperId: '2501.00002', paperSeq: 2, vector: bytes(1, 2, 3) },
      { paperId: '2501.00001', paperSeq: 1, vector: bytes(4, 5, 6) },
      { paperId: '9999.99999', paperSeq: 9, vector: bytes(7) },
    ]);
    await t.store.putVectors('lsa-a', [{ paperId: '2501.00002', paperSeq: 5, vector: bytes(9, 9, 9) }]);
    expect(await t.store.vectorCount('lsa-a')).toBe(2);
    const first = await t.store.vectorsAfter('lsa-a', '', 1);
    expect(first.map((v) => [v.paperId, v.paperSeq, [...v.vector]])).toEqual([['2501.00001', 1, [4, 5, 6]]]);
    const rest = await t.store.vectorsAfter('lsa-a', first[0]!.paperId, 10);
    expect(rest.map((v) => [v.paperId, v.paperSeq, [...v.vector]])).toEqual([['2501.00002', 5, [9, 9, 9]]]);
    const some = await t.store.vectorsFor('lsa-a', ['2501.00002', '2501.00003']);
    expect(some.map((v) => v.paperId)).toEqual(['2501.00002']);
  });

  it('lists models newest first and deletes an old one with its vectors, never the active one', async () => {
    await t.store.saveEmbeddingModel(model('lsa-b', '2026-03-01T00:00:00.000Z'), bytes(1));
    await t.store.putVectors('lsa-b', [{ paperId: '2501.00003', paperSeq: 3, vector: bytes(1, 1, 1) }]);
    expect((await t.store.embeddingModels()).map((m) => m.id)).toEqual(['lsa-b', 'lsa-a']);
    expect(await t.store.deleteEmbeddingModel('lsa-a')).toBe(false);
    await t.store.setActiveEmbeddingModel('lsa-b');
    expect(await t.store.deleteEmbeddingModel('lsa-a')).toBe(true);
    expect(await t.store.vectorCount('lsa-a')).toBe(0);
    expect(await t.store.embeddingModel('lsa-a')).toBeUndefined();
    expect(await t.store.vectorCount('lsa-b')).toBe(1);
    await t.store.setActiveEmbeddingModel(null);
    expect(await t.store.activeEmbeddingModel()).toBeUndefined();
  });
});
