// GET /api/trending — one page of the trending list with each entry's score breakdown.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { trendingQuery } from './schemas.js';
import { apiError, invalidQuery } from './errors.js';
import { entryJson } from './present.js';
import { searchIds } from '../../rank/search-slice.js';

/** Responds with the trending list for the query parameters (window|view, category, has_code, q, tz, limit, offset). */
export async function apiTrending(c: Context<AppEnv>, publicUrl: string) {
  const parsed = trendingQuery.safeParse(c.req.query());
  if (!parsed.success) return invalidQuery(c, parsed.error);
  const q = parsed.data;
  let ids: string[] | undefined;
  if (q.q) {
    if (!c.var.search) return apiError(c, 503, 'search_unavailable', 'Search is not running on this server.');
    ids = await searchIds(c.var.search, q.q);
    // The slice follows the search index, which trails the store by up to a second (see /api/search).
    c.header('Cache-Control', 'no-cache');
  }
  const list = await c.var.trending.list({
    view: q.view,
    category: q.category,
    categoryMatch: q.category_match,
    hasCode: q.has_code,
    ids,
    timeZone: q.tz,
    limit: q.limit,
    offset: q.offset,
  });
  const w = list.window;
  return c.json({
    view: q.view,
    window: w
      ? { from: w.from ?? null, to: w.to, as_of: w.asOf, stale: w.stale, time_zone: w.timeZone }
      : null,
    filters: {
      category: q.category ?? null,
      category_match: q.category_match,
      has_code: q.has_code ?? null,
      q: q.q ?? null,
    },
    computed_at: list.computedAt ?? null,
    total: list.total,
    limit: q.limit,
    offset: q.offset,
    results: w ? list.entries.map((e) => entryJson(e, w, publicUrl)) : [],
  });
}
