import { describe, expect, it } from 'vitest';
import { defaultLsa, features, type LsaSettings } from './embedder.js';
import { smallCorpus } from './fixtures.js';
import { trainLsa } from './train.js';
import { VectorSet } from './vectors.js';

const settings: LsaSettings = { ...defaultLsa, dimension: 6 };
const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

describe('LSA embedder', () => {
  it('gives the same model id and identical vectors when trained twice on the same corpus', () => {
    const a = trainLsa(smallCorpus, settings);
    const b = trainLsa(smallCorpus, settings);
    expect(a.model.id).toMatch(/^lsa-[0-9a-f]{16}$/);
    expect(b.model.id).toBe(a.model.id);
    expect(bytes(b.vectors).equals(bytes(a.vectors))).toBe(true);
    expect(bytes(b.model.embed(['kv cache'])[0]!).equals(bytes(a.model.embed(['kv cache'])[0]!))).toBe(true);
  });

  it('changes its id when the corpus or the settings change', () => {
    const base = trainLsa(smallCorpus, settings).model.id;
    const more = [...smallCorpus, { id: 'x', text: 'Cache eviction for robot graph memory' }];
    expect(trainLsa(more, settings).model.id).not.toBe(base);
    expect(trainLsa(smallCorpus, { ...settings, dimension: 5 }).model.id).not.toBe(base);
    expect(trainLsa(smallCorpus, { ...settings, bigrams: true }).model.id).not.toBe(base);
    expect(trainLsa(smallCorpus, { ...settings, seed: 2 }).model.id).not.toBe(base);
  });

  it('embeds a document text to its trained vector, at unit length', () => {
    const t = trainLsa(smallCorpus, settings);
    const d = t.model.dimension;
    smallCorpus.forEach((doc, r) => {
      const v = t.model.embed([doc.text])[0]!;
      const stored = t.vectors.subarray(r * d, (r + 1) * d);
      let dot = 0;
      for (let j = 0; j < d; j++) dot += v[j]! * stored[j]!;
      expect(dot).toBeCloseTo(1, 4);
    });
  });

  it('puts a query nearest to the papers of its topic, including ones that lack its words', () => {
    const t = trainLsa(smallCorpus, settings);
    const vs = new VectorSet(t.ids, t.model.dimension, t.vectors);
    const topic = (q: string) =>
      vs
        .search(t.model.embed([q])[0]!, 4)
        .map((h) => vs.ids[h.row]!.split('-')[0])
        .sort();
    expect(topic('key value cache memory')).toEqual(['cache', 'cache', 'cache', 'cache']);
    expect(topic('molecules message passing')).toEqual(['graph', 'graph', 'graph', 'graph']);
    // "Paged attention" (cache-2) says neither "key" nor "value", yet is found through co-occurring words.
    const near = vs.search(t.model.embed(['key value cache'])[0]!, 4).map((h) => vs.ids[h.row]);
    expect(near).toContain('cache-2');
  });

  it('embeds text without a known word as the zero vector', () => {
    const t = trainLsa(smallCorpus, settings);
    expect([...t.model.embed(['zzz qqq'])[0]!].every((x) => x === 0)).toBe(true);
  });

  it.each([
    ['KV cache offloading', false, ['kv', 'cach', 'offload']],
    ['KV cache offloading', true, ['kv', 'cach', 'offload', 'kv cach', 'cach offload']],
    // A stop word breaks a pair.
    ['cost of training', true, ['cost', 'train']],
  ])('features(%j, bigrams=%s)', (text, bigrams, want) => {
    expect(features(text, bigrams)).toEqual(want);
  });
});
