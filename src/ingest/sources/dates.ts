// Day arithmetic for date-ranged sources. Days are YYYY-MM-DD strings in UTC.
import { UserError } from '../../errors.js';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  // Date.parse rolls 2025-02-30 over to March; a real day survives the round trip.
  return dayPattern.test(s) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}

/** The day `n` days after `day` (negative n goes back). */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The UTC day of a moment. */
export const dayOfDate = (d: Date) => d.toISOString().slice(0, 10);

/** Every day from `from` to `until`, inclusive. */
export function daysBetween(from: string, until: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= until; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Checks a --from/--until pair; throws a usage error naming the bad value. */
export function checkRange(from: string | undefined, until: string | undefined): void {
  for (const [flag, v] of [
    ['--from', from],
    ['--until', until],
  ] as const) {
    if (v !== undefined && !isDay(v))
      throw new UserError(`${flag} must be a day written YYYY-MM-DD, not "${v}"`, 'usage');
  }
  if (from && until && from > until) throw new UserError(`--from ${from} is after --until ${until}`, 'usage');
}

/** The start of the hour of a moment, as ISO: one signal observation per source, paper, kind and hour. */
export const hourOf = (d: Date) => `${d.toISOString().slice(0, 13)}:00:00.000Z`;
