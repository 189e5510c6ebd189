import { describe, expect, it } from 'vitest';
import { seededRandom } from './rng.js';
import type { Csr } from './sparse.js';
import { symmetricEigen, truncatedSvd } from './svd.js';

/** A random sparse rows × cols matrix (about a third of entries set). */
function randomCsr(rows: number, cols: number, seed: number): { a: Csr; dense: Float64Array } {
  const rand = seededRandom(seed);
  const dense = new Float64Array(rows * cols);
  const start = new Uint32Array(rows + 1);
  const col: number[] = [];
  const val: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (rand() < 0.33) {
        const v = Math.fround(rand());
        dense[r * cols + c] = v;
        col.push(c);
        val.push(v);
      }
    }
    start[r + 1] = col.length;
  }
  return { a: { rows, cols, start, col: Uint32Array.from(col), val: Float32Array.from(val) }, dense };
}

describe('symmetricEigen', () => {
  it('decomposes a known matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 1 and 3.
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 10), expect.closeTo(3, 10)]);
    const i = values[0]! > values[1]! ? 0 : 1;
    expect(Math.abs(vectors[0 * 2 + i]!)).toBeCloseTo(Math.SQRT1_2, 10);
    expect(vectors[0 * 2 + i]! * vectors[1 * 2 + i]!).toBeGreaterThan(0);
  });
});

describe('truncatedSvd', () => {
  it('finds the top singular values of a sparse matrix (against the eigenvalues of AᵀA)', () => {
    const rows = 60;
    const cols = 25;
    const { a, dense } = randomCsr(rows, cols, 7);
    const ata = new Float64Array(cols * cols);
    for (let i = 0; i < cols; i++)
      for (let j = 0; j < cols; j++)
        for (let r = 0; r < rows; r++) ata[i * cols + j]! += dense[r * cols + i]! * dense[r * cols + j]!;
    const exact = [...symmetricEigen(ata, cols).values].sort((x, y) => y - x).map(Math.sqrt);
    const svd = truncatedSvd(a, { rank: 5, oversample: 10, power: 2, seed: 1 });
    // The top one is exact; a random matrix's flat tail is where a randomized method is least precise (1%).
    expect(svd.sigma[0]).toBeCloseTo(exact[0]!, 4);
    [...svd.sigma].forEach((s, i) => expect(Math.abs(s - exact[i]!) / exact[i]!).toBeLessThan(0.01));
    // Right singular vectors are orthonormal.
    for (let p = 0; p < 5; p++) {
      for (let q = 0; q < 5; q++) {
        let dot = 0;
        for (let t = 0; t < cols; t++) dot += svd.v[t * 5 + p]! * svd.v[t * 5 + q]!;
        expect(dot).toBeCloseTo(p === q ? 1 : 0, 4);
      }
    }
  });
});
