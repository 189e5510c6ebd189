// The job queue: the table and semantics of ../sqlite/002-jobs.ts in PostgreSQL's own types (jsonb, timestamptz).
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table jobs (
    id bigint generated always as identity primary key,
    kind text not null,
    payload jsonb not null default '{}',
    idempotency_key text not null unique,
    state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
    run_at timestamptz not null,
    attempts integer not null default 0,
    max_attempts integer not null default 5,
    lease_owner text,
    lease_until timestamptz,
    last_error text,
    progress jsonb,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  // Claiming looks for due queued jobs, and for running jobs whose lease expired (their worker died).
  sql`create index jobs_claim on jobs (state, run_at)`,
  sql`create index jobs_lease on jobs (state, lease_until)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table jobs`.execute(db);
}
