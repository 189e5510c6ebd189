// The digest outbox: one row per message (subscriber, period) with its state, and the click dedup table.
// Timestamps are ISO-8601 UTC text (toISOString()), so they compare correctly as text.
import { sql, type Kysely } from 'kysely';

const statements = [
  // unique (subscriber_id, period) is the exactly-once guard: however many schedulers plan a period, one row.
  sql`create table digests (
    id integer primary key autoincrement,
    subscriber_id integer not null references subscribers (id) on delete cascade,
    period text not null,
    frequency text not null check (frequency in ('daily', 'weekly')),
    state text not null default 'queued'
      check (state in ('queued', 'sending', 'sent', 'failed', 'suppressed', 'skipped')),
    attempts integer not null default 0,
    last_error text,
    message_id text,
    paper_ids text,
    lease_owner text,
    lease_until text,
    created_at text not null,
    updated_at text not null,
    sent_at text,
    unique (subscriber_id, period)
  )`,
  // History per subscriber (last digest, papers already received, data export) reads newest first.
  sql`create index digests_subscriber on digests (subscriber_id, created_at)`,
  // Operators and the benchmark count rows by state.
  sql`create index digests_state on digests (state, updated_at)`,
  // A click counts once per (subscriber, paper, digest period); the pp_clicks signal is the paper's total.
  sql`create table digest_clicks (
    subscriber_id integer not null references subscribers (id) on delete cascade,
    paper_id text not null references papers (id) on delete cascade,
    period text not null,
    clicked_at text not null,
    primary key (subscriber_id, paper_id, period)
  )`,
  sql`create index digest_clicks_paper on digest_clicks (paper_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table digest_clicks`.execute(db);
  await sql`drop table digests`.execute(db);
}
