// How papers and trending entries look in JSON (snake_case, stable field names, links spelled out).
import type { Paper, SignalValues } from '../../model/paper.js';
import type { TrendingEntry } from '../../rank/trending.js';
import type { Window } from '../../rank/window.js';
import { reasons } from '../../rank/explain.js';
import { TRENDING } from '../../rank/score.js';
import { arxivAbsUrl, arxivPdfUrl, webUrl } from '../views/format.js';
import type { PaperResponse, SignalsResponse, TrendingEntryResponse } from './responses.js';

/** A paper as the API returns it. */
export function paperJson(p: Paper, publicUrl: string): PaperResponse {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    authors: p.authors,
    abstract: p.abstract,
    categories: p.categories,
    primary_category: p.primaryCategory,
    first_seen: p.firstSeen,
    published: p.published,
    updated: p.updated,
    comment: p.comment,
    doi: p.doi,
    journal_ref: p.journalRef,
    links: {
      page: `${publicUrl}/papers/${p.id}`,
      abs: arxivAbsUrl(p.id),
      pdf: arxivPdfUrl(p.id),
      // Only web addresses: a javascript: or data: URL in imported data must not reach a client as a link.
      code: p.codeUrls.flatMap((u) => webUrl(u) ?? []),
    },
    source: p.source,
  };
}

/** A trending entry: the paper, its signals, its score with the breakdown, and the reasons in words. */
export function entryJson(e: TrendingEntry, window: Window, publicUrl: string): TrendingEntryResponse {
  const c = TRENDING;
  const decay = window.view === 'trending' && e.score.score > 0 ? e.score.points / e.score.score : 1;
  return {
    rank: e.rank,
    ...paperJson(e.paper, publicUrl),
    signals: signalsJson(e.signals),
    score: {
      value: e.score.score,
      points: e.score.points,
      prior: e.score.prior,
      past: e.score.past,
      decay,
      age_hours: Math.round(e.score.ageHours * 10) / 10,
      basis:
        window.view === 'trending'
          ? 'gains_trailing'
          : window.view === 'all'
            ? 'totals'
            : 'gains_since_listing',
      parts: e.score.parts.map((p) => ({
        kind: p.kind,
        value: p.value,
        weight: c.weights[p.kind],
        log: c.logKinds.includes(p.kind),
        points: p.points,
      })),
    },
    why: reasons(e.detail, e.paper.firstSeen, window),
  };
}

export const signalsJson = (s: SignalValues): SignalsResponse => ({
  hf_upvotes: s.hf_upvotes ?? null,
  hf_comments: s.hf_comments ?? null,
  github_stars: s.github_stars ?? null,
  pp_upvotes: s.pp_upvotes ?? null,
  pp_saves: s.pp_saves ?? null,
  pp_views: s.pp_views ?? null,
  pp_clicks: s.pp_clicks ?? null,
});
