// The subscriber SQL both backends share (Kysely compiles it per dialect). State changes are single UPDATEs with
// their condition in the WHERE clause, so concurrent processes cannot interleave a read and a write.
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  normalizeEmail,
  preferencesSchema,
  type Preferences,
  type ReactionKind,
  type Subscriber,
  type SubscriberStatus,
} from '../model/subscriber.js';
import type { Database, SubscribersTable } from './schema.js';
import type { BounceKind, ReactionKey, ReactionRow, SubscriberImport } from './subscriber-store.js';
import { commitSignals, readerActsOnPaper } from './import-batch.js';

/** The subscriber a row holds; stored preferences are parsed so fields added later get their defaults. */
export const toSubscriber = (r: Selectable<SubscribersTable>): Subscriber => ({
  id: Number(r.id),
  email: r.email,
  status: r.status,
  preferences: preferencesSchema.parse(JSON.parse(r.preferences)),
  suppressed:
    r.suppressed_reason && r.suppressed_at ? { reason: r.suppressed_reason, at: r.suppressed_at } : null,
  softBounces: r.soft_bounces,
  sessionVersion: r.session_version,
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
  lastLinkSentAt: r.last_link_sent_at,
  updatedAt: r.updated_at,
});

export async function subscriberById(db: Kysely<Database>, id: number): Promise<Subscriber | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const row = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubscriber(row) : undefined;
}

export async function subscriberByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<Subscriber | undefined> {
  const row = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
  return row ? toSubscriber(row) : undefined;
}

export async function requestSubscription(
  db: Kysely<Database>,
  email: string,
  preferences: Preferences,
  now: Date,
): Promise<Subscriber> {
  const at = now.toISOString();
  const key = normalizeEmail(email);
  const prefs = JSON.stringify(preferences);
  await db
    .insertInto('subscribers')
    .values({ email: key, status: 'pending', preferences: prefs, created_at: at, updated_at: at })
    // Only an unconfirmed (or departed) subscription takes the new preferences; a confirmed one stays as it is.
    .onConflict((oc) =>
      oc
        .column('email')
        .doUpdateSet({ status: 'pending', preferences: prefs, updated_at: at })
        .where('subscribers.status', 'in', ['pending', 'unsubscribed']),
    )
    .execute();
  return (await subscriberByEmail(db, key))!;
}

