import { describe, expect, it } from 'vitest';
import { normalize } from './embedder.js';
import { buildIvf, defaultLists, IvfIndex } from './ivf.js';
import { seededRandom } from './rng.js';

/** n unit vectors in d dimensions around `clusters` random centres (as topics make real embeddings). */
function clustered(n: number, d: number, clusters: number, seed: number): Float32Array {
  const rand = seededRandom(seed);
  const centres = Array.from({ length: clusters }, () =>
    Float32Array.from({ length: d }, () => rand() - 0.5),
  );
  const data = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    const c = centres[r % clusters]!;
    for (let j = 0; j < d; j++) data[r * d + j] = c[j]! + (rand() - 0.5) * 0.6;
    normalize(data.subarray(r * d, (r + 1) * d));
  }
  return data;
}

function exactTop(data: Float32Array, d: number, q: Float32Array, k: number): number[] {
  const n = data.length / d;
  const s = Array.from({ length: n }, (_, r) => {
    let x = 0;
    for (let j = 0; j < d; j++) x += data[r * d + j]! * q[j]!;
    return { r, x };
  });
  return s
    .sort((a, b) => b.x - a.x)
    .slice(0, k)
    .map((e) => e.r);
}

describe('IVF index', () => {
  it('is deterministic and puts every row in exactly one cell', () => {
    const data = clustered(3000, 24, 30, 1);
    const a = buildIvf(data, 24);
    const b = buildIvf(data, 24);
    expect(Array.from(a.order)).toEqual(Array.from(b.order));
    expect(a.listStart.length - 1).toBe(defaultLists(3000));
    expect([...new Set(a.order)].length).toBe(3000);
    expect(a.listStart[a.listStart.length - 1]).toBe(3000);
  });

  it('finds nearly all of the exact top 10, scores exactly, and honours skip', () => {
    // 30 dimensions: not a multiple of 4, so the scan's tail is exercised too.
    const d = 30;
    const data = clustered(6000, d, 40, 2);
    const ivf = new IvfIndex(buildIvf(data, d), data);
    let found = 0;
    for (let i = 0; i < 20; i++) {
      const q = data.slice(i * 97 * d, (i * 97 + 1) * d);
      const want = exactTop(data, d, q, 10);
      const hits = ivf.search(q, 10, 12);
      expect(hits[0]!.row).toBe(i * 97);
      expect(hits[0]!.score).toBeCloseTo(1, 5);
      found += want.filter((r) => hits.some((h) => h.row === r)).length;
      expect(ivf.search(q, 10, 12, (r) => r === i * 97).some((h) => h.row === i * 97)).toBe(false);
    }
    expect(found / 200).toBeGreaterThanOrEqual(0.9);
    // Probing every cell is exact.
    const q = data.slice(0, d);
    expect(ivf.search(q, 10, ivf.lists).map((h) => h.row)).toEqual(exactTop(data, d, q, 10));
  });

  it('works with fewer rows than cells asked for', () => {
    const data = clustered(5, 8, 2, 3);
    const a = buildIvf(data, 8, { lists: 50 });
    expect(a.listStart.length - 1).toBe(5);
    expect(new IvfIndex(a, data).search(data.slice(8, 16), 3, 5)[0]!.row).toBe(1);
  });
});
