// Counts paper-page views (rank/page-views.ts) for every 200 answer to GET /papers/:id, including answers served
// from the response cache, without delaying the response: recording is an in-memory note.
import type { MiddlewareHandler } from 'hono';
import { parseArxivId } from '../../model/ids.js';
import type { PageViews } from '../../rank/page-views.js';
import { clientKey } from './rate-limit.js';

/** Notes a view after each successful paper page (register before the response cache). */
export function pageViews(views: PageViews, trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || c.res.status !== 200) return;
    let raw: string;
    try {
      raw = decodeURIComponent(c.req.path.slice('/papers/'.length));
    } catch {
      return;
    }
    const parsed = parseArxivId(raw);
    if (!parsed || parsed.id !== raw) return;
    views.record(parsed.id, clientKey(c, trustProxy), c.req.header('user-agent'));
  };
}
