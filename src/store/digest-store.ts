// The digest part of the Store: the outbox (one row per subscriber and period, with its state), who is due, what
// each subscriber already received, and digest clicks. Queries in digest-queries.ts; both backends delegate.
import type { Digest, DigestState } from '../model/digest.js';
import type { Subscriber } from '../model/subscriber.js';

/** A subscriber whose schedule has reached a period that has no digest yet. */
export interface DueDigest {
  subscriber: Subscriber;
  period: string;
  frequency: 'daily' | 'weekly';
  /** The local day the digest is scheduled on. */
  day: string;
}

export interface DueQuery {
  /** The instant to judge by: each subscriber's local hour and weekday at this moment. */
  now: Date;
  /** Instead of the schedule: the digest of this local day for everyone (`digest run --date`). */
  day?: string;
  /** Only this subscriber (`digest run --to`). */
  subscriberId?: number;
  /** Keyset paging over subscriber ids. */
  afterId?: number;
  /** Subscribers examined per call (not all of them are due). */
  limit: number;
}

/** A planned digest: its outbox row and the job that sends it are written together. */
export interface PlannedDigest {
  subscriberId: number;
  period: string;
  frequency: 'daily' | 'weekly';
}

/** The sending job each planned digest gets, keyed `digest:<subscriber>:<period>`. */
export interface DigestJobSpec {
  kind: string;
  maxAttempts: number;
}

/** How a claimed digest ended. */
export type DigestOutcome =
  { state: 'sent' } | { state: 'failed' | 'suppressed' | 'skipped'; reason: string };

export interface DigestStore {
  /**
   * Active, unsuppressed subscribers (id order, after `afterId`, `limit` examined) whose latest scheduled period
   * has no digest row; `nextAfterId` is where the next page starts (undefined when all were examined).
   */
  dueDigests(q: DueQuery): Promise<{ due: DueDigest[]; nextAfterId: number | undefined }>;
  /**
   * Adds a queued outbox row and its sending job for each planned digest, in one transaction, skipping any
   * (subscriber, period) that already has one. Returns how many were added.
   */
  queueDigests(planned: PlannedDigest[], job: DigestJobSpec, now: Date): Promise<number>;
  digestFor(subscriberId: number, period: string): Promise<Digest | undefined>;
  /**
   * Leases the digest to `owner` until `leaseUntil` (queued → sending, or a sending one whose lease expired),
   * counting an attempt. Undefined when it is not claimable (another sender holds it, or it is final).
   */
  claimDigest(
    subscriberId: number,
    period: string,
    owner: string,
    leaseUntil: Date,
    now: Date,
  ): Promise<Digest | undefined>;
  /** Records the composed papers and Message-ID while `owner` holds the lease; false when it was lost. */
  saveDigestContent(
    id: number,
    owner: string,
    paperIds: string[],
    messageId: string,
    now: Date,
  ): Promise<boolean>;
  /** Ends a claimed digest (sent, failed, suppressed, skipped) while `owner` holds the lease; false when lost. */
  finishDigest(id: number, owner: string, outcome: DigestOutcome, now: Date): Promise<boolean>;
  /** Hands a claimed digest back (sending → queued) after a transient failure, keeping the error. */
  releaseDigest(id: number, owner: string, error: string, now: Date): Promise<boolean>;
  /** Every paper sent to the subscriber in digests created since `since` (dedup), and when the last of those went out. */
  digestHistory(
    subscriberId: number,
    since: string,
  ): Promise<{ lastSentAt: string | undefined; paperIds: string[] }>;
  /** The subscriber's digests, newest first (account page, data export). */
  digestsOfSubscriber(subscriberId: number, limit: number): Promise<Digest[]>;
  /** Outbox rows per state, optionally for one period. */
  digestCounts(period?: string): Promise<Record<DigestState, number>>;
  /**
   * Counts a click on a paper in a digest once per (subscriber, paper, period) and records the paper's new click
   * total as a `pp_clicks` signal in the same transaction. Undefined when the subscriber or paper is unknown.
   */
  recordDigestClick(
    subscriberId: number,
    paperId: string,
    period: string,
    now: Date,
  ): Promise<{ counted: boolean; total: number } | undefined>;
}
