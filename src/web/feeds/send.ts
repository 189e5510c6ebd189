// Responds with a feed in the format the URL asked for.
import type { Context } from 'hono';
import type { FeedDoc } from './feed.js';
import { toAtom } from './atom.js';
import { toRss } from './rss.js';
import { toJsonFeed } from './json-feed.js';

export type FeedFormat = 'atom' | 'rss' | 'json';

/** Sends `doc` as Atom, RSS or JSON Feed with the registered media type. */
export function sendFeed(c: Context, doc: FeedDoc, format: FeedFormat) {
  if (format === 'json') {
    // "<" as \u003c: the same JSON, but no paper text can ever look like a tag to a sniffing client.
    const body = JSON.stringify(toJsonFeed(doc)).replace(/</g, '\\u003c');
    return c.body(body, 200, { 'Content-Type': 'application/feed+json; charset=utf-8' });
  }
  if (format === 'rss')
    return c.body(toRss(doc), 200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
  return c.body(toAtom(doc), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
}
