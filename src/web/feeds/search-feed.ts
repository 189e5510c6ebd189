// GET /search/feed.{atom,rss,json}?q=… — any search as a feed: the newest papers matching the query, so a reader
// subscribed to "diffusion cat:cs.CV" sees each new match arrive. `/feed.atom?q=…` redirects here.
import type { Context, Next } from 'hono';
import type { AppEnv } from '../env.js';
import type { FeedLink } from './links.js';
import { feedLinks } from './links.js';
import { paperItem } from './feed.js';
import { sendFeed, type FeedFormat } from './send.js';

const ITEMS = 50;

/** The feeds of a search query, for the search page's <link rel="alternate">. */
export function searchFeedLinks(q: string): FeedLink[] {
  return feedLinks('/search/feed', `?q=${encodeURIComponent(q)}`, `paperpulse search: ${q}`);
}

/** A handler serving the feed of the `q` parameter in `format`. */
export function searchFeed(format: FeedFormat, publicUrl: string) {
  return async (c: Context<AppEnv>) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 1000);
    c.header('Cache-Control', 'no-cache'); // follows the search index, not the store version (see api/search.ts)
    if (!q)
      return c.text(
        'A search feed needs a query: /search/feed.atom?q=your+words (any search syntax works).',
        400,
      );
    const search = c.var.search;
    if (!search) return c.text('Search is not running on this server.', 503, { 'Retry-After': '60' });
    const r = await search.search({ q, limit: ITEMS, offset: 0, sort: 'date', mode: 'keyword' });
    if (r.index.state !== 'ready')
      // An empty feed now would tell readers the query matches nothing; ask them to come back instead.
      return c.text('The search index is being prepared; try again in a minute.', 503, {
        'Retry-After': '60',
      });
    const encoded = encodeURIComponent(q);
    const newest = r.hits
      .map((h) => h.paper.firstSeen)
      .sort()
      .at(-1);
    return sendFeed(
      c,
      {
        title: `paperpulse search: ${q}`,
        description: `The newest papers matching "${q}" on paperpulse.`,
        selfUrl: `${publicUrl}/search/feed.${format}?q=${encoded}`,
        htmlUrl: `${publicUrl}/search?q=${encoded}&sort=date`,
        updated: newest ? `${newest}T00:00:00.000Z` : new Date(0).toISOString(),
        items: r.hits.map((h) => paperItem(h.paper, publicUrl)),
      },
      format,
    );
  };
}

/** On /feed.{format}: a `q` parameter means a search feed, whose canonical address is /search/feed.{format}. */
export function searchFeedRedirect(format: FeedFormat) {
  return async (c: Context<AppEnv>, next: Next) => {
    const q = c.req.query('q');
    if (q === undefined) return next();
    return c.redirect(`/search/feed.${format}?q=${encodeURIComponent(q)}`, 301);
  };
}
