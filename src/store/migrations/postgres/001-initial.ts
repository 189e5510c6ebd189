// Papers, their categories, signal observations, and a key/value meta table: the tables and semantics of
// ../sqlite/001-initial.ts in PostgreSQL's own types (timestamptz, date, jsonb, float8, bigint identity).
import { sql, type Kysely } from 'kysely';

// Ids and category names compare byte-wise (collate "C"), as in SQLite: keyset paging by id and the order of
// code links must not depend on the server's locale.
const statements = [
  sql`create table papers (
    id text collate "C" primary key,
    version integer,
    title text not null,
    abstract text not null,
    authors jsonb not null default '[]',
    categories jsonb not null default '[]',
    primary_category text,
    published timestamptz,
    updated timestamptz,
    comment text,
    doi text,
    journal_ref text,
    code_urls jsonb not null default '[]',
    source text not null,
    first_seen date not null,
    content_hash text not null,
    created_at timestamptz not null,
    modified_at timestamptz not null,
    change_seq bigint not null
  )`,
  // Windows ("this week") and "newest papers" both range-scan first_seen.
  sql`create index papers_first_seen on papers (first_seen)`,
  // The change cursor that derived indexes (search) follow.
  sql`create index papers_change_seq on papers (change_seq)`,
  // Author pages: `authors @> '["Name"]'` is answered from this index instead of scanning every paper.
  sql`create index papers_authors on papers using gin (authors jsonb_path_ops)`,
  sql`create table paper_categories (
    category text collate "C" not null,
    paper_id text collate "C" not null references papers (id) on delete cascade,
    constraint paper_categories_pk primary key (category, paper_id)
  )`,
  sql`create index paper_categories_paper on paper_categories (paper_id)`,
  sql`create table signals (
    id bigint generated always as identity primary key,
    paper_id text collate "C" not null references papers (id) on delete cascade,
    kind text not null,
    value float8 not null,
    observed_at timestamptz not null,
    source text not null,
    recorded_at timestamptz not null,
    -- One observation per moment and source: re-importing the same file adds nothing.
    constraint signals_observation unique (paper_id, kind, observed_at, source)
  )`,
  sql`create index signals_observed_at on signals (observed_at)`,
  sql`create table meta (key text primary key, value text not null)`,
  sql`insert into meta (key, value) values ('change_seq', '0')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table signals, paper_categories, papers, meta`.execute(db);
}
