// A small in-process cache of whole public responses (already compressed and tagged), keyed by URL, encoding
// and the data version: repeated views of a popular page cost a map lookup instead of queries and rendering.
import type { MiddlewareHandler } from 'hono';

export interface ResponseCacheOptions {
  /** The current data version; entries from an older version are never served. */
  version: () => Promise<number>;
  ttlMs?: number;
  maxEntries?: number;
  /** Larger bodies are not cached. */
  maxBodyBytes?: number;
}

interface Entry {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
  etag: string | null;
  storedAt: number;
}

const headerList = (h: Headers) => {
  const list: [string, string][] = [];
  h.forEach((value, name) => list.push([name, value]));
  return list;
};

/** Caches 200 responses marked `Cache-Control: public` for `ttlMs` (default 60 s) or until the data changes. */
export function responseCache(opts: ResponseCacheOptions): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  const ttl = opts.ttlMs ?? 60_000;
  const maxEntries = opts.maxEntries ?? 1000;
  const maxBody = opts.maxBodyBytes ?? 1_000_000;
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const version = await opts.version();
    const key = `${version}|${c.req.header('accept-encoding') ?? ''}|${c.req.url}`;
    const hit = entries.get(key);
    if (hit && Date.now() - hit.storedAt < ttl) {
      // Re-insert so the map's order is least recently used first.
      entries.delete(key);
      entries.set(key, hit);
      if (hit.etag && c.req.header('if-none-match') === hit.etag) {
        return c.body(null, 304, { ETag: hit.etag, 'X-Cache': 'hit' });
      }
      const headers = new Headers(hit.headers);
      headers.set('X-Cache', 'hit');
      return new Response(hit.body, { status: hit.status, headers });
    }
    await next();
    const res = c.res;
    if (res.status !== 200 || !(res.headers.get('cache-control') ?? '').includes('public')) return;
    const body = await res.clone().arrayBuffer();
    if (body.byteLength > maxBody) return;
    entries.set(key, {
      status: res.status,
      headers: headerList(res.headers),
      body,
      etag: res.headers.get('etag'),
      storedAt: Date.now(),
    });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
}
