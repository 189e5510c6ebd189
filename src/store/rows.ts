// Paper <-> papers row, shared by both backends: the PostgreSQL store hands Kysely the same row types as SQLite
// (JSON arrays as text, timestamps as ISO strings; see postgres-pool.ts), so one mapping serves both.
import type { Selectable } from 'kysely';
import type { Paper } from '../model/paper.js';
import type { PapersTable } from './schema.js';

/** The paper a papers row holds. */
export const toPaper = (r: Selectable<PapersTable>): Paper => ({
  id: r.id,
  version: r.version,
  title: r.title,
  abstract: r.abstract,
  authors: JSON.parse(r.authors) as string[],
  categories: JSON.parse(r.categories) as string[],
  primaryCategory: r.primary_category,
  published: r.published,
  updated: r.updated,
  comment: r.comment,
  doi: r.doi,
  journalRef: r.journal_ref,
  codeUrls: JSON.parse(r.code_urls) as string[],
  source: r.source,
  firstSeen: r.first_seen,
});

/** The papers row for a paper with its content hash, modification time and change sequence. */
export const toRow = (p: Paper, hash: string, now: string, seq: number) => ({
  id: p.id,
  version: p.version,
  title: p.title,
  abstract: p.abstract,
  authors: JSON.stringify(p.authors),
  categories: JSON.stringify(p.categories),
  primary_category: p.primaryCategory,
  published: p.published,
  updated: p.updated,
  comment: p.comment,
  doi: p.doi,
  journal_ref: p.journalRef,
  code_urls: JSON.stringify(p.codeUrls),
  source: p.source,
  first_seen: p.firstSeen,
  content_hash: hash,
  modified_at: now,
  change_seq: seq,
});

// SQLite allows 32,766 bound variables per statement and PostgreSQL 65,535; 19 columns x 500 rows stays below both.
export const ROWS_PER_INSERT = 500;

/** `items` cut into consecutive slices of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
