// GET /authors/:name/feed.{atom,rss,json} — an author's papers, newest first, as a feed.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { authorPath } from '../views/format.js';
import { paperItem } from './feed.js';
import { sendFeed, type FeedFormat } from './send.js';

/** A handler serving the feed of the author named in the route, in `format`. */
export function authorFeed(format: FeedFormat, publicUrl: string) {
  return async (c: Context<AppEnv>) => {
    const name = (c.req.param('name') ?? '').trim();
    if (!name || name.length > 200) return c.text('No such author', 404);
    const papers = await c.var.store.papersByAuthor(name, 50, 0);
    const newest = papers[0];
    return sendFeed(
      c,
      {
        title: `paperpulse: papers by ${name}`,
        description: `New papers by ${name}, newest first.`,
        selfUrl: `${publicUrl}${authorPath(name)}/feed.${format}`,
        htmlUrl: `${publicUrl}${authorPath(name)}`,
        updated: newest ? `${newest.firstSeen}T00:00:00.000Z` : new Date(0).toISOString(),
        items: papers.map((p) => paperItem(p, publicUrl)),
      },
      format,
    );
  };
}
