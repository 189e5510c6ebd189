// The paper-listing part of the Store (the facet behind GET /api/papers, /api/categories and /api/authors):
// newest-first lists with filters and keyset cursors, category counts and the author directory.
import type { Paper } from '../model/paper.js';

/** Where a page of a newest-first list starts: strictly after this (first_seen, id) pair. */
export interface ListCursor {
  firstSeen: string;
  id: string;
}

/** Filters of a newest-first paper list; every filter is optional and they combine with AND. */
export interface PaperListQuery {
  /** Listed in this arXiv category (primary or cross-list). */
  category?: string | undefined;
  /** Written by an author with exactly this name. */
  author?: string | undefined;
  /** true: only papers with a linked code repository; false: only papers without. */
  hasCode?: boolean | undefined;
  /** First listed on or after this day (YYYY-MM-DD). */
  from?: string | undefined;
  /** First listed on or before this day (YYYY-MM-DD). */
  to?: string | undefined;
  after?: ListCursor | undefined;
  limit: number;
}

export interface CategoryCount {
  category: string;
  papers: number;
}

export interface AuthorCount {
  name: string;
  papers: number;
}

export interface AuthorSummary {
  name: string;
  papers: number;
  /** First listing days of the author's oldest and newest papers (YYYY-MM-DD). */
  firstSeen: string;
  lastSeen: string;
  /** Categories of the author's papers, most papers first (at most 10). */
  categories: CategoryCount[];
  /** The names the author published with most often (at most 10). */
  coauthors: AuthorCount[];
}

export interface PaperListStore {
  /** Papers matching `q`, newest listing first, ties by id descending; page on with the last paper's cursor. */
  listPapers(q: PaperListQuery): Promise<Paper[]>;
  /** Every category with its number of papers (primary or cross-list), most papers first. */
  categoryCounts(): Promise<CategoryCount[]>;
  /** Author names starting with `prefix` (compared as authorKey: case and accents ignored), most papers first. */
  authorsByPrefix(prefix: string, limit: number): Promise<AuthorCount[]>;
  /** Facts about the author with exactly this name; undefined when no paper names them. */
  authorSummary(name: string): Promise<AuthorSummary | undefined>;
}
