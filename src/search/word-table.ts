// An open-addressing hash table from words to term ids that looks words up by (text, start, end) without
// cutting them out of the text: the index builder meets each of ~35M words per 140k papers this way, and
// allocating a string plus a Map lookup per word was most of the build time.

/** FNV-1a over UTF-16 code units of s[start, end). */
export function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Value returned by get() for a word not in the table. */
export const MISSING = -2;

export class WordTable {
  private keys: string[] = [];
  private hashes: number[] = [];
  private vals: number[] = [];
  private slots = new Int32Array(1 << 16).fill(-1);

  /** The value stored for s[start, end) with hash `h`, or MISSING. */
  get(s: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot]!;
      if (k < 0) return MISSING;
      if (this.hashes[k] !== h) continue;
      const key = this.keys[k]!;
      if (key.length !== len) continue;
      let i = 0;
      while (i < len && key.charCodeAt(i) === s.charCodeAt(start + i)) i++;
      if (i === len) return this.vals[k]!;
    }
  }

  /** Stores `val` for `word` (whose hash is `h`); the word must not be in the table yet. */
  set(word: string, h: number, val: number): void {
    // Keep the load factor under 1/2 so probes stay short.
    if ((this.keys.length + 1) * 2 > this.slots.length) this.grow();
    this.keys.push(word);
    this.hashes.push(h);
    this.vals.push(val);
    this.place(this.keys.length - 1, h);
  }

  private place(k: number, h: number) {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = k;
  }

  private grow() {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let k = 0; k < this.keys.length; k++) this.place(k, this.hashes[k]!);
  }
}
