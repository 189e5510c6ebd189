// Subscribers and their digest preferences: plain types, and the one zod schema every edge (form, API, CLI
// import) validates preferences with, so stored preferences always have every field.
import { z } from 'zod';

// Building an Intl.DateTimeFormat costs ~0.3 ms, and every stored subscriber read re-validates its zone: a
// digest run reads each subscriber twice, so 10,000 subscribers spent seconds here before this cache.
const knownZones = new Map<string, boolean>();

/** Whether an IANA zone name is one this runtime knows (Intl throws RangeError otherwise). */
export function isTimeZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    // Bounded: names come from user input (rejected ones included).
    if (knownZones.size < 2000) knownZones.set(name, known);
  }
  return known;
}

const category = z
  .string()
  .trim()
  .regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'an arXiv category such as cs.LG');
const phrase = (max: number) => z.string().trim().min(1).max(max);

/** Digest preferences, with the defaults a new subscriber gets. */
export const preferencesSchema = z.object({
  /** arXiv categories to follow (primary or cross-list); empty = all. */
  categories: z.array(category).max(50).default([]),
  keywords: z.array(phrase(100)).max(50).default([]),
  authors: z.array(phrase(200)).max(50).default([]),
  frequency: z.enum(['daily', 'weekly']).default('daily'),
  /** Day of the week for weekly digests, 0 = Sunday … 6 = Saturday, in the subscriber's zone. */
  weekday: z.number().int().min(0).max(6).default(1),
  /** Local hour (0–23) after which the digest is sent. */
  sendHour: z.number().int().min(0).max(23).default(8),
  timeZone: z.string().trim().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').default('UTC'),
  maxPapers: z.number().int().min(1).max(50).default(10),
  /** Send nothing when no paper matches (instead of an empty digest). */
  skipEmpty: z.boolean().default(true),
  /** Follow arXiv's announcement calendar: no digest on days without a new listing. */
  arxivCalendar: z.boolean().default(false),
});

export type Preferences = z.infer<typeof preferencesSchema>;

/** Preferences with every default filled in. */
export const defaultPreferences = (): Preferences => preferencesSchema.parse({});

/**
 * pending: asked to subscribe, not yet confirmed (nothing but the confirmation is ever sent);
 * active: confirmed and receiving digests; paused: confirmed, digests stopped by the subscriber;
 * unsubscribed: stopped for good until they subscribe and confirm again.
 */
export type SubscriberStatus = 'pending' | 'active' | 'paused' | 'unsubscribed';

/** Why an address is never mailed again: a hard bounce, a spam complaint, or too many soft bounces. */
export type SuppressionReason = 'hard_bounce' | 'complaint' | 'soft_bounces';

export interface Subscriber {
  id: number;
  /** Lower-cased and trimmed: one subscriber per address however it is typed. */
  email: string;
  status: SubscriberStatus;
  preferences: Preferences;
  suppressed: { reason: SuppressionReason; at: string } | null;
  softBounces: number;
  /** Bumped to sign the subscriber out everywhere (session tokens carry the version they were issued with). */
  sessionVersion: number;
  createdAt: string;
  confirmedAt: string | null;
  /** When the last confirmation or sign-in email was sent: limits how often one address can be mailed. */
  lastLinkSentAt: string | null;
  updatedAt: string;
}

export type ReactionKind = 'upvote' | 'save';

/** Lower-cases and trims an address so it has one key. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
