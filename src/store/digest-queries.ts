// The digest SQL both backends share (Kysely compiles it per dialect). Every state change is one UPDATE whose
// WHERE clause holds its precondition (the state, and for a claimed digest its lease owner), so two senders in
// any processes can never both claim, finish or send the same digest.
import type { Kysely, Selectable } from 'kysely';
import {
  digestStates,
  latestScheduled,
  scheduledOn,
  slotAfter,
  type Digest,
  type DigestState,
} from '../model/digest.js';
import type { Database, DigestsTable } from './schema.js';
import type { DigestJobSpec, DigestOutcome, DueDigest, DueQuery, PlannedDigest } from './digest-store.js';
import { toSubscriber } from './subscriber-queries.js';
import { commitSignals, readerActsOnPaper } from './import-batch.js';
import { chunks } from './rows.js';

type Db = Kysely<Database>;

/** The digest an outbox row holds. */
export const toDigest = (r: Selectable<DigestsTable>): Digest => ({
  id: Number(r.id),
  subscriberId: Number(r.subscriber_id),
  period: r.period,
  frequency: r.frequency,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error,
  messageId: r.message_id,
  paperIds: r.paper_ids === null ? null : (JSON.parse(r.paper_ids) as string[]),
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sentAt: r.sent_at,
});

/** The job key that makes a digest's sending job unique (issue #6: `digest:<subscriber>:<period>`). */
export const digestJobKey = (subscriberId: number, period: string) => `digest:${subscriberId}:${period}`;

/** Due subscribers in one page of active, unsuppressed subscribers (the calendar rules are model/digest.ts). */
export async function dueDigests(
  db: Db,
  q: DueQuery,
): Promise<{ due: DueDigest[]; nextAfterId: number | undefined }> {
  const rows = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('status', '=', 'active')
    .where('suppressed_reason', 'is', null)
    .where('id', '>', q.afterId ?? 0)
    .$if(q.subscriberId !== undefined, (b) => b.where('id', '=', q.subscriberId!))
    .orderBy('id')
    .limit(q.limit)
    .execute();
  const candidates: DueDigest[] = [];
  for (const row of rows) {
    const subscriber = toSubscriber(row);
    const p = subscriber.preferences;
    const slot = q.day ? scheduledOn(p, q.day) : latestScheduled(p, q.now);
    // On the schedule, a slot that passed before the subscriber confirmed is not theirs; an explicit day is.
    if (!q.day && !slotAfter(slot, p, subscriber.confirmedAt ?? subscriber.createdAt)) continue;
    candidates.push({ subscriber, period: slot.period, frequency: p.frequency, day: slot.day });
  }
  const existing = new Set<string>();
  if (candidates.length) {
    // A page holds only a few distinct periods, so (ids IN …) AND (period IN …) stays a small index lookup.
    const found = await db
      .selectFrom('digests')
      .select(['subscriber_id', 'period'])
      .where(
        'subscriber_id',
        'in',
        candidates.map((c) => c.subscriber.id),
      )
      .where('period', 'in', [...new Set(candidates.map((c) => c.period))])
      .execute();
    for (const f of found) existing.add(`${Number(f.subscriber_id)}:${f.period}`);
  }
  return {
    due: candidates.filter((c) => !existing.has(`${c.subscriber.id}:${c.period}`)),
    nextAfterId: rows.length === q.limit ? Number(rows[rows.length - 1]!.id) : undefined,
  };
}

/** Outbox rows and their jobs for newly planned digests, in one transaction; returns how many were added. */
export async function queueDigests(
  db: Db,
  planned: PlannedDigest[],
  job: DigestJobSpec,
  now: Date,
): Promise<number> {
  if (planned.length === 0) return 0;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (const part of chunks(planned, 200)) {
      const inserted = await trx
        .insertInto('digests')
        .values(
          part.map((p) => ({
            subscriber_id: p.subscriberId,
            period: p.period,
            frequency: p.frequency,
            state: 'queued' as const,
            created_at: at,
            updated_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['subscriber_id', 'period']).doNothing())
        .returning(['subscriber_id', 'period'])
        .execute();
      if (inserted.length === 0) continue;
      added += inserted.length;
      // Written with the row, so a planned digest always has a job that sends it (and at most one: the key).
      await trx
        .insertInto('jobs')
        .values(
          inserted.map((r) => ({
            kind: job.kind,
            payload: JSON.stringify({ subscriberId: Number(r.subscriber_id), period: r.period }),
            idempotency_key: digestJobKey(Number(r.subscriber_id), r.period),
            state: 'queued' as const,
            run_at: at,
            max_attempts: job.maxAttempts,
            created_at: at,
            updated_at: at,
          })),
        )
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
    }
    return added;
  });
}

