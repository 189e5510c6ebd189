// Plain data types for papers and their signals. No I/O here.

/** A paper as stored: one row per arXiv id (without version). Dates are ISO 8601 strings. */
export interface Paper {
  id: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  primaryCategory: string | null;
  published: string | null;
  updated: string | null;
  comment: string | null;
  doi: string | null;
  journalRef: string | null;
  codeUrls: string[];
  /** Where the metadata came from (the most authoritative source seen so far). */
  source: string;
  /** First day the paper was listed (YYYY-MM-DD). */
  firstSeen: string;
}

/** A paper as an importer or ingest source produces it, before merging with what is stored. */
export type PaperInput = Omit<Paper, 'firstSeen'> & { firstSeen: string | null };

/** Signals observed elsewhere (Hugging Face, GitHub) and brought in by import and ingest. */
export const externalSignalKinds = ['hf_upvotes', 'hf_comments', 'github_stars'] as const;
/**
 * paperpulse's own signals, kept as running totals observed at the moment they change: upvotes and saves by
 * signed-in readers, paper-page views (one per visitor per day) and clicks from digest emails.
 */
export const localSignalKinds = ['pp_upvotes', 'pp_saves', 'pp_views', 'pp_clicks'] as const;
export const signalKinds = [...externalSignalKinds, ...localSignalKinds] as const;
export type SignalKind = (typeof signalKinds)[number];

/** One observation of a signal: the value seen at one moment (a time series, never overwritten). */
export interface Signal {
  paperId: string;
  kind: SignalKind;
  value: number;
  observedAt: string;
  source: string;
}

/** The latest value of each signal kind for one paper, as of some moment. */
export type SignalValues = Partial<Record<SignalKind, number>>;

/** How an import changed one paper. */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** Sources ranked by how much we trust their metadata; a lower rank never overwrites a higher one. */
export const sourceAuthority: Record<string, number> = {
  'arxiv-api': 3,
  'arxiv-oai': 3,
  'arxiv-rss': 3,
  kaggle: 3,
  'arxiv-corpus': 2,
  paperpulse: 2,
  'seed-page': 1,
  'hf-daily': 1,
};
