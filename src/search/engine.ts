// Runs a parsed query over the index's segments: filters as bitsets, BM25 top-k (or newest first), totals, facets.
import { countAnd, forEachBit, hasBit, newBitset } from './bitset.js';
import { authorTerms } from './build.js';
import type { ParsedQuery } from './query.js';
import { CATEGORY_PREFIX, IMPACT_SCALE, type Segment } from './segment.js';
import { analyzers } from './tokenize.js';
import { Heap, topK, type QueryTerm } from './topk.js';

/** A segment as searched now: `dead` marks docs superseded by a newer segment. */
export interface SegmentView {
  seg: Segment;
  dead?: Uint32Array | undefined;
}

export interface EngineHit {
  id: string;
  /** BM25 score (0 when sorted by date without words). */
  score: number;
  /** yyyymmdd */
  day: number;
}

export interface Facets {
  categories: Map<string, number>;
  years: Map<number, number>;
  withCode: number;
}

export interface EngineResult {
  hits: EngineHit[];
  /** Docs matching the query and its filters. */
  total: number;
  facets?: Facets;
}

export interface EngineOptions {
  /** How many hits to return (offset + page size). */
  k: number;
  sort: 'relevance' | 'date';
  facets?: boolean;
}

/** Sets the bit of every doc in term t's postings. */
function markPostings(seg: Segment, t: number, bits: Uint32Array): void {
  const { postStart, postDocs } = seg.a;
  for (let j = postStart[t]!; j < postStart[t + 1]!; j++)
    bits[postDocs[j]! >>> 5]! |= 1 << (postDocs[j]! & 31);
}

/** Docs holding every one of `terms` (undefined when the list is empty, an empty set when one is unknown). */
function allOf(seg: Segment, terms: string[]): Uint32Array | undefined {
  if (!terms.length) return undefined;
  let acc: Uint32Array | undefined;
  for (const term of terms) {
    const bits = newBitset(seg.docCount);
    const t = seg.termId(term);
    if (t !== undefined) markPostings(seg, t, bits);
    if (acc) for (let w = 0; w < acc.length; w++) acc[w]! &= bits[w]!;
    else acc = bits;
  }
  return acc;
}

/** The accepted-docs bitset for the query's filters, or undefined when every doc is accepted. */
function filterBits(v: SegmentView, q: ParsedQuery, termOf: (w: string) => string | undefined) {
  const { seg } = v;
  const terms = (ws: string[]) => ws.map(termOf).filter((t): t is string => t !== undefined);
  const hasDeleted = seg.a.deleted.some((w) => w !== 0);
  const needed =
    hasDeleted ||
    v.dead ||
    q.categories.length ||
    q.hasCode ||
    q.authors.length ||
    q.phrases.length ||
    q.excluded.length ||
    q.after !== undefined ||
    q.before !== undefined;
  if (!needed) return undefined;
  const f = newBitset(seg.docCount).fill(0xffffffff);
  // Clear the bits past the last doc so counts stay exact.
  if (seg.docCount & 31) f[f.length - 1] = (1 << (seg.docCount & 31)) - 1;
  const and = (b: Uint32Array) => {
    for (let w = 0; w < f.length; w++) f[w]! &= b[w]!;
  };
  const andNot = (b: Uint32Array) => {
    for (let w = 0; w < f.length; w++) f[w]! &= ~b[w]!;
  };
  if (hasDeleted) andNot(seg.a.deleted);
  if (v.dead) andNot(v.dead);
  if (q.categories.length) {
    const any = newBitset(seg.docCount);
    const cats = seg.categories();
    for (const c of q.categories) {
      for (const t of cats.get(c) ?? cats.get(c.toLowerCase()) ?? []) markPostings(seg, t, any);
    }
    and(any);
  }
  if (q.hasCode) and(seg.a.hasCode);
  for (const name of q.authors) and(allOf(seg, authorTerms(name))!);
  for (const phrase of q.phrases) {
    const req = allOf(seg, terms(phrase));
    if (req) and(req);
  }
  for (const group of q.excluded) {
    const ex = allOf(seg, terms(group));
    if (ex) andNot(ex);
  }
  if (q.after !== undefined || q.before !== undefined) {
    const after = q.after ?? 0;
    const before = q.before ?? 99999999;
    const days = seg.a.days;
    forEachBit(f.slice(), (d) => {
      if (days[d]! <= after || days[d]! >= before) f[d >>> 5]! &= ~(1 << (d & 31));
    });
  }
  return f;
}

/** The query's terms in this segment, repeats summed into weights. */
function queryTerms(seg: Segment, q: ParsedQuery, termOf: (w: string) => string | undefined): QueryTerm[] {
  const weights = new Map<number, number>();
  for (const w of q.words) {
    const term = termOf(w);
    const id = term === undefined ? undefined : seg.termId(term);
    if (id !== undefined) weights.set(id, (weights.get(id) ?? 0) + 1);
  }
  return [...weights].map(([id, weight]) => ({ id, weight }));
}