export async function digestFor(db: Db, subscriberId: number, period: string): Promise<Digest | undefined> {
  const row = await db
    .selectFrom('digests')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .where('period', '=', period)
    .executeTakeFirst();
  return row ? toDigest(row) : undefined;
}

export async function claimDigest(
  db: Db,
  subscriberId: number,
  period: string,
  owner: string,
  leaseUntil: Date,
  now: Date,
): Promise<Digest | undefined> {
  const at = now.toISOString();
  const row = await db
    .updateTable('digests')
    .set((eb) => ({
      state: 'sending',
      lease_owner: owner,
      lease_until: leaseUntil.toISOString(),
      attempts: eb('attempts', '+', 1),
      updated_at: at,
    }))
    .where('subscriber_id', '=', subscriberId)
    .where('period', '=', period)
    // A sending row whose lease ran out belongs to a sender that died: the next claim takes it over.
    .where((eb) =>
      eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'sending'), eb('lease_until', '<', at)])]),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? toDigest(row) : undefined;
}

const held = (db: Db, id: number, owner: string) =>
  db
    .updateTable('digests')
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('lease_owner', '=', owner);

export async function saveDigestContent(
  db: Db,
  id: number,
  owner: string,
  paperIds: string[],
  messageId: string,
  now: Date,
): Promise<boolean> {
  const r = await held(db, id, owner)
    .set({ paper_ids: JSON.stringify(paperIds), message_id: messageId, updated_at: now.toISOString() })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishDigest(
  db: Db,
  id: number,
  owner: string,
  outcome: DigestOutcome,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const r = await held(db, id, owner)
    .set({
      state: outcome.state,
      last_error: outcome.state === 'sent' ? null : outcome.reason,
      sent_at: outcome.state === 'sent' ? at : null,
      lease_owner: null,
      lease_until: null,
      updated_at: at,
    })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseDigest(
  db: Db,
  id: number,
  owner: string,
  error: string,
  now: Date,
): Promise<boolean> {
  const r = await held(db, id, owner)
    .set({
      state: 'queued',
      last_error: error,
      lease_owner: null,
      lease_until: null,
      updated_at: now.toISOString(),
    })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function digestHistory(
  db: Db,
  subscriberId: number,
  since: string,
): Promise<{ lastSentAt: string | undefined; paperIds: string[] }> {
  // One indexed range read (digests_subscriber) per digest composed: this runs 10,000 times in a large run.
  const rows = await db
    .selectFrom('digests')
    .select(['paper_ids', 'sent_at'])
    .where('subscriber_id', '=', subscriberId)
    .where('created_at', '>=', since)
    .where('state', '=', 'sent')
    .execute();
  let lastSentAt: string | undefined;
  for (const r of rows) if (r.sent_at && (!lastSentAt || r.sent_at > lastSentAt)) lastSentAt = r.sent_at;
  return {
    lastSentAt,
    paperIds: rows.flatMap((r) => (r.paper_ids ? (JSON.parse(r.paper_ids) as string[]) : [])),
  };
}

export async function digestsOfSubscriber(db: Db, subscriberId: number, limit: number): Promise<Digest[]> {
  const rows = await db
    .selectFrom('digests')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toDigest);
}

export async function digestCounts(db: Db, period?: string): Promise<Record<DigestState, number>> {
  const rows = await db
    .selectFrom('digests')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(period !== undefined, (b) => b.where('period', '=', period!))
    .groupBy('state')
    .execute();
  const counts = Object.fromEntries(digestStates.map((s) => [s, 0])) as Record<DigestState, number>;
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

export async function recordDigestClick(
  db: Db,
  lockChangeSeq: boolean,
  subscriberId: number,
  paperId: string,
  period: string,
  now: Date,
): Promise<{ counted: boolean; total: number } | undefined> {
  return readerActsOnPaper(db, lockChangeSeq, subscriberId, paperId, async (trx) => {
    const at = now.toISOString();
    const r = await trx
      .insertInto('digest_clicks')
      .values({ subscriber_id: subscriberId, paper_id: paperId, period, clicked_at: at })
      .onConflict((oc) => oc.columns(['subscriber_id', 'paper_id', 'period']).doNothing())
      .executeTakeFirst();
    const counted = Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    const { n } = await trx
      .selectFrom('digest_clicks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('paper_id', '=', paperId)
      .executeTakeFirstOrThrow();
    const total = Number(n);
    if (counted) {
      const signal = {
        paperId,
        kind: 'pp_clicks' as const,
        value: total,
        observedAt: at,
        source: 'paperpulse',
      };
      await commitSignals(trx, [signal], lockChangeSeq);
    }
    return { counted, total };
  });
}
