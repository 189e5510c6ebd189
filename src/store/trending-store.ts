// The trending facet of the Store: what the recompute job reads and writes, what serving reads, and the page-view
// dedup table. Queries in trending-queries.ts; both backends delegate to them (kysely-store.ts).
import type { SignalKind, SignalValues } from '../model/paper.js';

/** One signal observation as the recompute job reads it. */
export interface Observation {
  kind: SignalKind;
  value: number;
  /** ISO timestamp. */
  observedAt: string;
}

/** A paper with everything its scores need. */
export interface TrendingInput {
  id: string;
  firstSeen: string;
  primaryCategory: string | null;
  hasCode: boolean;
  /** Every observation, oldest first. */
  observations: Observation[];
}

/** The numbers behind one paper's scores, kept with them so serving can explain without recomputing. */
export interface ScoreDetail {
  trailing: SignalValues;
  sinceListing: SignalValues;
  totals: SignalValues;
  /** Gains since listing made before the trailing window (they count pastWeight in the trending view). */
  earlier: SignalValues;
  /** Prior points counted in the trending score. */
  prior: number;
}

/** One row of trending_scores. */
export interface TrendingScoreRow {
  paperId: string;
  firstSeen: string;
  primaryCategory: string | null;
  hasCode: boolean;
  scoreTrending: number;
  pointsWindow: number;
  pointsAll: number;
  detail: ScoreDetail;
  /** The moment the scores describe (ISO). */
  asOf: string;
  computedAt: string;
}

export type RankedView = 'trending' | 'window' | 'all';

/** One page of precomputed scores: a view's ordering over a slice. */
export interface TrendingPageQuery {
  /** trending: decayed score; window: points since listing, among papers listed in [from, to]; all: totals. */
  order: RankedView;
  /** Listing days, inclusive (YYYY-MM-DD); required for `window`, optional bounds otherwise. */
  from?: string;
  to?: string;
  category?: string;
  /** `primary`: the paper's primary category; `any`: primary or cross-listed. */
  categoryMatch?: 'primary' | 'any';
  hasCode?: boolean;
  limit: number;
  offset: number;
  /** false: skip counting the slice (the caller knows it); total is then -1. */
  withTotal?: boolean;
}

/** Where the recompute job's incremental pass resumes: the paper change cursor and the signal recorded_at. */
export interface RecomputeCursor {
  seq: number;
  recordedAt: string;
}

export interface TrendingStore {
  /** Paper ids in id order after `afterId` (keyset paging for a full recompute), at most `limit`. */
  paperIdsAfter(afterId: string, limit: number): Promise<string[]>;
  /** The inputs of these papers (unknown ids skipped), with observations at or before `asOf`. */
  trendingInputs(ids: string[], asOf: string): Promise<TrendingInput[]>;
  /**
   * Papers changed since `cursor` (paper change sequence, or a signal recorded after recordedAt) and the cursor
   * reached; at most `limit` ids per call (a caller loops until the list is empty).
   */
  trendingChangedSince(
    cursor: RecomputeCursor,
    limit: number,
  ): Promise<{ ids: string[]; cursor: RecomputeCursor }>;
  /**
   * Papers whose scores move with time alone (the decay refresh): listed on or after `sinceDay`, observed on or
   * after `sinceObserved`, or holding a trending score above 0 (it must be able to fall back to 0).
   */
  trendingDecayIds(sinceDay: string, sinceObserved: string): Promise<string[]>;
  /** Inserts or replaces score rows. */
  saveTrendingScores(rows: TrendingScoreRow[]): Promise<void>;
  /** One page of rows in the view's order and the total in the slice. */
  trendingPage(q: TrendingPageQuery): Promise<{ total: number; rows: TrendingScoreRow[] }>;
  /** The score rows of these papers (unknown ids skipped), in the order given. */
  trendingScoresFor(ids: string[]): Promise<TrendingScoreRow[]>;
  /** Paper ids in the view's order, at most `limit` (search's "sort by trending"). */
  trendingRankedIds(order: 'trending' | 'all', limit: number): Promise<string[]>;
  /** How many score rows exist and the newest as_of among them. */
  trendingStatus(): Promise<{ rows: number; asOf: string | undefined; computedAt: string | undefined }>;
  /**
   * Records views (paper, day, visitor hash), ignoring repeats and unknown papers; returns the total view count
   * of every paper that gained a view, so the caller can write the pp_views signal.
   */
  recordPaperViews(
    views: { paperId: string; day: string; visitor: string }[],
  ): Promise<{ paperId: string; total: number }[]>;
}
