// GET /feed.{atom,rss,json} and /c/:category/feed.{atom,rss,json} — the trending list as a feed.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { trendingQuery } from '../api/schemas.js';
import { categoryPath } from '../views/format.js';
import { paperItem } from './feed.js';
import { sendFeed, type FeedFormat } from './send.js';

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

/** A handler serving the trending feed (of one category when the route has `:category`) in `format`. */
export function trendingFeed(format: FeedFormat, publicUrl: string) {
  return async (c: Context<AppEnv>) => {
    const category = c.req.param('category');
    if (category !== undefined && !CATEGORY.test(category)) return c.text('Not an arXiv category', 404);
    const parsed = trendingQuery.safeParse(c.req.query());
    const q = parsed.success ? parsed.data : trendingQuery.parse({});
    const list = await c.var.trending.list({ view: q.view, category, limit: q.limit, offset: 0 });
    const base = category ? categoryPath(category) : '';
    const query = q.view !== 'trending' ? `?view=${q.view}` : '';
    const where = category ? ` in ${category}` : '';
    return sendFeed(
      c,
      {
        title: `paperpulse: trending papers${where}${q.view !== 'trending' ? ` (${q.view})` : ''}`,
        description: `The papers trending${where} on paperpulse, ranked by an open formula (see ${publicUrl}/about).`,
        selfUrl: `${publicUrl}${base}/feed.${format}${query}`,
        htmlUrl: `${publicUrl}${base || '/'}${query}`,
        updated: list.window?.stale ? `${list.window.to}T23:59:59.000Z` : new Date().toISOString(),
        items: list.entries.map((e) => paperItem(e.paper, publicUrl)),
      },
      format,
    );
  };
}
