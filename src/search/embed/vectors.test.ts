import { describe, expect, it } from 'vitest';
import { normalize } from './embedder.js';
import { seededRandom } from './rng.js';
import { buildIvf } from './ivf.js';
import { VectorSet } from './vectors.js';

/** n random unit vectors whose energy decays along the dimensions, as LSA's do. */
function lsaLike(n: number, d: number, seed: number): VectorSet {
  const rand = seededRandom(seed);
  const data = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) data[r * d + j] = (rand() - 0.5) / Math.sqrt(j + 1);
    normalize(data.subarray(r * d, (r + 1) * d));
  }
  return new VectorSet(
    Array.from({ length: n }, (_, i) => `p${i}`),
    d,
    data,
  );
}

describe('VectorSet', () => {
  it('exact search returns the best rows by dot product, best first, honouring skip', () => {
    const vs = lsaLike(500, 16, 1);
    const q = vs.vector(7);
    const brute = [...Array(500).keys()]
      .map((r) => ({ r, s: vs.vector(r).reduce((a, x, j) => a + x * q[j]!, 0) }))
      .sort((a, b) => b.s - a.s);
    const hits = vs.searchExact(q, 5);
    expect(hits.map((h) => h.row)).toEqual(brute.slice(0, 5).map((b) => b.r));
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    expect(vs.searchExact(q, 5, (r) => r === 7).map((h) => h.row)).toEqual(brute.slice(1, 6).map((b) => b.r));
  });

  it('IVF search on a large set finds nearly all of the exact top 10', () => {
    const exactOnly = lsaLike(25_000, 96, 2);
    expect(exactOnly.ivf).toBeUndefined();
    const vs = new VectorSet(exactOnly.ids, 96, exactOnly.data, buildIvf(exactOnly.data, 96));
    expect(vs.ivf!.lists).toBeGreaterThan(100);
    let found = 0;
    for (let i = 0; i < 5; i++) {
      const q = vs.vector(i * 101);
      const exact = vs.searchExact(q, 10).map((h) => h.row);
      const fast = new Set(vs.search(q, 10).map((h) => h.row));
      found += exact.filter((r) => fast.has(r)).length;
      // The query's own row is always found, first.
      expect(vs.search(q, 1)[0]!.row).toBe(i * 101);
    }
    expect(found / 50).toBeGreaterThanOrEqual(0.9);
  });
});
