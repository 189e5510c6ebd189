// Per-client rate limiting for the API: a token bucket per client address, with RateLimit headers so
// well-behaved clients can pace themselves. In-memory, so each web process limits on its own.
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { apiError } from '../api/errors.js';

export interface RateLimitOptions {
  /** Requests allowed per window; 0 turns limiting off (e.g. for benchmarks behind a trusted proxy). */
  limit: number;
  windowSeconds: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** The client's address: the socket's, or X-Forwarded-For's first hop when behind a trusted proxy. */
export function clientKey(c: Parameters<MiddlewareHandler>[0], trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

/** Limits each client to `limit` requests per `windowSeconds`, refilling continuously. */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  const now = opts.now ?? Date.now;
  const perMs = opts.limit / (opts.windowSeconds * 1000);
  let lastSweep = now();
  return async (c, next) => {
    if (opts.limit <= 0) return next();
    const t = now();
    // Forget clients whose bucket has refilled completely: they are indistinguishable from new ones.
    if (t - lastSweep > opts.windowSeconds * 1000) {
      for (const [k, b] of buckets) if (b.tokens + (t - b.updated) * perMs >= opts.limit) buckets.delete(k);
      lastSweep = t;
    }
    const key = clientKey(c, opts.trustProxy ?? false);
    const b = buckets.get(key) ?? { tokens: opts.limit, updated: t };
    b.tokens = Math.min(opts.limit, b.tokens + (t - b.updated) * perMs);
    b.updated = t;
    buckets.set(key, b);
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    const resetSeconds = Math.ceil((opts.limit - b.tokens) / perMs / 1000);
    const headers = {
      'RateLimit-Limit': String(opts.limit),
      'RateLimit-Remaining': String(Math.floor(b.tokens)),
      'RateLimit-Reset': String(resetSeconds),
      'RateLimit-Policy': `${opts.limit};w=${opts.windowSeconds}`,
    };
    if (!allowed) {
      const res = apiError(
        c,
        429,
        'rate_limited',
        `Too many requests: at most ${opts.limit} per ${opts.windowSeconds} s. Retry later.`,
      );
      for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
      res.headers.set('Retry-After', String(Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000))));
      return res;
    }
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  };
}
