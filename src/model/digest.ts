// Digests as data: the outbox row's states, and the pure calendar rules that say which period a subscriber's
// next digest belongs to and whether it is due. No I/O: the store and the scheduler both use these.
import type { Preferences } from './subscriber.js';

/**
 * queued: planned, not yet handed to a sender; sending: claimed by one sender (leased); sent: the relay (or the
 * outbox) accepted it; failed: refused for good or out of attempts; suppressed: the address is suppressed
 * (bounces, complaints), never mailed; skipped: nothing to send (no matching papers with skipEmpty, no arXiv
 * announcement, or the subscriber left before it went out).
 */
export type DigestState = 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'skipped';

export const digestStates: readonly DigestState[] = [
  'queued',
  'sending',
  'sent',
  'failed',
  'suppressed',
  'skipped',
];

/** States after which nothing more happens to a digest. */
export const finalDigestStates: readonly DigestState[] = ['sent', 'failed', 'suppressed', 'skipped'];

/** One outbox row: one message to one subscriber for one period. */
export interface Digest {
  id: number;
  subscriberId: number;
  /** YYYY-MM-DD (daily) or YYYY-Www (weekly, ISO week of the scheduled day). */
  period: string;
  frequency: 'daily' | 'weekly';
  state: DigestState;
  /** Send attempts so far (claims). */
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  /** The papers composed into it, in order; null until composed (a retry re-sends the same papers). */
  paperIds: string[] | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/** A subscriber's wall clock at one instant. */
export interface LocalTime {
  /** YYYY-MM-DD */
  day: string;
  hour: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The date, hour and weekday of instant `t` in IANA zone `timeZone` (throws RangeError for an unknown zone). */
export function localTime(t: Date, timeZone: string): LocalTime {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(t)) p[part.type] = part.value;
  const day = `${p.year}-${p.month}-${p.day}`;
  return { day, hour: Number(p.hour) % 24, weekday: new Date(`${day}T00:00:00Z`).getUTCDay() };
}

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The ISO-8601 week of a calendar day, e.g. "2026-W48" (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = d.getUTCDay() || 7;
  // The Thursday of the same ISO week decides the year.
  const thursday = new Date(d.getTime() + (4 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period a digest scheduled on local day `day` belongs to. */
export const periodOf = (frequency: 'daily' | 'weekly', day: string) =>
  frequency === 'daily' ? day : isoWeek(day);

export interface ScheduledDigest {
  period: string;
  /** The local day the digest is scheduled on (the subscriber's calendar). */
  day: string;
}

/**
 * The latest digest a subscriber's schedule has reached at instant `now`: daily, today once the local send hour
 * has passed (else yesterday); weekly, the latest chosen weekday whose send hour has passed. The caller sends it
 * when no digest exists for the period yet, so a missed hour is caught up within its period, never twice.
 */
export function latestScheduled(
  prefs: Pick<Preferences, 'frequency' | 'weekday' | 'sendHour' | 'timeZone'>,
  now: Date,
): ScheduledDigest {
  const local = localTime(now, prefs.timeZone);
  let day = local.hour >= prefs.sendHour ? local.day : addDays(local.day, -1);
  if (prefs.frequency === 'weekly') {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    day = addDays(day, -((dow - prefs.weekday + 7) % 7));
  }
  return { period: periodOf(prefs.frequency, day), day };
}

/** The digest for local day `day` given explicitly (`digest run --date`): daily that day, weekly the week's. */
export function scheduledOn(prefs: Pick<Preferences, 'frequency' | 'weekday'>, day: string): ScheduledDigest {
  if (prefs.frequency === 'daily') return { period: day, day };
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  const sent = addDays(day, -((dow - prefs.weekday + 7) % 7));
  return { period: isoWeek(sent), day: sent };
}

/**
 * Whether the scheduled moment (local `day` at the send hour) comes after the subscriber confirmed: a digest is
 * never due for a slot that passed before they subscribed (no digest arrives minutes after confirming at 10:00
 * for an 8:00 slot; the first one comes at the next slot).
 */
export function slotAfter(
  slot: ScheduledDigest,
  prefs: Pick<Preferences, 'sendHour' | 'timeZone'>,
  confirmedAt: string,
): boolean {
  const c = localTime(new Date(confirmedAt), prefs.timeZone);
  return slot.day > c.day || (slot.day === c.day && c.hour < prefs.sendHour);
}

/**
 * The local day a period's digest was scheduled on: the day itself (daily), or the chosen weekday of that ISO
 * week (weekly). Undefined for text that is not a period.
 */
export function dayOfPeriod(period: string, weekday: number): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period;
  const m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!m) return undefined;
  // Monday of ISO week 1 is the Monday on or before 4 January.
  const jan4 = Date.UTC(Number(m[1]), 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY_MS;
  const offset = (weekday + 6) % 7;
  return new Date(monday + ((Number(m[2]) - 1) * 7 + offset) * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day `n` days after `day` (YYYY-MM-DD; negative n goes back). */
export const shiftDay = addDays;
