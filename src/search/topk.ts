// Top-k retrieval over one segment: block-max skipping for one term, MaxScore for several. Scores are integer
// sums of quantised impacts (divide by IMPACT_SCALE for BM25 units).
import { hasBit } from './bitset.js';
import { BLOCK, type Segment } from './segment.js';

/** A term of the query in one segment, with how often the query repeats it. */
export interface QueryTerm {
  id: number;
  weight: number;
}

/** The k best docs, best first. */
export interface TopK {
  docs: number[];
  scores: number[];
}

/** A bounded min-heap of (score, doc): the root is the weakest of the best k seen so far. */
export class Heap {
  private s: number[] = [];
  private d: number[] = [];
  constructor(private readonly k: number) {}
  /** The score a doc must beat to enter (0 until the heap is full). */
  get threshold(): number {
    return this.s.length < this.k ? 0 : this.s[0]!;
  }
  push(score: number, doc: number) {
    const { s, d } = this;
    if (s.length < this.k) {
      let i = s.length;
      s.push(score);
      d.push(doc);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (s[p]! <= score) break;
        s[i] = s[p]!;
        d[i] = d[p]!;
        i = p;
      }
      s[i] = score;
      d[i] = doc;
      return;
    }
    // Replace the root and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= s.length) break;
      const c = l + 1 < s.length && s[l + 1]! < s[l]! ? l + 1 : l;
      if (s[c]! >= score) break;
      s[i] = s[c]!;
      d[i] = d[c]!;
      i = c;
    }
    s[i] = score;
    d[i] = doc;
  }
  /** Best first; equal scores in doc order (earlier docs first). */
  sorted(): TopK {
    const idx = this.s.map((_, i) => i).sort((a, b) => this.s[b]! - this.s[a]! || this.d[a]! - this.d[b]!);
    return { docs: idx.map((i) => this.d[i]!), scores: idx.map((i) => this.s[i]!) };
  }
}

/** First position in [lo, hi) whose doc is >= target (galloping, then binary search). */
function advance(docs: Uint32Array, lo: number, hi: number, target: number): number {
  if (lo >= hi || docs[lo]! >= target) return lo;
  let step = 1;
  let prev = lo;
  let probe = lo + 1;
  while (probe < hi && docs[probe]! < target) {
    prev = probe;
    step <<= 1;
    probe = lo + step;
  }
  let a = prev + 1;
  let b = Math.min(probe, hi);
  while (a < b) {
    const m = (a + b) >>> 1;
    if (docs[m]! < target) a = m + 1;
    else b = m;
  }
  return a;
}

/** The k highest-scoring docs for the query terms among docs whose bit is set in `accept` (all when omitted). */
export function topK(seg: Segment, terms: QueryTerm[], k: number, accept?: Uint32Array): TopK {
  const live = terms.filter((t) => t.weight > 0);
  if (k <= 0 || live.length === 0) return { docs: [], scores: [] };
  return live.length === 1 ? oneTerm(seg, live[0]!, k, accept) : maxScore(seg, live, k, accept);
}

/** One term: scan only blocks whose maximum impact can still beat the k-th best. */
function oneTerm(seg: Segment, t: QueryTerm, k: number, accept?: Uint32Array): TopK {
  const { postStart, postDocs, postImpact, blockStart, blockMax } = seg.a;
  const heap = new Heap(k);
  const start = postStart[t.id]!;
  const end = postStart[t.id + 1]!;
  const b0 = blockStart[t.id]!;
  for (let blk = 0, p = start; p < end; blk++, p += BLOCK) {
    if (blockMax[b0 + blk]! * t.weight <= heap.threshold) continue;
    const stop = Math.min(end, p + BLOCK);
    for (let j = p; j < stop; j++) {
      const score = postImpact[j]! * t.weight;
      if (score <= heap.threshold) continue;
      const doc = postDocs[j]!;
      if (accept && !hasBit(accept, doc)) continue;
      heap.push(score, doc);
    }
  }
  return heap.sorted();
}

/**
 * MaxScore (Turtle & Flood): terms sorted by their maximum contribution; once the k-th best score exceeds the
 * sum of the smallest maxima, those terms alone cannot qualify a doc, so only the others drive the loop and
 * the small ones are probed (with skips) for docs that may still make it.
 */
function maxScore(seg: Segment, terms: QueryTerm[], k: number, accept?: Uint32Array): TopK {
  const { postStart, postDocs, postImpact, blockStart, blockMax } = seg.a;
  const n = terms.length;
  const ub = terms.map((t) => {
    let m = 0;
    for (let j = blockStart[t.id]!; j < blockStart[t.id + 1]!; j++) m = Math.max(m, blockMax[j]!);
    return m * t.weight;
  });
  const order = ub.map((_, i) => i).sort((a, b) => ub[a]! - ub[b]!);
  const w = order.map((i) => terms[i]!.weight);
  const pos = order.map((i) => postStart[terms[i]!.id]!);
  const end = order.map((i) => postStart[terms[i]!.id + 1]!);
  const cum: number[] = [];
  order.forEach((i, j) => cum.push((cum[j - 1] ?? 0) + ub[i]!));
  const heap = new Heap(k);
  let firstEssential = 0;
  for (;;) {
    let doc = 0xffffffff;
    for (let i = firstEssential; i < n; i++)
      if (pos[i]! < end[i]! && postDocs[pos[i]!]! < doc) doc = postDocs[pos[i]!]!;
    if (doc === 0xffffffff) break;
    let score = 0;
    for (let i = firstEssential; i < n; i++) {
      if (pos[i]! < end[i]! && postDocs[pos[i]!]! === doc) {
        score += postImpact[pos[i]!]! * w[i]!;
        pos[i]!++;
      }
    }
    if (accept && !hasBit(accept, doc)) continue;
    const threshold = heap.threshold;
    for (let i = firstEssential - 1; i >= 0 && score + cum[i]! > threshold; i--) {
      pos[i] = advance(postDocs, pos[i]!, end[i]!, doc);
      if (pos[i]! < end[i]! && postDocs[pos[i]!]! === doc) score += postImpact[pos[i]!]! * w[i]!;
    }
    if (score > threshold) {
      heap.push(score, doc);
      while (firstEssential < n && cum[firstEssential]! <= heap.threshold) firstEssential++;
    }
  }
  return heap.sorted();
}
