// Embedding models and one vector per (model, paper), so every process (web replicas, workers) serves and
// embeds with identical bytes; the ANN index in DATA_DIR/index is derived from these rows.
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table embedding_models (
    id text primary key,
    kind text not null,
    dimension integer not null,
    settings text not null default '{}',
    papers integer not null default 0,
    cursor integer not null default 0,
    created_at text not null
  )`,
  // vector: float32 scale (little-endian) then one int8 code per dimension; paper_seq: the paper's change_seq
  // when it was embedded (an older one means the paper changed since and must be embedded again).
  // The built-in model's weights (~50 MB) in parts of at most 1 MB: no single write holds the database long.
  sql`create table embedding_model_parts (
    model_id text not null references embedding_models (id) on delete cascade,
    part integer not null,
    data blob not null,
    primary key (model_id, part)
  )`,
  sql`create table paper_vectors (
    model_id text not null references embedding_models (id) on delete cascade,
    paper_id text not null references papers (id) on delete cascade,
    paper_seq integer not null,
    vector blob not null,
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
