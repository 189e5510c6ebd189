// The job queue: work that schedulers enqueue (once per idempotency key) and workers claim with leases.
// Timestamps are ISO-8601 UTC text (always toISOString()'s 24 characters), so they compare correctly as text.
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table jobs (
    id integer primary key autoincrement,
    kind text not null,
    payload text not null default '{}',
    idempotency_key text not null unique,
    state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
    run_at text not null,
    attempts integer not null default 0,
    max_attempts integer not null default 5,
    lease_owner text,
    lease_until text,
    last_error text,
    progress text,
    created_at text not null,
    updated_at text not null
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
