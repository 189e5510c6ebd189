// Plain-words reasons a paper is where it is, from the same numbers the score used.
import type { SignalKind, SignalValues } from '../model/paper.js';
import type { ScoreDetail } from '../store/trending-store.js';
import type { View, Window } from './window.js';
import { TRENDING } from './score.js';

/** Shortens counts the way people read them: 950, 1.2k, 34k. */
export function compactNumber(n: number): string {
  if (n < 1000) return String(Math.round(n));
  const k = n / 1000;
  return `${k < 10 ? k.toFixed(1).replace(/\.0$/, '') : Math.round(k)}k`;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${compactNumber(n)} ${Math.round(n) === 1 ? one : many}`;

/** What each signal is called in the reasons, most telling first. */
export const signalNames: [SignalKind, string][] = [
  ['github_stars', 'GitHub star'],
  ['hf_upvotes', 'upvote'],
  ['pp_upvotes', 'upvote here'],
  ['pp_saves', 'save'],
  ['hf_comments', 'comment'],
  ['pp_clicks', 'digest click'],
  ['pp_views', 'reader'],
];

/** Plural names of the signals, for labels. */
export const signalLabels: Record<SignalKind, string> = {
  github_stars: 'GitHub stars',
  hf_upvotes: 'upvotes',
  hf_comments: 'comments',
  pp_upvotes: 'upvotes here',
  pp_saves: 'saves',
  pp_views: 'readers',
  pp_clicks: 'digest clicks',
};

const names: Record<string, [string, string]> = {
  'upvote here': ['upvote here', 'upvotes here'],
  reader: ['reader', 'readers'],
};

const named = (n: number, one: string) => {
  const [o, m] = names[one] ?? [one, `${one}s`];
  return plural(n, o, m);
};

/** Human-readable age of a listing day relative to the window's moment, e.g. "listed 3 days ago". */
export function listedAgo(firstSeen: string, window: Window): string {
  const days = Math.floor((Date.parse(window.asOf) - Date.parse(`${firstSeen}T00:00:00Z`)) / 86_400_000);
  const span = days <= 0 ? 'the same day' : plural(days, 'day');
  if (window.stale) return days <= 0 ? `listed on ${window.to}` : `listed ${span} before ${window.to}`;
  return days <= 0 ? 'listed today' : `listed ${span} ago`;
}

/** The values a view ranks by: trailing gains (trending), gains since listing (windows) or totals (all time). */
export function viewValues(detail: ScoreDetail, view: View): SignalValues {
  if (view === 'trending') return detail.trailing;
  if (view === 'all') return detail.totals;
  return detail.sinceListing;
}

/**
 * The reasons for one entry, most telling first, e.g. ["+182 GitHub stars in 7 days", "+45 upvotes",
 * "listed 3 days ago"]. Gains carry a sign; all-time totals do not.
 */
export function reasons(detail: ScoreDetail, firstSeen: string, window: Window): string[] {
  const values = viewValues(detail, window.view);
  const gains = window.view !== 'all';
  const out: string[] = [];
  for (const [kind, name] of signalNames) {
    const v = values[kind];
    if (v === undefined || Math.round(v) < 1) continue;
    out.push(`${gains ? '+' : ''}${named(v, name)}`);
  }
  if (out.length && window.view === 'trending') out[0] += ` in ${TRENDING.trailingDays} days`;
  if (out.length && gains && window.view !== 'trending') out[0] += ' since listed';
  if (out.length === 0) {
    const totals = signalNames.filter(([k]) => Math.round(detail.totals[k] ?? 0) >= 1);
    if (window.view === 'trending' && detail.prior > 0) out.push('new: no reactions yet');
    else if (totals.length && gains) {
      // Say what it had earned, so "nothing new" does not read as "nothing at all".
      out.push('no new reactions lately');
      for (const [k, name] of totals.slice(0, 2)) out.push(`${named(detail.totals[k]!, name)} in all`);
    } else out.push('no reactions yet');
  }
  out.push(listedAgo(firstSeen, window));
  return out;
}