/** Searches one segment. */
function searchSegment(v: SegmentView, q: ParsedQuery, o: EngineOptions): EngineResult {
  const { seg } = v;
  const analyzer = analyzers[seg.meta.analyzer];
  const termOf = (w: string) => analyzer.term(w);
  const terms = queryTerms(seg, q, termOf);
  const accept = filterBits(v, q, termOf);
  const rankable = q.words.some((w) => termOf(w) !== undefined);
  if (rankable && terms.length === 0) return { hits: [], total: 0 };
  if (terms.length === 1 && !accept && !o.facets && o.sort === 'relevance') {
    // The common case of one word and no filters: the total is the term's document frequency.
    const t = terms[0]!;
    const top = topK(seg, terms, o.k);
    const hits = top.docs.map((d, i) => ({
      id: seg.a.ids[d]!,
      score: top.scores[i]! / IMPACT_SCALE,
      day: seg.a.days[d]!,
    }));
    return { hits, total: seg.a.postStart[t.id + 1]! - seg.a.postStart[t.id]! };
  }
  let match: Uint32Array | undefined = accept;
  if (terms.length) {
    match = newBitset(seg.docCount);
    const { postStart, postDocs } = seg.a;
    for (const t of terms) {
      for (let j = postStart[t.id]!; j < postStart[t.id + 1]!; j++)
        match[postDocs[j]! >>> 5]! |= 1 << (postDocs[j]! & 31);
    }
    if (accept) for (let w = 0; w < match.length; w++) match[w]! &= accept[w]!;
  }
  if (!match) return { hits: [], total: 0 }; // Neither words nor filters: nothing was asked.
  const total = countAnd(match);
  let hits: EngineHit[];
  if (terms.length && o.sort === 'relevance') {
    const top = topK(seg, terms, o.k, accept);
    hits = top.docs.map((d, i) => ({
      id: seg.a.ids[d]!,
      score: top.scores[i]! / IMPACT_SCALE,
      day: seg.a.days[d]!,
    }));
  } else {
    hits = newest(seg, match, o.k);
  }
  return { hits, total, ...(o.facets ? { facets: facetsOf(seg, match) } : {}) };
}

/** The k newest matching docs (later doc numbers first among equal days: they were stored later). */
function newest(seg: Segment, match: Uint32Array, k: number): EngineHit[] {
  const days = seg.a.days;
  // Key = day, then doc number, in one exact integer (yyyymmdd × 2^26 + doc < 2^53 for up to 67M docs), kept in a k-bounded heap
  // so a common word's tens of thousands of matches are never sorted in full.
  const heap = new Heap(k);
  forEachBit(match, (d) => {
    const key = days[d]! * 67_108_864 + d + 1;
    if (key > heap.threshold) heap.push(key, d);
  });
  return heap.sorted().docs.map((d) => ({ id: seg.a.ids[d]!, score: 0, day: days[d]! }));
}

function facetsOf(seg: Segment, match: Uint32Array): Facets {
  const categories = new Map<string, number>();
  const { postStart, postDocs } = seg.a;
  for (const [name, ids] of seg.categories()) {
    // Lowercase aliases map to the stored names; count each stored category once.
    if (ids.length !== 1 || seg.a.terms[ids[0]!] !== CATEGORY_PREFIX + name) continue;
    let n = 0;
    for (let j = postStart[ids[0]!]!; j < postStart[ids[0]! + 1]!; j++)
      n += hasBit(match, postDocs[j]!) ? 1 : 0;
    if (n) categories.set(name, n);
  }
  const years = new Map<number, number>();
  forEachBit(match, (d) => {
    const y = Math.floor(seg.a.days[d]! / 10000);
    years.set(y, (years.get(y) ?? 0) + 1);
  });
  return { categories, years, withCode: countAnd(match, seg.a.hasCode) };
}

const addCounts = <K>(into: Map<K, number>, from: Map<K, number>) => {
  for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
};

/** Searches every segment and merges: best k overall, totals and facets summed. */
export function searchSegments(views: SegmentView[], q: ParsedQuery, o: EngineOptions): EngineResult {
  const parts = views.map((v) => searchSegment(v, q, o));
  const hits = parts
    .flatMap((p) => p.hits)
    .sort((a, b) => (o.sort === 'relevance' ? b.score - a.score : 0) || b.day - a.day)
    .slice(0, o.k);
  const total = parts.reduce((s, p) => s + p.total, 0);
  if (!o.facets) return { hits, total };
  const facets: Facets = { categories: new Map(), years: new Map(), withCode: 0 };
  for (const p of parts) {
    if (!p.facets) continue;
    addCounts(facets.categories, p.facets.categories);
    addCounts(facets.years, p.facets.years);
    facets.withCode += p.facets.withCode;
  }
  return { hits, total, facets };
}
