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

export interface Database {
  papers: PapersTable;
  paper_categories: PaperCategoriesTable;
  signals: SignalsTable;
  meta: MetaTable;
  jobs: JobsTable;
}
