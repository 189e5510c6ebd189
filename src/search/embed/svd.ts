// Randomized truncated SVD (Halko, Martinsson & Tropp 2011) of a sparse matrix, in plain TypeScript.
// It works in the column (term) space: the basis there is as wide as the vocabulary, not the corpus.
import { seededRandom } from './rng.js';
import { mulDense, mulDenseT, type Csr } from './sparse.js';

export interface SvdOptions {
  rank: number;
  /** Extra random directions that make the top `rank` ones accurate. */
  oversample?: number;
  /** Power iterations: each sharpens the spectrum's decay (text matrices decay slowly). */
  power?: number;
  seed?: number;
}

export interface Svd {
  /** Right singular vectors, cols × rank row-major (row t = term t's coordinates). */
  v: Float32Array;
  /** A·V = U·Σ, rows × rank row-major (the rows' coordinates). */
  us: Float32Array;
  sigma: Float64Array;
}

/** Top-`rank` right singular vectors of `a`, and the rows projected on them; deterministic for a given seed. */
export function truncatedSvd(a: Csr, o: SvdOptions): Svd {
  const k = o.rank;
  const l = Math.min(k + (o.oversample ?? 10), a.cols, a.rows);
  const rand = seededRandom(o.seed ?? 1);
  const omega = new Float32Array(a.rows * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rand() - 0.5;
  let q = orthonormalize(mulDenseT(a, omega, l), a.cols, l);
  for (let i = 0; i < (o.power ?? 2); i++) q = orthonormalize(mulDenseT(a, mulDense(a, q, l), l), a.cols, l);
  // With Z = A·Q, the small matrix ZᵀZ = Qᵀ·AᵀA·Q holds the top of A's spectrum: its eigenvectors W give V = Q·W.
  const z = mulDense(a, q, l);
  const { values, vectors } = symmetricEigen(gram(z, a.rows, l), l);
  const order = [...values.keys()].sort((x, y) => values[y]! - values[x]!).slice(0, Math.min(k, l));
  const w = new Float64Array(l * order.length);
  order.forEach((src, j) => {
    for (let i = 0; i < l; i++) w[i * order.length + j] = vectors[i * l + src]!;
  });
  const sigma = Float64Array.from(order, (i) => Math.sqrt(Math.max(0, values[i]!)));
  return { v: mulSmall(q, a.cols, l, w, order.length), us: mulSmall(z, a.rows, l, w, order.length), sigma };
}

/** YᵀY in float64 (l × l), Y n × l row-major. */
function gram(y: Float32Array, n: number, l: number): Float64Array {
  const g = new Float64Array(l * l);
  const row = new Float64Array(l);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < l; j++) row[j] = y[r * l + j]!;
    for (let i = 0; i < l; i++) {
      const yi = row[i]!;
      if (yi === 0) continue;
      const o = i * l;
      for (let j = i; j < l; j++) g[o + j]! += yi * row[j]!;
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g[i * l + j] = g[j * l + i]!;
  return g;
}

/** Y (n × l) × W (l × m, float64) → n × m float32. */
function mulSmall(y: Float32Array, n: number, l: number, w: Float64Array, m: number): Float32Array {
  const out = new Float32Array(n * m);
  const acc = new Float64Array(m);
  for (let r = 0; r < n; r++) {
    acc.fill(0);
    for (let i = 0; i < l; i++) {
      const yi = y[r * l + i]!;
      if (yi === 0) continue;
      for (let j = 0; j < m; j++) acc[j]! += yi * w[i * m + j]!;
    }
    out.set(acc, r * m);
  }
  return out;
}

/**
 * Orthonormal columns spanning Y's (n × l): Y·W·Λ^-1/2 from the eigenvectors of YᵀY. Row-major all the way
 * (Gram–Schmidt would walk columns with a stride); directions with a negligible eigenvalue become zero columns.
 */
function orthonormalize(y: Float32Array, n: number, l: number): Float32Array {
  const { values, vectors } = symmetricEigen(gram(y, n, l), l);
  const top = Math.max(...values);
  const w = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    const s = values[j]! > top * 1e-10 ? 1 / Math.sqrt(values[j]!) : 0;
    for (let i = 0; i < l; i++) w[i * l + j] = vectors[i * l + j]! * s;
  }
  return mulSmall(y, n, l, w, l);
}

/** Eigen-decomposition of a symmetric l × l matrix by cyclic Jacobi rotations; vectors are columns. */
export function symmetricEigen(m: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < l; i++) {
      diag += a[i * l + i]! ** 2;
      for (let j = i + 1; j < l; j++) off += a[i * l + j]! ** 2;
    }
    if (off <= 1e-22 * diag || off === 0) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          // Rotate rows/columns p and q of the symmetric matrix (both kept full).
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i]!;
  return { values, vectors: v };
}
