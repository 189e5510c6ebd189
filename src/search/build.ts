// Builds a Segment from docs: tokenises fields, accumulates postings, then computes BM25 impacts and block maxima.
import { setBit, newBitset } from './bitset.js';
import type { IndexDoc } from './doc.js';
import { asciiOnly, defaultAnalyzer, forEachWord, tokenize, type Analyzer } from './tokenize.js';
import { MISSING, WordTable, hashRange } from './word-table.js';
import { categoryRe } from './query.js';
import {
  AUTHOR_PREFIX,
  BLOCK,
  CATEGORY_PREFIX,
  IMPACT_SCALE,
  Segment,
  defaultBm25,
  type Bm25Params,
} from './segment.js';

/** Corpus statistics from outside the segment (the main index), so a small delta scores like the whole. */
export interface OuterStats {
  liveDocs: number;
  avgLen: number;
  df(term: string): number;
}

/** A growable typed array of 32-bit unsigned ints (postings are appended in doc order while building). */
class Growable {
  a = new Uint32Array(1 << 16);
  n = 0;
  push(v: number) {
    if (this.n === this.a.length) {
      const next = new Uint32Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.n++] = v;
  }
}

export class SegmentBuilder {
  private ids: string[] = [];
  private days: number[] = [];
  private lens: number[] = [];
  private code: number[] = [];
  private byId = new Map<string, number>();
  private deleted: number[] = [];
  private termIds = new Map<string, number>();
  /** Folded word -> term id (-1 for a stop word), so each word is stemmed once per build. */
  private words = new WordTable();
  /** Folded author-name part -> id of its AUTHOR_PREFIX term. */
  private nameParts = new WordTable();
  private terms: string[] = [];
  // Every (term, doc, weighted tf) triple, in doc order; finish() sorts them by term with a counting sort.
  // One flat buffer per column instead of one array per term: far less allocation and garbage collection.
  private pTerm = new Growable();
  private pDoc = new Growable();
  private pTf = new Growable();
  // Per-doc term frequencies by term id, reset after each doc (only the touched entries).
  private tfScratch = new Uint32Array(1 << 16);
  private touched: number[] = [];

  constructor(
    readonly analyzer: Analyzer = defaultAnalyzer,
    readonly params: Bm25Params = defaultBm25,
  ) {}

  /** Docs added so far (including replaced ones). */
  get size(): number {
    return this.ids.length;
  }

