// A sparse docs × terms matrix in compressed rows, and its products with dense row-major matrices.

/** Row r holds columns col[start[r]..start[r+1]) with weights val[...]. */
export interface Csr {
  rows: number;
  cols: number;
  start: Uint32Array;
  col: Uint32Array;
  val: Float32Array;
}

/** A × B, with B cols × l row-major; returns rows × l row-major. */
export function mulDense(a: Csr, b: Float32Array, l: number): Float32Array {
  const out = new Float32Array(a.rows * l);
  for (let r = 0; r < a.rows; r++) {
    const o = r * l;
    for (let p = a.start[r]!; p < a.start[r + 1]!; p++) {
      const w = a.val[p]!;
      const bo = a.col[p]! * l;
      for (let j = 0; j < l; j++) out[o + j]! += w * b[bo + j]!;
    }
  }
  return out;
}

/** Aᵀ × B, with B rows × l row-major; returns cols × l row-major. */
export function mulDenseT(a: Csr, b: Float32Array, l: number): Float32Array {
  const out = new Float32Array(a.cols * l);
  for (let r = 0; r < a.rows; r++) {
    const bo = r * l;
    for (let p = a.start[r]!; p < a.start[r + 1]!; p++) {
      const w = a.val[p]!;
      const o = a.col[p]! * l;
      for (let j = 0; j < l; j++) out[o + j]! += w * b[bo + j]!;
    }
  }
  return out;
}
