// Table types as Kysely sees them. Arrays are JSON text in SQLite; the store converts them, never callers.
import type { Generated } from 'kysely';

export interface PapersTable {
  id: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: string;
  categories: string;
  primary_category: string | null;
  published: string | null;
  updated: string | null;
  comment: string | null;
  doi: string | null;
  journal_ref: string | null;
  code_urls: string;
  source: string;
  first_seen: string;
  content_hash: string;
  created_at: string;
  modified_at: string;
  change_seq: number;
}

export interface PaperCategoriesTable {
  category: string;
  paper_id: string;
  /** The paper's first_seen, copied so a category lists newest first from its index alone (007). */
  first_seen: string;
}

/** One row per (author name, paper) (migration 007): author pages and the author directory. */
export interface PaperAuthorsTable {
  name: string;
  /** authorKey(name): lower-cased, accents removed; prefix look-ups compare this. */
  name_key: string;
  paper_id: string;
  first_seen: string;
}

export interface SignalsTable {
  id: Generated<number>;
  paper_id: string;
  kind: string;
  value: number;
  observed_at: string;
  source: string;
  recorded_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  idempotency_key: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  progress: string | null;
  created_at: string;
  updated_at: string;
}

export interface SubscribersTable {
  id: Generated<number>;
  email: string;
  status: 'pending' | 'active' | 'paused' | 'unsubscribed';
  preferences: string;
  suppressed_reason: 'hard_bounce' | 'complaint' | 'soft_bounces' | null;
  suppressed_at: string | null;
  soft_bounces: Generated<number>;
  session_version: Generated<number>;
  created_at: string;
  confirmed_at: string | null;
  last_link_sent_at: string | null;
  updated_at: string;
}

export interface ReactionsTable {
  subscriber_id: number;
  paper_id: string;
  kind: 'upvote' | 'save';
  created_at: string;
}

export interface UsedTokensTable {
  nonce: string;
  expires_at: string;
}

/** One paper's precomputed trending scores (migration 005; written by rank/recompute.ts). */
export interface TrendingScoresTable {
  paper_id: string;
  first_seen: string;
  primary_category: string | null;
  /** 1 when the paper links code, 0 otherwise (an integer on both backends). */
  has_code: number;
  score_trending: number;
  points_window: number;
  points_all: number;
  /** JSON: the gains and totals per signal behind the scores (see store/trending-store.ts ScoreDetail). */
  detail: string;
  as_of: string;
  computed_at: string;
}

/** One visitor's view of one paper on one day (migration 005); `visitor` is a keyed hash, never an address. */
export interface PaperViewsTable {
  paper_id: string;
  day: string;
  visitor: string;
}

/** The digest outbox: one row per (subscriber, period) (migration 004). */
export interface DigestsTable {
  id: Generated<number>;
  subscriber_id: number;
  period: string;
  frequency: 'daily' | 'weekly';
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'skipped';
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string | null;
  /** JSON array of paper ids, null until composed. */
  paper_ids: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** One counted click per (subscriber, paper, digest period) (migration 004). */
export interface DigestClicksTable {
  subscriber_id: number;
  paper_id: string;
  period: string;
  clicked_at: string;
}

/** A versioned embedding model (migration 006). */
export interface EmbeddingModelsTable {
  id: string;
  kind: string;
  dimension: number;
  /** JSON. */
  settings: string;
  papers: number;
  cursor: number;
  created_at: string;
}

/** The built-in model's weights, in parts of at most 1 MB (migration 006). */
export interface EmbeddingModelPartsTable {
  model_id: string;
  part: number;
  data: Uint8Array;
}

/** One paper's vector under one model (migration 006): float32 scale + int8 codes. */
export interface PaperVectorsTable {
  model_id: string;
  paper_id: string;
  paper_seq: number;
  vector: Uint8Array;
}

export interface Database {
  papers: PapersTable;
  paper_categories: PaperCategoriesTable;
  paper_authors: PaperAuthorsTable;
  signals: SignalsTable;
  meta: MetaTable;
  jobs: JobsTable;
  trending_scores: TrendingScoresTable;
  paper_views: PaperViewsTable;
  subscribers: SubscribersTable;
  reactions: ReactionsTable;
  used_tokens: UsedTokensTable;
  digests: DigestsTable;
  digest_clicks: DigestClicksTable;
  embedding_models: EmbeddingModelsTable;
  embedding_model_parts: EmbeddingModelPartsTable;
  paper_vectors: PaperVectorsTable;
}
