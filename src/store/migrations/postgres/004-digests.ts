// The digest outbox and click dedup table: ../sqlite/004-digests.ts in PostgreSQL's own types.
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table digests (
    id bigint generated always as identity primary key,
    subscriber_id bigint not null references subscribers (id) on delete cascade,
    period text collate "C" not null,
    frequency text not null check (frequency in ('daily', 'weekly')),
    state text not null default 'queued'
      check (state in ('queued', 'sending', 'sent', 'failed', 'suppressed', 'skipped')),
    attempts integer not null default 0,
    last_error text,
    message_id text,
    paper_ids jsonb,
    lease_owner text,
    lease_until timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    sent_at timestamptz,
    unique (subscriber_id, period)
  )`,
  sql`create index digests_subscriber on digests (subscriber_id, created_at)`,
  sql`create index digests_state on digests (state, updated_at)`,
  sql`create table digest_clicks (
    subscriber_id bigint not null references subscribers (id) on delete cascade,
    paper_id text collate "C" not null references papers (id) on delete cascade,
    period text collate "C" not null,
    clicked_at timestamptz not null,
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
