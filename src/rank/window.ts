// Which days a trending view covers. When nothing happened recently (stale or demo data), the view slides
// back to the newest days that have data, and says so.

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
}

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * Resolves a view to concrete days. `latestDay` is the newest day with any data. A window is current when
 * it contains that day; otherwise it ends on that day instead and is marked stale. Windows are UTC days,
 * the unit arXiv announces in.
 */
export function resolveWindow(view: View, now: Date, latestDay: string): Window {
  const today = now.toISOString().slice(0, 10);
  // Rounded up to the hour so that answers can be cached for an hour without missing newer signals.
  const nextHour = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000).toISOString();
  const span = Math.max(lengthDays[view], 1);
  const current = latestDay >= addDays(today, -(span - 1));
  const to = current ? today : latestDay;
  const asOf = current ? nextHour : `${latestDay}T23:59:59.999Z`;
  const fixed = view === 'day' || view === 'week' || view === 'month';
  return { view, ...(fixed ? { from: addDays(to, -(span - 1)) } : {}), to, asOf, stale: !current };
}
