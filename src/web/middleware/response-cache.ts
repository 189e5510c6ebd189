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
  now?: () => number;
}

interface Entry {
  status: number;
  headers: [string, string][];
  /**
   * A Uint8Array, not an ArrayBuffer: @hono/node-server writes a Uint8Array body straight to the socket, while an
   * ArrayBuffer goes through a full web Response (body copy, ReadableStream). Profiled under the HTTP bench, that
   * path was the largest cost of a cache hit.
   */
  body: Uint8Array<ArrayBuffer>;
  etag: string | null;
  storedAt: number;
}

const headerList = (h: Headers) => {
  const list: [string, string][] = [];
  h.forEach((value, name) => list.push([name, value]));
  return list;
};

/**
 * Caches 200 responses marked `Cache-Control: public` for `ttlMs` (default 60 s) or until the data changes.
 * Concurrent misses for one key render once: the others wait for that render and share its result.
 */
export function responseCache(opts: ResponseCacheOptions): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  // Renders in progress by key. Without this, a data change or an expiry under load sent every waiting
  // connection (50 in the HTTP bench) into its own render of the same page at once: each render then took
  // 50 times as long, which is what the bench's p99 measured.
  const inFlight = new Map<string, Promise<Entry | undefined>>();
  const ttl = opts.ttlMs ?? 60_000;
  const maxEntries = opts.maxEntries ?? 1000;
  const maxBody = opts.maxBodyBytes ?? 1_000_000;
  const now = opts.now ?? Date.now;

  const fresh = (e: Entry | undefined): e is Entry => !!e && now() - e.storedAt < ttl;

  const serve = (hit: Entry, ifNoneMatch: string | undefined) => {
    if (hit.etag && ifNoneMatch === hit.etag) {
      return new Response(null, { status: 304, headers: { ETag: hit.etag, 'X-Cache': 'hit' } });
    }
    const headers = new Headers(hit.headers);
    headers.set('X-Cache', 'hit');
    return new Response(hit.body, { status: hit.status, headers });
  };

  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const version = await opts.version();
    const key = `${version}|${c.req.header('accept-encoding') ?? ''}|${c.req.url}`;
    const hit = entries.get(key);
    if (fresh(hit)) {
      // Re-insert so the map's order is least recently used first.
      entries.delete(key);
      entries.set(key, hit);
      c.res = serve(hit, c.req.header('if-none-match'));
      return;
    }
    const pending = inFlight.get(key);
    if (pending) {
      const shared = await pending;
      if (shared) {
        c.res = serve(shared, c.req.header('if-none-match'));
        return;
      }
      // That render was not cacheable (private, not 200, too large): render this request on its own.
      return next();
    }
    let settle!: (e: Entry | undefined) => void;
    inFlight.set(key, new Promise((resolve) => (settle = resolve)));
    let stored: Entry | undefined;
    try {
      await next();
      const res = c.res;
      if (res.status === 200 && (res.headers.get('cache-control') ?? '').includes('public')) {
        const body = new Uint8Array(await res.clone().arrayBuffer());
        if (body.byteLength <= maxBody) {
          stored = {
            status: res.status,
            headers: headerList(res.headers),
            body,
            etag: res.headers.get('etag'),
            storedAt: now(),
          };
          entries.set(key, stored);
          while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
        }
      }
    } finally {
      inFlight.delete(key);
      settle(stored);
    }
  };
}
