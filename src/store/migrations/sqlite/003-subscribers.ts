// Subscribers, their reactions to papers (upvotes, saves) and the single-use tokens of magic links.
// Timestamps are ISO-8601 UTC text; preferences are JSON text (see model/subscriber.ts for their shape).
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`create table subscribers (
    id integer primary key autoincrement,
    email text not null unique,
    status text not null check (status in ('pending', 'active', 'paused', 'unsubscribed')),
    preferences text not null,
    suppressed_reason text check (suppressed_reason in ('hard_bounce', 'complaint', 'soft_bounces')),
    suppressed_at text,
    soft_bounces integer not null default 0,
    session_version integer not null default 1,
    created_at text not null,
    confirmed_at text,
    last_link_sent_at text,
    updated_at text not null
  )`,
  sql`create index subscribers_status on subscribers (status, id)`,
  sql`create table reactions (
    subscriber_id integer not null references subscribers (id) on delete cascade,
    paper_id text not null references papers (id),
    kind text not null check (kind in ('upvote', 'save')),
    created_at text not null,
    primary key (subscriber_id, paper_id, kind)
  )`,
  sql`create index reactions_paper on reactions (paper_id, kind)`,
  // A magic link's nonce is recorded when it is used, so a link works once; rows past expiry are purged.
  sql`create table used_tokens (
    nonce text primary key,
    expires_at text not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['used_tokens', 'reactions', 'subscribers'])
    await sql`drop table ${sql.table(t)}`.execute(db);
}
