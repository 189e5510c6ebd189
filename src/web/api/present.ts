// How papers and trending entries look in JSON (snake_case, stable field names, links spelled out).
import type { Paper, SignalValues } from '../../model/paper.js';
import type { TrendingEntry } from '../../rank/trending.js';
import type { Window } from '../../rank/window.js';
import { reasons } from '../../rank/explain.js';
import { arxivAbsUrl, arxivPdfUrl } from '../views/format.js';
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
      code: p.codeUrls,
    },
    source: p.source,
  };
}

/** A trending entry: the paper, its signals, its score with the breakdown, and the reasons in words. */
export function entryJson(e: TrendingEntry, window: Window, publicUrl: string): TrendingEntryResponse {
  return {
    rank: e.rank,
    ...paperJson(e.paper, publicUrl),
    signals: signalsJson(e.signals),
    score: {
      value: e.score.score,
      points: e.score.points,
      age_hours: Math.round(e.score.ageHours * 10) / 10,
      parts: e.score.parts.map((p) => ({ kind: p.kind, value: p.value, points: p.points })),
    },
    why: reasons(e.signals, e.paper.firstSeen, window),
  };
}

export const signalsJson = (s: SignalValues): SignalsResponse => ({
  hf_upvotes: s.hf_upvotes ?? null,
  hf_comments: s.hf_comments ?? null,
  github_stars: s.github_stars ?? null,
});