export async function confirmSubscriber(
  db: Kysely<Database>,
  id: number,
  now: Date,
): Promise<Subscriber | undefined> {
  const at = now.toISOString();
  await db
    .updateTable('subscribers')
    .set({ status: 'active', confirmed_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  return subscriberById(db, id);
}

export async function updatePreferences(
  db: Kysely<Database>,
  id: number,
  preferences: Preferences,
  now: Date,
): Promise<Subscriber | undefined> {
  await db
    .updateTable('subscribers')
    .set({ preferences: JSON.stringify(preferences), updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  return subscriberById(db, id);
}

export async function setSubscriberStatus(
  db: Kysely<Database>,
  id: number,
  status: Exclude<SubscriberStatus, 'pending'>,
  now: Date,
): Promise<Subscriber | undefined> {
  await db
    .updateTable('subscribers')
    .set({ status, updated_at: now.toISOString() })
    .where('id', '=', id)
    // Pausing or resuming needs a confirmed subscription; unsubscribing works from any state.
    .$if(status !== 'unsubscribed', (q) => q.where('status', 'in', ['active', 'paused']))
    .execute();
  return subscriberById(db, id);
}

export async function claimLinkSend(
  db: Kysely<Database>,
  id: number,
  notBefore: Date,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('subscribers')
    .set({ last_link_sent_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('last_link_sent_at', 'is', null), eb('last_link_sent_at', '<', notBefore.toISOString())]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function bumpSessionVersion(
  db: Kysely<Database>,
  id: number,
  now: Date,
): Promise<number | undefined> {
  await db
    .updateTable('subscribers')
    .set((eb) => ({ session_version: eb('session_version', '+', 1), updated_at: now.toISOString() }))
    .where('id', '=', id)
    .execute();
  return (await subscriberById(db, id))?.sessionVersion;
}

export async function deleteSubscriber(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('subscribers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function recordBounce(
  db: Kysely<Database>,
  email: string,
  kind: BounceKind,
  softLimit: number,
  now: Date,
): Promise<Subscriber | undefined> {
  const at = now.toISOString();
  const key = normalizeEmail(email);
  if (kind === 'soft') {
    // One statement: the counter and the decision to suppress move together even with concurrent bounces.
    const reaches = sql<boolean>`soft_bounces + 1 >= ${softLimit}`;
    await db
      .updateTable('subscribers')
      .set((eb) => ({
        soft_bounces: eb('soft_bounces', '+', 1),
        suppressed_reason: eb
          .case()
          .when(eb.and([eb('suppressed_reason', 'is', null), reaches]))
          .then(sql<'soft_bounces'>`'soft_bounces'`)
          .else(eb.ref('suppressed_reason'))
          .end(),
        suppressed_at: eb
          .case()
          .when(eb.and([eb('suppressed_at', 'is', null), reaches]))
          .then(sql<string>`${at}`)
          .else(eb.ref('suppressed_at'))
          .end(),
        updated_at: at,
      }))
      .where('email', '=', key)
      .execute();
  } else {
    await db
      .updateTable('subscribers')
      .set({
        suppressed_reason: kind === 'hard' ? 'hard_bounce' : 'complaint',
        suppressed_at: at,
        updated_at: at,
      })
      // The first reason is kept: it is the one that explains why mail stopped.
      .where('email', '=', key)
      .where('suppressed_reason', 'is', null)
      .execute();
  }
  return subscriberByEmail(db, key);
}

export async function listSubscribers(
  db: Kysely<Database>,
  q: { afterId?: number; limit: number; status?: SubscriberStatus },
): Promise<Subscriber[]> {
  const rows = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('id', '>', q.afterId ?? 0)
    .$if(q.status !== undefined, (b) => b.where('status', '=', q.status!))
    .orderBy('id')
    .limit(q.limit)
    .execute();
  return rows.map(toSubscriber);
}

export async function subscriberCounts(
  db: Kysely<Database>,
): Promise<Record<SubscriberStatus | 'suppressed', number>> {
  const rows = await db
    .selectFrom('subscribers')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const suppressed = await db
    .selectFrom('subscribers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('suppressed_reason', 'is not', null)
    .executeTakeFirstOrThrow();
  const counts = { pending: 0, active: 0, paused: 0, unsubscribed: 0, suppressed: Number(suppressed.n) };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function importSubscriber(
  db: Kysely<Database>,
  s: SubscriberImport,
  now: Date,
): Promise<{ subscriber: Subscriber; inserted: boolean }> {
  return db.transaction().execute((trx) => importSubscriberIn(trx, s, now));
}

/** Many subscribers in one transaction (db copy), each as importSubscriber would bring it in. */
export async function importSubscribers(
  db: Kysely<Database>,
  list: SubscriberImport[],
  now: Date,
): Promise<{ inserted: number }> {
  if (list.length === 0) return { inserted: 0 };
  return db.transaction().execute(async (trx) => {
    let inserted = 0;
    for (const s of list) if ((await importSubscriberIn(trx, s, now)).inserted) inserted++;
    return { inserted };
  });
}

async function importSubscriberIn(
  trx: Kysely<Database>,
  s: SubscriberImport,
  now: Date,
): Promise<{ subscriber: Subscriber; inserted: boolean }> {
  const at = now.toISOString();
  const key = normalizeEmail(s.email);
  const fields = {
    status: s.status,
    preferences: JSON.stringify(s.preferences),
    suppressed_reason: s.suppressed?.reason ?? null,
    suppressed_at: s.suppressed ? new Date(s.suppressed.at).toISOString() : null,
    confirmed_at: s.confirmedAt ? new Date(s.confirmedAt).toISOString() : null,
    updated_at: at,
  };
  const existing = await trx
    .selectFrom('subscribers')
    .select('id')
    .where('email', '=', key)
    .executeTakeFirst();
  if (existing) {
    await trx.updateTable('subscribers').set(fields).where('id', '=', existing.id).execute();
  } else {
    const created = s.createdAt ? new Date(s.createdAt).toISOString() : at;
    await trx
      .insertInto('subscribers')
      .values({ email: key, ...fields, created_at: created })
      .execute();
  }
  const row = await trx
    .selectFrom('subscribers')
    .selectAll()
    .where('email', '=', key)
    .executeTakeFirstOrThrow();
  return { subscriber: toSubscriber(row), inserted: !existing };
}

export async function useToken(
  db: Kysely<Database>,
  nonce: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  await db.deleteFrom('used_tokens').where('expires_at', '<', now.toISOString()).execute();
  const result = await db
    .insertInto('used_tokens')
    .values({ nonce, expires_at: expiresAt.toISOString() })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

const reactionSignal = { upvote: 'pp_upvotes', save: 'pp_saves' } as const;

export async function setReaction(
  db: Kysely<Database>,
  lockChangeSeq: boolean,
  subscriberId: number,
  paperId: string,
  kind: ReactionKind,
  on: boolean,
  now: Date,
): Promise<{ count: number; changed: boolean } | undefined> {
  return readerActsOnPaper(db, lockChangeSeq, subscriberId, paperId, async (trx) => {
    const at = now.toISOString();
    let changed: boolean;
    if (on) {
      const r = await trx
        .insertInto('reactions')
        .values({ subscriber_id: subscriberId, paper_id: paperId, kind, created_at: at })
        .onConflict((oc) => oc.columns(['subscriber_id', 'paper_id', 'kind']).doNothing())
        .executeTakeFirst();
      changed = Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    } else {
      const r = await trx
        .deleteFrom('reactions')
        .where('subscriber_id', '=', subscriberId)
        .where('paper_id', '=', paperId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      changed = Number(r.numDeletedRows) === 1;
    }
    const { n } = await trx
      .selectFrom('reactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('paper_id', '=', paperId)
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow();
    const count = Number(n);
    if (changed) {
      const signal = {
        paperId,
        kind: reactionSignal[kind],
        value: count,
        observedAt: at,
        source: 'paperpulse',
      };
      await commitSignals(trx, [signal], lockChangeSeq);
    }
    return { count, changed };
  });
}

export async function reactionsOf(
  db: Kysely<Database>,
  subscriberId: number,
  paperIds: string[],
): Promise<{ paperId: string; kind: ReactionKind }[]> {
  if (paperIds.length === 0) return [];
  const rows = await db
    .selectFrom('reactions')
    .select(['paper_id', 'kind'])
    .where('subscriber_id', '=', subscriberId)
    .where('paper_id', 'in', paperIds)
    .execute();
  return rows.map((r) => ({ paperId: r.paper_id, kind: r.kind }));
}

export async function reactedPapers(
  db: Kysely<Database>,
  subscriberId: number,
  kind: ReactionKind,
  limit: number,
  offset: number,
): Promise<{ paperId: string; at: string }[]> {
  const rows = await db
    .selectFrom('reactions')
    .select(['paper_id', 'created_at'])
    .where('subscriber_id', '=', subscriberId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('paper_id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ paperId: r.paper_id, at: r.created_at }));
}

export async function reactionsAfter(
  db: Kysely<Database>,
  after: ReactionKey | undefined,
  limit: number,
): Promise<ReactionRow[]> {
  const rows = await db
    .selectFrom('reactions as r')
    .innerJoin('subscribers as s', 's.id', 'r.subscriber_id')
    .select(['r.subscriber_id', 's.email', 'r.paper_id', 'r.kind', 'r.created_at'])
    // Keyset on the primary key: row-value comparison works on both SQLite (3.15+) and PostgreSQL.
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb(
          eb.refTuple('r.subscriber_id', 'r.paper_id', 'r.kind'),
          '>',
          eb.tuple(after!.subscriberId, after!.paperId, after!.kind),
        ),
      ),
    )
    .orderBy('r.subscriber_id')
    .orderBy('r.paper_id')
    .orderBy('r.kind')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    subscriberId: Number(r.subscriber_id),
    email: r.email,
    paperId: r.paper_id,
    kind: r.kind,
    at: r.created_at,
  }));
}

export async function importReactions(
  db: Kysely<Database>,
  rows: Omit<ReactionRow, 'subscriberId'>[],
): Promise<{ inserted: number }> {
  if (rows.length === 0) return { inserted: 0 };
  return db.transaction().execute(async (trx) => {
    let inserted = 0;
    for (const r of rows) {
      // The reader is found by address; no signal is recorded (db copy moves the signals themselves).
      const result = await trx
        .insertInto('reactions')
        .columns(['subscriber_id', 'paper_id', 'kind', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('subscribers')
            .select([
              'id',
              sql<string>`${r.paperId}`.as('paper_id'),
              sql<ReactionKind>`${r.kind}`.as('kind'),
              sql<string>`${r.at}`.as('created_at'),
            ])
            .where('email', '=', normalizeEmail(r.email)),
        )
        .onConflict((oc) => oc.columns(['subscriber_id', 'paper_id', 'kind']).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return { inserted };
  });
}

export async function reactionCount(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('reactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
