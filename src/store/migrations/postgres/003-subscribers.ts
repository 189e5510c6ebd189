// Subscribers, reactions and used magic-link tokens: ../sqlite/003-subscribers.ts in PostgreSQL's own types.
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table subscribers (
    id bigint generated always as identity primary key,
    email text collate "C" not null unique,
    status text not null check (status in ('pending', 'active', 'paused', 'unsubscribed')),
    preferences jsonb not null,
    suppressed_reason text check (suppressed_reason in ('hard_bounce', 'complaint', 'soft_bounces')),
    suppressed_at timestamptz,
    soft_bounces integer not null default 0,
    session_version integer not null default 1,
    created_at timestamptz not null,
    confirmed_at timestamptz,
    last_link_sent_at timestamptz,
    updated_at timestamptz not null
  )`,
  sql`create index subscribers_status on subscribers (status, id)`,
  sql`create table reactions (
    subscriber_id bigint not null references subscribers (id) on delete cascade,
    paper_id text collate "C" not null references papers (id),
    kind text not null check (kind in ('upvote', 'save')),
    created_at timestamptz not null,
    primary key (subscriber_id, paper_id, kind)
  )`,
  sql`create index reactions_paper on reactions (paper_id, kind)`,
  sql`create table used_tokens (
    nonce text primary key,
    expires_at timestamptz not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['used_tokens', 'reactions', 'subscribers'])
    await sql`drop table ${sql.table(t)}`.execute(db);
}
