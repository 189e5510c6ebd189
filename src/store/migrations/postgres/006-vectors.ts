// Embedding models and paper vectors: the tables and semantics of ../sqlite/006-vectors.ts in PostgreSQL's types.
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table embedding_models (
    id text primary key,
    kind text not null,
    dimension integer not null,
    settings jsonb not null default '{}',
    papers integer not null default 0,
    cursor bigint not null default 0,
    created_at timestamptz not null
  )`,
  // The built-in model's weights (~50 MB) in parts of at most 1 MB: no single write holds the database long.
  sql`create table embedding_model_parts (
    model_id text not null references embedding_models (id) on delete cascade,
    part integer not null,
    data bytea not null,
    primary key (model_id, part)
  )`,
  sql`create table paper_vectors (
    model_id text not null references embedding_models (id) on delete cascade,
    paper_id text not null references papers (id) on delete cascade,
    paper_seq bigint not null,
    vector bytea not null,
    primary key (model_id, paper_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table paper_vectors`.execute(db);
  await sql`drop table embedding_model_parts`.execute(db);
  await sql`drop table embedding_models`.execute(db);
}
