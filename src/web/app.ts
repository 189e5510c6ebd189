// The Hono application: middleware (security headers, compression, caching, logging) and the route table.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { compress } from 'hono/compress';
import { csrf } from 'hono/csrf';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import { cors } from 'hono/cors';
import { rateLimit, type RateLimitOptions } from './middleware/rate-limit.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import { Trending } from '../rank/trending.js';
import type { AppEnv } from './env.js';
import { routes } from './routes.js';
import { notFoundPage } from './pages/not-found.js';
import { apiError } from './api/errors.js';

export interface AppDeps {
  store: Store;
  log: Logger;
  publicUrl: string;
  /** API rate limit per client; omitted = 300 requests per minute. */
  rateLimit?: RateLimitOptions;
}

/** Builds the web app over a store; tests call app.request() on it without a socket. */
export function createApp({ store, log, publicUrl, rateLimit: limits }: AppDeps) {
  const app = new Hono<AppEnv>();
  const trending = new Trending(store);

  app.use(async (c, next) => {
    const started = performance.now();
    c.set('store', store);
    c.set('trending', trending);
    c.set('log', log);
    c.set('demo', (await store.getMeta('demo')) === 'imported');
    await next();
    log.debug({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );
  // Form posts must come from our own pages (Origin check), so other sites cannot submit them.
  app.use(csrf());
  // Any site may read the API and feeds (they are public and read-only); nothing else is cross-origin.
  const readOnly = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    exposeHeaders: ['ETag', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
  });
  app.use('/api/*', readOnly);
  app.use('/api/*', rateLimit(limits ?? { limit: 300, windowSeconds: 60 }));
  app.use(compress());
  app.use(etag());
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control') && c.req.method === 'GET' && c.res.status === 200) {
      // Short shared caching: trending moves slowly, and ETags make revalidation cheap.
      c.header('Cache-Control', 'public, max-age=60');
    }
  });

  routes(app, publicUrl);

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? apiError(c, 404, 'not_found', `No API route ${c.req.path}`)
      : notFoundPage(c),
  );
  app.onError((err, c) => {
    // Deliberate refusals (e.g. a cross-site form post) carry their own status.
    if (err instanceof HTTPException) return err.getResponse();
    log.error({ err, path: c.req.path }, 'request failed');
    return c.req.path.startsWith('/api/')
      ? apiError(c, 500, 'internal', 'Something went wrong on our side; it has been logged.')
      : c.html(
          '<!doctype html><title>Error — paperpulse</title><h1>Something went wrong</h1><p>It has been logged. Please try again.</p>',
          500,
        );
  });
  return app;
}