  private termId(term: string): number {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.terms.length;
      this.termIds.set(term, t);
      this.terms.push(term);
      if (t >= this.tfScratch.length) {
        const next = new Uint32Array(this.tfScratch.length * 2);
        next.set(this.tfScratch);
        this.tfScratch = next;
      }
    }
    return t;
  }

  /** Adds `weight` occurrences of term `t` to the current doc (weight 0 records presence only). */
  private count(t: number, weight: number) {
    // Stored tf is weight + 1 so that 0 means "not touched yet" and 1 "present, not scored" (author names).
    if (this.tfScratch[t] === 0) this.touched.push(t);
    this.tfScratch[t] = (this.tfScratch[t] || 1) + weight;
  }

  /** Adds one doc; a doc with an id added before replaces the earlier one. */
  add(doc: IndexDoc): void {
    const d = this.ids.length;
    const earlier = this.byId.get(doc.id);
    if (earlier !== undefined) this.deleted.push(earlier);
    this.byId.set(doc.id, d);
    this.ids.push(doc.id);
    this.days.push(doc.day);
    if (doc.hasCode) this.code.push(d);
    // Only arXiv-shaped categories: listings mix in ACM/MSC classes that no cat: filter can name.
    for (const c of doc.categories) if (categoryRe.test(c)) this.count(this.termId(CATEGORY_PREFIX + c), 0);
    let len = 0;
    const word = (s: string, start: number, end: number, weight: number) => {
      const h = hashRange(s, start, end);
      let t = this.words.get(s, start, end, h);
      if (t === MISSING) {
        const w = s.slice(start, end);
        const term = this.analyzer.term(w);
        t = term === undefined ? -1 : this.termId(term);
        this.words.set(w, h, t);
      }
      if (t >= 0) {
        this.count(t, weight);
        len += weight;
      }
    };
    const namePart = (s: string, start: number, end: number) => {
      const h = hashRange(s, start, end);
      let t = this.nameParts.get(s, start, end, h);
      if (t === MISSING) {
        const w = s.slice(start, end);
        this.nameParts.set(w, h, (t = this.termId(AUTHOR_PREFIX + w)));
      }
      // Weight 0: the unstemmed name part serves author: filters and is kept out of scoring.
      this.count(t, 0);
    };
    const { titleWeight, authorWeight } = this.params;
    scanWords(doc.title, (s, a, b) => word(s, a, b, titleWeight));
    scanWords(doc.abstract, (s, a, b) => word(s, a, b, 1));
    for (const name of doc.authors) {
      scanWords(name, (s, a, b) => {
        word(s, a, b, authorWeight);
        namePart(s, a, b);
      });
    }
    this.lens.push(len);
    for (const t of this.touched) {
      this.pTerm.push(t);
      this.pDoc.push(d);
      this.pTf.push(this.tfScratch[t]! - 1);
      this.tfScratch[t] = 0;
    }
    this.touched.length = 0;
  }

  /** Freezes what was added into a Segment; `pause` is awaited now and then so a server stays responsive. */
  async finish(outer?: OuterStats, pause?: () => Promise<void>): Promise<Segment> {
    const { k1, b } = this.params;
    const n = this.ids.length;
    const deleted = newBitset(n);
    for (const d of this.deleted) setBit(deleted, d);
    let ownLen = 0;
    for (let d = 0; d < n; d++) ownLen += this.lens[d]!;
    const own = n - this.deleted.length;
    const liveDocs = (outer?.liveDocs ?? 0) + own;
    const avgLen = outer ? outer.avgLen : own ? ownLen / n : 1;

    const terms = this.terms;
    const T = terms.length;
    const P = this.pTerm.n;
    const pTerm = this.pTerm.a;
    const postStart = new Uint32Array(T + 1);
    for (let i = 0; i < P; i++) postStart[pTerm[i]! + 1]!++;
    for (let t = 0; t < T; t++) postStart[t + 1]! += postStart[t]!;
    const blockStart = new Uint32Array(T + 1);
    for (let t = 0; t < T; t++)
      blockStart[t + 1] = blockStart[t]! + Math.ceil((postStart[t + 1]! - postStart[t]!) / BLOCK);
    // Counting sort by term; docs stay ascending within each term because triples were appended in doc order.
    const postDocs = new Uint32Array(P);
    const tfs = new Uint32Array(P);
    const fill = postStart.slice(0, T);
    const pDoc = this.pDoc.a;
    const pTf = this.pTf.a;
    for (let i = 0; i < P; i++) {
      if (pause && (i & 0x1fffff) === 0x1fffff) await pause();
      const at = fill[pTerm[i]!]!++;
      postDocs[at] = pDoc[i]!;
      tfs[at] = pTf[i]!;
    }
    this.pTerm = this.pDoc = this.pTf = new Growable(); // The builder is spent; let the buffers go.
    const postImpact = new Uint16Array(P);
    const blockMax = new Uint16Array(blockStart[T]!);
    const norm = new Float32Array(n);
    for (let d = 0; d < n; d++) norm[d] = k1 * (1 - b + (b * this.lens[d]!) / avgLen);

    for (let t = 0; t < T; t++) {
      if (pause && t % 50_000 === 49_999) await pause();
      const start = postStart[t]!;
      const end = postStart[t + 1]!;
      const df = end - start + (outer?.df(terms[t]!) ?? 0);
      // Lucene's BM25 idf: always positive, so a very common word still adds a little.
      const idf = Math.log(1 + (liveDocs - df + 0.5) / (df + 0.5));
      let bmax = 0;
      let blk = blockStart[t]!;
      for (let j = start; j < end; j++) {
        const tf = tfs[j]!;
        let q = 0;
        if (tf > 0) {
          const impact = (idf * tf * (k1 + 1)) / (tf + norm[postDocs[j]!]!);
          q = Math.max(1, Math.min(65535, Math.round(impact * IMPACT_SCALE)));
        }
        postImpact[j] = q;
        if (q > bmax) bmax = q;
        if ((j - start) % BLOCK === BLOCK - 1 || j === end - 1) {
          blockMax[blk++] = bmax;
          bmax = 0;
        }
      }
    }

    const hasCode = newBitset(n);
    for (const d of this.code) setBit(hasCode, d);
    return new Segment(
      {
        ids: this.ids,
        days: Int32Array.from(this.days),
        deleted,
        hasCode,
        terms,
        postStart,
        postDocs,
        postImpact,
        blockStart,
        blockMax,
      },
      { analyzer: this.analyzer.name, params: this.params, liveDocs: own, avgLen: ownLen / Math.max(1, n) },
    );
  }
}

/**
 * Calls `fn(s, start, end)` for each folded word of `text` as s[start, end): the words tokenize() finds. ASCII
 * text (most of it) is scanned by character code without cutting words out; other text goes through tokenize().
 */
function scanWords(text: string, fn: (s: string, start: number, end: number) => void): void {
  if (!asciiOnly.test(text)) return forEachWord(text, (w) => fn(w, 0, w.length));
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      fn(lower, start, i);
      start = -1;
    }
  }
}

/** Folded author-name parts as the index stores them, for `author:` filters. */
export const authorTerms = (name: string) => tokenize(name).map((t) => AUTHOR_PREFIX + t.word);
