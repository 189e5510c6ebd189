import { describe, expect, it } from 'vitest';
import { SegmentBuilder } from './build.js';
import type { IndexDoc } from './doc.js';
import { searchSegments } from './engine.js';
import { parseQuery } from './query.js';
import { IMPACT_SCALE } from './segment.js';
import { analyze } from './tokenize.js';
import { topK } from './topk.js';

const doc = (id: string, title: string, abstract: string, extra: Partial<IndexDoc> = {}): IndexDoc => ({
  id,
  title,
  abstract,
  authors: [],
  categories: ['cs.LG'],
  day: 20250101,
  hasCode: false,
  ...extra,
});

const vocabulary =
  'graph neural network diffusion model language cache memory vision robot agent token'.split(' ');

/** A deterministic corpus of `n` docs drawn from a small vocabulary with a skewed distribution. */
function corpus(n: number): IndexDoc[] {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => vocabulary[Math.floor(rand() ** 2 * vocabulary.length)]!;
  return Array.from({ length: n }, (_, i) =>
    doc(
      `p${i}`,
      Array.from({ length: 3 + Math.floor(rand() * 5) }, word).join(' '),
      Array.from({ length: 10 + Math.floor(rand() * 60) }, word).join(' '),
      {
        day: 20240101 + Math.floor(rand() * 12) * 100,
        hasCode: rand() < 0.3,
        categories: [rand() < 0.5 ? 'cs.CL' : 'cs.CV'],
      },
    ),
  );
}

describe('topK', () => {
  it('returns exactly the exhaustive top k (MaxScore and block-max skip only losers)', async () => {
    const b = new SegmentBuilder();
    for (const d of corpus(3000)) b.add(d);
    const seg = await b.finish();
    const queries = [
      ['graph'],
      ['token'],
      ['graph', 'neural'],
      ['cache', 'memory', 'robot'],
      vocabulary,
      ['agent', 'agent', 'vision'],
    ];
    for (const words of queries) {
      const weights = new Map<number, number>();
      for (const w of words) {
        const id = seg.termId(analyze(w)[0]!)!;
        weights.set(id, (weights.get(id) ?? 0) + 1);
      }
      const terms = [...weights].map(([id, weight]) => ({ id, weight }));
      // Exhaustive scoring for reference.
      const scores = new Map<number, number>();
      for (const t of terms) {
        for (let j = seg.a.postStart[t.id]!; j < seg.a.postStart[t.id + 1]!; j++) {
          const d = seg.a.postDocs[j]!;
          scores.set(d, (scores.get(d) ?? 0) + seg.a.postImpact[j]! * t.weight);
        }
      }
      const expected = [...scores].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, 10);
      const got = topK(seg, terms, 10);
      expect(got.scores).toEqual(expected.map((e) => e[1]));
      expect(got.docs).toEqual(expected.map((e) => e[0]));
    }
  });
});

describe('searchSegments', () => {
  const build = async (docs: IndexDoc[]) => {
    const b = new SegmentBuilder();
    for (const d of docs) b.add(d);
    return b.finish();
  };
  const docs = [
    doc(
      'a',
      'KV cache offloading to CPU memory',
      'We move the key value cache of large language models to host memory.',
      { authors: ['Ada Lovelace'], hasCode: true, day: 20250310 },
    ),
    doc('b', 'Cache-friendly graph processing', 'Graph algorithms with better cache locality.', {
      categories: ['cs.DC'],
      day: 20240105,
    }),
    doc('c', 'Vision transformers', 'Images as tokens; there is no cache here.', {
      authors: ['Alan Turing'],
      categories: ['cs.CV'],
      day: 20250601,
    }),
    doc('d', 'Language models', 'Scaling laws for language models and memory.', {
      authors: ['Ada Byron King'],
      day: 20251201,
    }),
  ];

  it('ranks by BM25 with the title boosted', async () => {
    const seg = await build(docs);
    const r = searchSegments([{ seg }], parseQuery('cache'), { k: 10, sort: 'relevance' });
    expect(r.total).toBe(3);
    expect(
      r.hits
        .map((h) => h.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[2]!.score);
    expect(r.hits.every((h) => h.score > 0 && h.score < 65535 / IMPACT_SCALE)).toBe(true);
  });

  it.each([
    ['cache cat:cs.DC', ['b']],
    ['cache has:code', ['a']],
    ['cache -graph -vision', ['a']],
    ['memory author:ada', ['a', 'd']],
    ['author:"king ada"', ['d']],
    ['year:2025 sort:date', ['d', 'c', 'a']],
    ['before:2025-06 after:2024', ['a']],
    ['"language models" memory', ['d', 'a']],
    ['cat:cs.XX cache', []],
    ['unknownword', []],
    ['the of', []],
  ])('%s', async (q, ids) => {
    const seg = await build(docs);
    const parsed = parseQuery(q);
    const r = searchSegments([{ seg }], parsed, {
      k: 10,
      sort: parsed.sort === 'date' || !parsed.words.length ? 'date' : 'relevance',
    });
    expect(r.hits.map((h) => h.id).sort()).toEqual([...ids].sort());
    expect(r.total).toBe(ids.length);
  });

  it('lets a newer segment shadow a doc and counts facets', async () => {
    const main = await build(docs);
    const delta = await build([
      doc('a', 'Something else entirely', 'No longer about that.', { categories: ['cs.AI'] }),
    ]);
    const dead = new Uint32Array(1);
    dead[0] = 1 << main.docOf('a')!;
    const views = [{ seg: main, dead }, { seg: delta }];
    expect(searchSegments(views, parseQuery('offloading'), { k: 10, sort: 'relevance' }).total).toBe(0);
    const r = searchSegments(views, parseQuery('entirely'), { k: 10, sort: 'relevance', facets: true });
    expect(r.hits.map((h) => h.id)).toEqual(['a']);
    expect(r.facets?.categories.get('cs.AI')).toBe(1);
    const all = searchSegments(views, parseQuery('year:2025'), { k: 10, sort: 'date', facets: true });
    expect(all.facets?.years.get(2025)).toBe(3);
    expect(all.facets?.categories.get('cs.LG')).toBe(1);
  });
});
