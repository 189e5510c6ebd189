// Plain-words reasons a paper is where it is, from the same numbers the score used.
import type { SignalValues } from '../model/paper.js';
import type { Window } from './window.js';

/** Shortens counts the way people read them: 950, 1.2k, 34k. */
export function compactNumber(n: number): string {
  if (n < 1000) return String(Math.round(n));
  const k = n / 1000;
  return `${k < 10 ? k.toFixed(1).replace(/\.0$/, '') : Math.round(k)}k`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${compactNumber(n)} ${n === 1 ? one : many}`;

/** Human-readable age of a listing day relative to the window's moment, e.g. "listed 3 days ago". */
export function listedAgo(firstSeen: string, window: Window): string {
  const days = Math.floor((Date.parse(window.asOf) - Date.parse(`${firstSeen}T00:00:00Z`)) / 86_400_000);
  const span = days <= 0 ? 'the same day' : plural(days, 'day');
  if (window.stale) return days <= 0 ? `listed on ${window.to}` : `listed ${span} before ${window.to}`;
  return days <= 0 ? 'listed today' : `listed ${span} ago`;
}

/** The reasons for one entry, most telling first: ["42 upvotes", "1.2k GitHub stars", "listed 3 days ago"]. */
export function reasons(signals: SignalValues, firstSeen: string, window: Window): string[] {
  const out: string[] = [];
  if (signals.hf_upvotes !== undefined) out.push(plural(signals.hf_upvotes, 'upvote'));
  if (signals.github_stars !== undefined) out.push(plural(signals.github_stars, 'GitHub star'));
  if (signals.hf_comments) out.push(plural(signals.hf_comments, 'comment'));
  if (out.length === 0) out.push('no reactions yet');
  out.push(listedAgo(firstSeen, window));
  return out;
}
