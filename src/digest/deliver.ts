// Sending one planned digest: claim its outbox row, compose it (once: a retry re-sends the same papers), render,
// hand it to the messenger, record the outcome. The row's lease makes one sender at a time; see "Digests" in
// docs/architecture.md for why a crash between the relay's OK and the row's update means at-least-once.
import { MailSendError } from '../mail/email.js';
import { dayOfPeriod, shiftDay, type Digest } from '../model/digest.js';
import type { Paper } from '../model/paper.js';
import type { Subscriber } from '../model/subscriber.js';
import { compose, whyOf, type ComposedItem } from './compose.js';
import type { DigestPool } from './pool.js';
import { renderDigest } from './render.js';
import type { DigestSender } from './sender.js';

/** Papers sent to a reader within this many days are never sent again. */
const DEDUP_DAYS = 90;
const DAY_MS = 86_400_000;

export type DeliveryOutcome =
  | 'sent'
  | 'skipped'
  | 'suppressed'
  | 'failed'
  /** The digest was already final (sent, failed, …) when this sender came to it. */
  | 'already-done'
  /** The row is gone (the subscriber deleted their account). */
  | 'gone';

/** Another sender holds the digest's lease: try again once it may have expired. */
export class DigestBusyError extends Error {
  constructor(
    readonly digest: Digest,
    readonly retryAt: Date,
  ) {
    super(`digest ${digest.id} (${digest.period}) is being sent by ${digest.leaseOwner ?? 'another sender'}`);
    this.name = 'DigestBusyError';
  }
}

export interface DeliveryLease {
  /** Who sends (job lease owner, or the CLI); written on the row and required by every later update. */
  owner: string;
  until: Date;
  /** The last attempt the caller will make: a transient failure then fails the digest for good. */
  lastAttempt: boolean;
}

/** The reader's digest contents: new papers since the last digest, minus everything already received. */
export async function composeFor(
  s: DigestSender,
  subscriber: Subscriber,
  pool: DigestPool,
): Promise<ComposedItem[]> {
  const now = s.now();
  const history = await s.store.digestHistory(
    subscriber.id,
    new Date(now.getTime() - DEDUP_DAYS * DAY_MS).toISOString(),
  );
  const first = subscriber.preferences.frequency === 'daily' ? 1 : 7;
  // A day of overlap with the last digest: its papers are deduplicated anyway, and a late listing is not missed.
  let since = history.lastSentAt ? shiftDay(history.lastSentAt.slice(0, 10), -1) : shiftDay(pool.day, -first);
  if (since < shiftDay(pool.day, -14)) since = shiftDay(pool.day, -14);
  if (since > shiftDay(pool.day, -first)) since = shiftDay(pool.day, -first);
  const savedRows = await s.store.reactedPapers(subscriber.id, 'save', 50, 0);
  const saved: Paper[] = savedRows.length ? await s.store.papersByIds(savedRows.map((r) => r.paperId)) : [];
  return compose(pool, { prefs: subscriber.preferences, since, received: new Set(history.paperIds), saved });
}

/** The items of an already composed digest (a retry), told from the pool where it has them. */
async function recompose(s: DigestSender, ids: string[], pool: DigestPool): Promise<ComposedItem[]> {
  const papers = await s.store.papersByIds(ids);
  return papers.map((paper) => {
    const i = pool.byId.get(paper.id);
    const p = i === undefined ? undefined : pool.papers[i];
    return { paper, rank: 0, why: p ? whyOf(pool, p) : [] };
  });
}

/** No arXiv listing on the digest's day (or the day before, for zones ahead of UTC): a day without announcements. */
const noAnnouncement = (pool: DigestPool, day: string) =>
  !pool.listingDays.has(day) && !pool.listingDays.has(shiftDay(day, -1));

/**
 * Sends the digest of (subscriber, period) once: throws MailSendError (transient) after handing the row back for
 * a retry, DigestBusyError when another sender holds it; returns the outcome otherwise.
 */
export async function deliverDigest(
  s: DigestSender,
  target: { subscriberId: number; period: string },
  lease: DeliveryLease,
): Promise<DeliveryOutcome> {
  const { store, log } = s;
  const digest = await store.claimDigest(
    target.subscriberId,
    target.period,
    lease.owner,
    lease.until,
    s.now(),
  );
  if (!digest) {
    const row = await store.digestFor(target.subscriberId, target.period);
    if (!row) return 'gone';
    if (row.state !== 'queued' && row.state !== 'sending') return 'already-done';
    throw new DigestBusyError(row, new Date(Date.parse(row.leaseUntil ?? s.now().toISOString()) + 1000));
  }
  const finish = async (outcome: Parameters<typeof store.finishDigest>[2]) => {
    if (!(await store.finishDigest(digest.id, lease.owner, outcome, s.now())))
      log.warn({ digest: digest.id }, 'digest lease lost before its outcome was recorded');
    return outcome.state;
  };
  const subscriber = await store.subscriberById(target.subscriberId);
  if (!subscriber) return 'gone';
  // Checked at the last moment: an unsubscribe or a bounce a second ago still stops this digest.
  if (subscriber.suppressed)
    return finish({ state: 'suppressed', reason: `address suppressed (${subscriber.suppressed.reason})` });
  if (subscriber.status !== 'active')
    return finish({ state: 'skipped', reason: `subscriber is ${subscriber.status}` });

  const prefs = subscriber.preferences;
  const day = dayOfPeriod(digest.period, prefs.weekday) ?? s.now().toISOString().slice(0, 10);
  const pool = await s.pools.get(day);
  let items: ComposedItem[];
  if (digest.paperIds) {
    items = await recompose(s, digest.paperIds, pool);
  } else {
    if (prefs.arxivCalendar && prefs.frequency === 'daily' && noAnnouncement(pool, day))
      return finish({ state: 'skipped', reason: `no arXiv announcement on ${day}` });
    items = await composeFor(s, subscriber, pool);
    if (items.length === 0 && prefs.skipEmpty)
      return finish({ state: 'skipped', reason: 'no new papers matched the preferences' });
  }
  const email = renderDigest(s, subscriber, digest.period, items);
  if (!digest.paperIds) {
    // Fixed before sending: a retry sends these same papers under the same Message-ID.
    const saved = await store.saveDigestContent(
      digest.id,
      lease.owner,
      items.map((i) => i.paper.id),
      email.messageId,
      s.now(),
    );
    if (!saved) throw new DigestBusyError(digest, new Date(s.now().getTime() + 1000));
  }
  try {
    await s.messenger.send(email);
  } catch (e) {
    const err = e instanceof MailSendError ? e : new MailSendError((e as Error).message, true, { cause: e });
    if (!err.transient || lease.lastAttempt) {
      const prefix = err.transient ? `gave up after ${digest.attempts} attempts: ` : '';
      await finish({ state: 'failed', reason: prefix + err.message });
      return 'failed';
    }
    await store.releaseDigest(digest.id, lease.owner, err.message, s.now());
    throw err;
  }
  return finish({ state: 'sent' });
}
