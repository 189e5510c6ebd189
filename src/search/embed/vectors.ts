// Doc vectors in memory (float32, unit length) and exact top-k by dot product over all of them. On disk they are
// int8 with one scale per vector (see persist.ts): a quarter of the size, and nDCG on SciFact is unchanged.

/** Sets smaller than this are always searched exactly (it takes under a few ms). */
const TWO_STAGE_MIN = 20_000;
/** Leading dimensions of the first stage (a multiple of 4). */
const PREFIX = 32;
/** Rows the first stage passes to exact scoring. */
const CANDIDATES = 2000;

export interface VectorHit {
  /** Row in the set. */
  row: number;
  /** Cosine similarity (vectors are unit length). */
  score: number;
}

export class VectorSet {
  private readonly row: Map<string, number>;
  /** The first PREFIX dimensions of every row, contiguous: the first stage then reads 1/4 of the memory. */
  private readonly prefix: Float32Array | undefined;

  constructor(
    readonly ids: string[],
    readonly dimension: number,
    /** rows × dimension, row-major. */
    readonly data: Float32Array,
  ) {
    this.row = new Map(ids.map((id, i) => [id, i]));
    if (ids.length >= TWO_STAGE_MIN && dimension > PREFIX * 2) {
      this.prefix = new Float32Array(ids.length * PREFIX);
      for (let r = 0; r < ids.length; r++) {
        this.prefix.set(data.subarray(r * dimension, r * dimension + PREFIX), r * PREFIX);
      }
    }
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
   * The k rows most similar to `q` (best first), skipping rows for which `skip` says true. Large sets are
   * searched in two stages: LSA orders dimensions by singular value, so the first PREFIX of them rank well
   * enough to pick CANDIDATES rows, which are then scored exactly (recall against exact search: bench/).
   */
  search(q: Float32Array, k: number, skip?: (row: number) => boolean): VectorHit[] {
    const d = this.dimension;
    const prefix = this.prefix;
    if (!prefix || k * 4 > CANDIDATES) return this.searchExact(q, k, skip);
    const n = this.size;
    const data = this.data;
    const coarse = new Float32Array(n);
    for (let r = 0, o = 0; r < n; r++, o += PREFIX) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < PREFIX; j += 4) {
        s0 += q[j]! * prefix[o + j]!;
        s1 += q[j + 1]! * prefix[o + j + 1]!;
        s2 += q[j + 2]! * prefix[o + j + 2]!;
        s3 += q[j + 3]! * prefix[o + j + 3]!;
      }
      coarse[r] = s0 + s1 + s2 + s3;
    }
    const cut = kthLargest(Float32Array.from(coarse), CANDIDATES);
    const rows: number[] = [];
    for (let r = 0; r < n && rows.length < CANDIDATES * 2; r++) if (coarse[r]! >= cut) rows.push(r);
    const hits: VectorHit[] = [];
    for (const r of rows) {
      if (skip && skip(r)) continue;
      let s = 0;
      for (let j = 0, o = r * d; j < d; j++) s += q[j]! * data[o + j]!;
      hits.push({ row: r, score: s });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
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

/** The k-th largest value of `a` (reordered in place), by quickselect: O(n) on average. */
export function kthLargest(a: Float32Array, k: number): number {
  if (k >= a.length) return -Infinity;
  let lo = 0;
  let hi = a.length - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else break;
  }
  return a[want]!;
}
