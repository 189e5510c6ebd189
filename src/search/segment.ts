// One immutable piece of the keyword index: postings with precomputed BM25 impacts, doc fields and filter bitsets.
import type { Analyzer } from './tokenize.js';

/** Impacts are stored as integers: impact × IMPACT_SCALE, rounded, in a Uint16 (BM25 impacts stay below 30). */
export const IMPACT_SCALE = 2000;
/** Postings per block-max block: small enough to skip finely, large enough that the maxima stay a few % of size. */
export const BLOCK = 64;
/** Author-name terms (unstemmed, for `author:`) live in the same dictionary under this prefix; words never hold it. */
export const AUTHOR_PREFIX = '@';
/** arXiv categories are terms too (postings make cheap filters and facets), under this prefix. */
export const CATEGORY_PREFIX = '#';

/** BM25 parameters and field weights; recorded in the manifest so query and index agree. */
export interface Bm25Params {
  k1: number;
  b: number;
  /** A title word counts this many times (title boost). */
  titleWeight: number;
  authorWeight: number;
}

/** Chosen on SciFact (bench/search.ts): see docs/architecture.md for the table. */
export const defaultBm25: Bm25Params = { k1: 1.2, b: 0.75, titleWeight: 2, authorWeight: 1 };

export interface SegmentArrays {
  /** Paper id of each doc number. */
  ids: string[];
  /** yyyymmdd of each doc. */
  days: Int32Array;
  /** Docs replaced by a later doc with the same id inside this segment. */
  deleted: Uint32Array;
  hasCode: Uint32Array;
  terms: string[];
  /** Term t's postings are [postStart[t], postStart[t+1]). */
  postStart: Uint32Array;
  postDocs: Uint32Array;
  postImpact: Uint16Array;
  /** Term t's block maxima are [blockStart[t], blockStart[t+1]). */
  blockStart: Uint32Array;
  blockMax: Uint16Array;
}

export interface SegmentMeta {
  analyzer: Analyzer['name'];
  params: Bm25Params;
  /** Live docs and their mean weighted length when the impacts were computed. */
  liveDocs: number;
  avgLen: number;
}

export class Segment {
  readonly words: number;
  private readonly termIds = new Map<string, number>();
  private categoryIds: Map<string, number[]> | undefined;
  private docIds: Map<string, number> | undefined;

  constructor(
    readonly a: SegmentArrays,
    readonly meta: SegmentMeta,
  ) {
    this.words = (a.ids.length + 31) >>> 5;
    a.terms.forEach((t, i) => this.termIds.set(t, i));
  }

  get docCount(): number {
    return this.a.ids.length;
  }

  /** The term's number in this segment, or undefined when no doc has it. */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /** How many docs hold the term (0 when none). */
  df(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.a.postStart[t + 1]! - this.a.postStart[t]!;
  }

  /** Category name (as stored, e.g. cs.LG) -> term ids; lowercased keys too, so cat:cs.lg finds cs.LG. */
  categories(): Map<string, number[]> {
    if (!this.categoryIds) {
      const m = new Map<string, number[]>();
      this.a.terms.forEach((t, i) => {
        if (!t.startsWith(CATEGORY_PREFIX)) return;
        const name = t.slice(CATEGORY_PREFIX.length);
        m.set(name, [i]);
        const lower = name.toLowerCase();
        if (lower !== name) m.set(lower, [...(m.get(lower) ?? []), i]);
      });
      this.categoryIds = m;
    }
    return this.categoryIds;
  }

  /** The doc number holding paper `id` (the latest, if it was added twice), or undefined. */
  docOf(id: string): number | undefined {
    if (!this.docIds) {
      // Built on first use: only needed to shadow updated papers, and it costs a map over all ids.
      this.docIds = new Map();
      this.a.ids.forEach((x, i) => this.docIds!.set(x, i));
    }
    return this.docIds.get(id);
  }
}
