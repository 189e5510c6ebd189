// The subscriber part of the Store: subscriptions, their life cycle, bounces, reactions and single-use tokens.
import type {
  Preferences,
  ReactionKind,
  Subscriber,
  SubscriberStatus,
  SuppressionReason,
} from '../model/subscriber.js';

export type BounceKind = 'hard' | 'soft' | 'complaint';

/** Where a page of reactions ends (their primary key). */
export interface ReactionKey {
  subscriberId: number;
  paperId: string;
  kind: ReactionKind;
}

/** One stored reaction with its reader's address (ids differ between databases; addresses do not). */
export interface ReactionRow extends ReactionKey {
  email: string;
  at: string;
}

/** A subscriber as `subscribers import` brings it in (from an export of this or another instance). */
export interface SubscriberImport {
  email: string;
  status: SubscriberStatus;
  preferences: Preferences;
  suppressed?: { reason: SuppressionReason; at: string } | null;
  createdAt?: string;
  confirmedAt?: string | null;
}

export interface SubscriberStore {
  /**
   * A subscription request: adds a pending subscriber, or makes a pending or unsubscribed one pending again with
   * these (still unconfirmed) preferences. An active or paused subscriber is returned unchanged, so nobody can
   * change another person's preferences by subscribing with their address.
   */
  requestSubscription(email: string, preferences: Preferences, now: Date): Promise<Subscriber>;
  subscriberById(id: number): Promise<Subscriber | undefined>;
  /** Looks up by address (normalised here: trimmed, lower-cased). */
  subscriberByEmail(email: string): Promise<Subscriber | undefined>;
  /** pending → active, stamping confirmed_at; any other state is left as it is. The subscriber after. */
  confirmSubscriber(id: number, now: Date): Promise<Subscriber | undefined>;
  updatePreferences(id: number, preferences: Preferences, now: Date): Promise<Subscriber | undefined>;
  /** Pause, resume or unsubscribe a confirmed subscriber (a pending one can only be unsubscribed). */
  setSubscriberStatus(
    id: number,
    status: Exclude<SubscriberStatus, 'pending'>,
    now: Date,
  ): Promise<Subscriber | undefined>;
  /**
   * Claims the right to mail a link (confirmation or sign-in) to this subscriber: true, and stamps the time, when
   * the last link went out before `notBefore`. Atomic, so concurrent requests (any process) send at most one.
   */
  claimLinkSend(id: number, notBefore: Date, now: Date): Promise<boolean>;
  /** Invalidates every session of the subscriber; the new version, or undefined when unknown. */
  bumpSessionVersion(id: number, now: Date): Promise<number | undefined>;
  /** Deletes the subscriber and everything kept about them (reactions; digests by cascade). */
  deleteSubscriber(id: number): Promise<boolean>;
  /**
   * Records a bounce or complaint for an address: a hard bounce or a complaint suppresses at once, soft bounces
   * once `softLimit` have been counted. The subscriber after, or undefined for an unknown address.
   */
  recordBounce(
    email: string,
    kind: BounceKind,
    softLimit: number,
    now: Date,
  ): Promise<Subscriber | undefined>;
  /** Subscribers by id after `afterId`, at most `limit`, optionally of one status. */
  listSubscribers(q: { afterId?: number; limit: number; status?: SubscriberStatus }): Promise<Subscriber[]>;
  /** How many subscribers are in each status, and how many are suppressed. */
  subscriberCounts(): Promise<Record<SubscriberStatus | 'suppressed', number>>;
  /** Adds or updates (by address) a subscriber from an export; returns it and whether it was new. */
  importSubscriber(s: SubscriberImport, now: Date): Promise<{ subscriber: Subscriber; inserted: boolean }>;
  /**
   * Spends a single-use token: true the first time this nonce is used, false ever after (until `expiresAt`,
   * after which the token's signature check refuses it anyway and the row is purged).
   */
  useToken(nonce: string, expiresAt: Date, now: Date): Promise<boolean>;
  /**
   * Turns a reader's upvote or save on or off and records the paper's new total as a `pp_upvotes`/`pp_saves`
   * signal in the same transaction. Undefined when the paper or subscriber is unknown.
   */
  setReaction(
    subscriberId: number,
    paperId: string,
    kind: ReactionKind,
    on: boolean,
    now: Date,
  ): Promise<{ count: number; changed: boolean } | undefined>;
  /** Which of these papers the subscriber has upvoted or saved. */
  reactionsOf(subscriberId: number, paperIds: string[]): Promise<{ paperId: string; kind: ReactionKind }[]>;
  /** Many subscribers in one transaction, each as importSubscriber brings it in (db copy). */
  importSubscribers(list: SubscriberImport[], now: Date): Promise<{ inserted: number }>;
  /** Every reaction in primary-key order after `after`, with the reader's address (db copy pages with it). */
  reactionsAfter(after: ReactionKey | undefined, limit: number): Promise<ReactionRow[]>;
  /** Adds reactions by reader address (existing ones are kept); records no signals, unlike setReaction. */
  importReactions(rows: Omit<ReactionRow, 'subscriberId'>[]): Promise<{ inserted: number }>;
  /** How many reactions are stored (all readers, both kinds). */
  reactionCount(): Promise<number>;
  /** The papers the subscriber reacted to with `kind`, most recent first. */
  reactedPapers(
    subscriberId: number,
    kind: ReactionKind,
    limit: number,
    offset: number,
  ): Promise<{ paperId: string; at: string }[]>;
}
