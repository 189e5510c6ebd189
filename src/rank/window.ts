// Which days a trending view covers, in the reader's time zone. When nothing happened recently (stale or demo
// data), the view slides back to the newest days that have data, and says so.

export const views = ['trending', 'day', 'week', 'month', 'all'] as const;
export type View = (typeof views)[number];

const lengthDays: Record<View, number> = { trending: 7, day: 1, week: 7, month: 30, all: 0 };

export interface Window {
  view: View;
  /** First listing day included (YYYY-MM-DD); absent for the open-ended views. */
  from?: string;
  /** Last listing day included. */
  to: string;
  /** Signals are read as of this instant (ISO). */
  asOf: string;
  /** True when the view slid back because the current days have no data. */
  stale: boolean;
  /** The IANA time zone whose calendar days the window counts ("UTC" by default). */
  timeZone: string;
}

const DAY_MS = 86_400_000;
/** Calendar arithmetic on YYYY-MM-DD strings: days are dates, not 24-hour spans, so DST cannot shift them. */
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of instant `t` in `timeZone`. Throws RangeError for an unknown zone. */
export function localDay(t: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(t);
}

/** True when `tz` names a time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    localDay(new Date(0), tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves a view to concrete listing days. "Today" is the reader's calendar date in `timeZone`; the listing
 * days are arXiv's (UTC) dates, compared as dates. `latestDay` is the newest day with any data: a window is
 * current when it contains that day; otherwise it ends on that day instead and is marked stale.
 */
export function resolveWindow(view: View, now: Date, latestDay: string, timeZone = 'UTC'): Window {
  const today = localDay(now, timeZone);
  // Rounded up to the hour so that answers can be cached for an hour without missing newer signals.
  const nextHour = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000).toISOString();
  const span = Math.max(lengthDays[view], 1);
  // Data from "tomorrow" (a reader west of UTC sees arXiv's next day early) still counts as current.
  const current = latestDay >= addDays(today, -(span - 1));
  const to = current ? (latestDay > today ? latestDay : today) : latestDay;
  const asOf = current ? nextHour : `${latestDay}T23:59:59.999Z`;
  const fixed = view === 'day' || view === 'week' || view === 'month';
  return {
    view,
    ...(fixed ? { from: addDays(current ? today : to, -(span - 1)) } : {}),
    to,
    asOf,
    stale: !current,
    timeZone,
  };
}
