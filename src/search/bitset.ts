// Fixed-size bitsets over segment-local doc numbers (32 docs per word); filters are built from these.

/** A bitset able to hold `n` docs, all clear. */
export const newBitset = (n: number) => new Uint32Array((n + 31) >>> 5);

/** True when bit `i` is set. */
export const hasBit = (bits: Uint32Array, i: number) => ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1;

/** Sets bit `i`. */
export function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

/** Number of set bits in one 32-bit word (SWAR popcount). */
export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Number of set bits in `a AND b` (or in `a` alone). */
export function countAnd(a: Uint32Array, b?: Uint32Array): number {
  let n = 0;
  if (b) for (let w = 0; w < a.length; w++) n += popcount32(a[w]! & b[w]!);
  else for (let w = 0; w < a.length; w++) n += popcount32(a[w]!);
  return n;
}

/** Calls `fn` for every set bit, in increasing order. */
export function forEachBit(bits: Uint32Array, fn: (i: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w]!;
    while (v !== 0) {
      const low = v & -v;
      fn((w << 5) + 31 - Math.clz32(low));
      v ^= low;
    }
  }
}
