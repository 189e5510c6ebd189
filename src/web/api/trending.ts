// GET /api/trending — one page of the trending list with each entry's score breakdown.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { trendingQuery } from './schemas.js';
import { invalidQuery } from './errors.js';
import { entryJson } from './present.js';

/** Responds with the trending list for the query parameters (view|window, category, limit, offset). */
export async function apiTrending(c: Context<AppEnv>, publicUrl: string) {
  const parsed = trendingQuery.safeParse(c.req.query());
  if (!parsed.success) return invalidQuery(c, parsed.error);
  const q = parsed.data;
  const list = await c.var.trending.list({
    view: q.view,
    category: q.category,
    limit: q.limit,
    offset: q.offset,
  });
  const w = list.window;
  return c.json({
    view: q.view,
    window: w ? { from: w.from ?? null, to: w.to, as_of: w.asOf, stale: w.stale } : null,
    total: list.total,
    limit: q.limit,
    offset: q.offset,
    results: w ? list.entries.map((e) => entryJson(e, w, publicUrl)) : [],
  });
}
