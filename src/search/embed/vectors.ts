// Doc vectors in memory (float32, unit length) and top-k by dot product: exact over small sets, through an IVF
// index (ivf.ts) over large ones. On disk they are int8 with one scale per vector (see persist.ts): a quarter of
// the size, and nDCG on SciFact is unchanged.
import { IvfIndex, type IvfArrays } from './ivf.js';

/** Sets at least this large get an IVF index when built (an exact scan of 20,000 × 128 takes ~2 ms). */
export const IVF_MIN = 20_000;

/** Cells an IVF search probes: ~1.6·√cells (375 cells → 31: recall@100 vs exact 0.95 on the real corpus). */
export const ivfProbe = (lists: number) => Math.min(lists, Math.max(8, Math.ceil(1.6 * Math.sqrt(lists))));

/**
 * Cells probed for a paper's own neighbours: half as many. A paper's vector lies inside the data, so its
 * neighbours sit in few cells (375 cells, probe 16: recall@10 vs exact 0.97, half the time of probe 32).
 */
export const ivfProbeNear = (lists: number) => Math.max(4, Math.ceil(ivfProbe(lists) / 2));

export interface VectorHit {
  /** Row in the set. */
  row: number;
  /** Cosine similarity (vectors are unit length). */
  score: number;
}

export class VectorSet {
  private readonly row: Map<string, number>;
  readonly ivf: IvfIndex | undefined;

  constructor(
    readonly ids: string[],
    readonly dimension: number,
    /** rows × dimension, row-major. */
    readonly data: Float32Array,
    /** An IVF index built over exactly these rows (buildIvf), for approximate search. */
    ivf?: IvfArrays,
    /** Each row's paper change number when it was embedded (a newer change means the row is stale). */
    readonly seqs?: Float64Array,
  ) {
    this.row = new Map(ids.map((id, i) => [id, i]));
    this.ivf = ivf ? new IvfIndex(ivf, data) : undefined;
  }

  get size(): number {
    return this.ids.length;
  }

  rowOf(id: string): number | undefined {
    return this.row.get(id);
  }

  /** Row `r` (a view, not a copy). */
  vector(r: number): Float32Array {
    return this.data.subarray(r * this.dimension, (r + 1) * this.dimension);
  }

  /**
   * The k rows most similar to `q` (best first), skipping rows for which `skip` says true: through the IVF
   * index when the set has one (approximate; recall against exact search is printed by bench/), else exact.
   */
  search(q: Float32Array, k: number, skip?: (row: number) => boolean): VectorHit[] {
    if (!this.ivf) return this.searchExact(q, k, skip);
    return this.ivf.search(q, k, ivfProbe(this.ivf.lists), skip);
  }

  /** Like search(), for a vector of the set itself (similar papers): fewer cells probed (ivfProbeNear). */
  searchNear(q: Float32Array, k: number, skip?: (row: number) => boolean): VectorHit[] {
    if (!this.ivf) return this.searchExact(q, k, skip);
    return this.ivf.search(q, k, Math.min(this.ivf.lists, ivfProbeNear(this.ivf.lists)), skip);
  }

  /** Like search(), scoring every row at full dimension. */
  searchExact(q: Float32Array, k: number, skip?: (row: number) => boolean): VectorHit[] {
    const d = this.dimension;
    const data = this.data;
    // A small sorted buffer of the best k: cheaper than a heap for k ≤ a few hundred, and no allocation per row.
    const bestRow = new Int32Array(k).fill(-1);
    const bestScore = new Float64Array(k).fill(-Infinity);
    let floor = -Infinity;
    const d4 = d - (d % 4);
    for (let r = 0, o = 0; r < this.ids.length; r++, o += d) {
      // Four independent sums: V8 does not vectorise, but they overlap in the CPU (measured ~2× over one sum).
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j < d4; j += 4) {
        s0 += q[j]! * data[o + j]!;
        s1 += q[j + 1]! * data[o + j + 1]!;
        s2 += q[j + 2]! * data[o + j + 2]!;
        s3 += q[j + 3]! * data[o + j + 3]!;
      }
      for (; j < d; j++) s0 += q[j]! * data[o + j]!;
      const s = s0 + s1 + s2 + s3;
      if (s <= floor || (skip && skip(r))) continue;
      let i = k - 1;
      while (i > 0 && bestScore[i - 1]! < s) {
        bestScore[i] = bestScore[i - 1]!;
        bestRow[i] = bestRow[i - 1]!;
        i--;
      }
      bestScore[i] = s;
      bestRow[i] = r;
      floor = bestScore[k - 1]!;
    }
    const out: VectorHit[] = [];
    for (let i = 0; i < k && bestRow[i]! >= 0; i++) out.push({ row: bestRow[i]!, score: bestScore[i]! });
    return out;
  }
}

/** int8 codes with a per-row scale (max |x| / 127) for rows × d floats. */
export function quantize(
  v: Float32Array,
  rows: number,
  d: number,
): { codes: Int8Array; scales: Float32Array } {
  const codes = new Int8Array(rows * d);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = 0; j < d; j++) max = Math.max(max, Math.abs(v[r * d + j]!));
    const s = max > 0 ? 127 / max : 0;
    for (let j = 0; j < d; j++) codes[r * d + j] = Math.round(v[r * d + j]! * s);
    scales[r] = max / 127;
  }
  return { codes, scales };
}

/** The floats back from int8 codes (re-normalised to unit length). */
export function dequantize(codes: Int8Array, scales: Float32Array, d: number): Float32Array {
  const out = new Float32Array(codes.length);
  for (let r = 0; r < scales.length; r++) {
    let n = 0;
    for (let j = 0; j < d; j++) {
      const x = codes[r * d + j]! * scales[r]!;
      out[r * d + j] = x;
      n += x * x;
    }
    const k = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let j = 0; j < d; j++) out[r * d + j]! *= k;
  }
  return out;
}
