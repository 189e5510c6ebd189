// The Hono application: middleware (security headers, compression, caching, logging) and the route table.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { compress } from 'hono/compress';
import { csrf } from 'hono/csrf';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import { cors } from 'hono/cors';
import { rateLimit, type RateLimitOptions } from './middleware/rate-limit.js';
import { responseCache } from './middleware/response-cache.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import type { SearchService } from '../search/service.js';
import { Trending } from '../rank/trending.js';
import type { PageViews } from '../rank/page-views.js';
import type { TrendingConstants } from '../rank/score.js';
import { pageViews } from './middleware/page-views.js';
import { DataStateCache } from '../store/data-state.js';
import { StoreError } from '../store/errors.js';
import type { AppEnv } from './env.js';
import { routes } from './routes.js';
import { notFoundPage } from './pages/not-found.js';
import { apiError } from './api/errors.js';
import type { OutboxMessenger } from '../mail/outbox.js';
import { devOutboxRoutes } from './pages/dev-outbox.js';
import type { Accounts, MailDeps } from '../mail/accounts.js';
import { SESSION_COOKIE, sessionMiddleware } from './session.js';
import { allowedMethods } from './method-not-allowed.js';

export interface AppDeps {
  store: Store;
  log: Logger;
  publicUrl: string;
  /** API rate limit per client; omitted = 300 requests per minute. */
  rateLimit?: RateLimitOptions;
  /** The search service (owns the derived index); serve starts it, the app only queries it. */
  search?: SearchService;
  /** How stale the data version may be, in ms (default 1000); 0 makes every request see the latest data. */
  freshnessMs?: number;
  /** Subscribe, sign-in, account pages and sessions (serve builds it from config); omitted = those pages say
   * this instance sends no mail. */
  accounts?: Accounts;
  /** Mail links, signer and messenger for other mail features (default: accounts.mail). */
  mail?: MailDeps;
  /** Counts paper-page views as a signal (serve passes one; omitted = views are not counted). */
  views?: PageViews;
  /** The trending constants (config may override weights); default rank/score.ts TRENDING. */
  trendingConstants?: TrendingConstants;
  /** Development only: the local outbox to list at /dev/outbox (omitted = those paths answer 404). */
  devOutbox?: OutboxMessenger;
}

/** Builds the web app over a store; tests call app.request() on it without a socket. */
export function createApp({
  store,
  log,
  publicUrl,
  rateLimit: limits,
  search,
  freshnessMs,
  accounts,
  mail,
  views,
  trendingConstants,
  devOutbox,
}: AppDeps) {
  const app = new Hono<AppEnv>();
  const state = new DataStateCache(store, freshnessMs ?? 1000);
  const trending = new Trending(store, state, trendingConstants ? { constants: trendingConstants } : {});

  app.use(async (c, next) => {
    const started = performance.now();
    c.set('store', store);
    c.set('trending', trending);
    c.set('log', log);
    c.set('search', search);
    c.set('accounts', accounts);
    c.set('mail', mail ?? accounts?.mail);
    c.set('reader', undefined);
    c.set('demo', (await state.get()).demo);
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
  // Exempt, and safe to be: one-click unsubscribe is posted cross-origin by mail providers (RFC 8058) and is
  // authorised by its signed token; the bounce webhook is authorised by its HMAC signature.
  const sameOrigin = csrf();
  app.use((c, next) =>
    /^\/(unsubscribe\/[^/]+|webhooks\/bounces)$/.test(c.req.path) ? next() : sameOrigin(c, next),
  );
  // Any site may read the API and feeds (they are public and read-only); nothing else is cross-origin.
  const readOnly = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    exposeHeaders: ['ETag', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
  });
  app.use('/api/*', readOnly);
  app.use('/api/*', rateLimit(limits ?? { limit: 300, windowSeconds: 60 }));
  // Before the response cache, so cached answers count too.
  if (views) app.use('/papers/*', pageViews(views, limits?.trustProxy ?? false));
  app.use(sessionMiddleware());
  // A signed-in reader's pages show their own state: never served from, nor stored in, the shared cache.
  const cache = responseCache({ version: async () => (await state.get()).seq });
  app.use((c, next) =>
    (c.req.header('cookie') ?? '').includes(`${SESSION_COOKIE}=`) ? next() : cache(c, next),
  );
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
  if (devOutbox) devOutboxRoutes(app, devOutbox);

  app.notFound((c) => {
    const allow = c.req.method === 'OPTIONS' ? [] : allowedMethods(app, c.req.path);
    if (allow.length > 0) {
      c.header('Allow', allow.join(', '));
      return c.req.path.startsWith('/api/')
        ? apiError(c, 405, 'method_not_allowed', `${c.req.path} answers ${allow.join(', ')} only.`)
        : c.text(`Method not allowed: ${c.req.path} answers ${allow.join(', ')} only.`, 405);
    }
    return c.req.path.startsWith('/api/')
      ? apiError(c, 404, 'not_found', `No API route ${c.req.path}; the API is described at /api`)
      : notFoundPage(c);
  });
  app.onError((err, c) => {
    // Deliberate refusals (e.g. a cross-site form post) carry their own status.
    if (err instanceof HTTPException) return err.getResponse();
    if (err instanceof StoreError) {
      // The database is unreachable (restarting, network): fail fast with 503 so clients and load balancers
      // retry, instead of a 500 that says the request itself was wrong.
      log.warn({ err: err.message, path: c.req.path }, 'store unavailable');
      c.header('Retry-After', '5');
      const message = 'The database is not answering right now; try again in a few seconds.';
      // The health check's own shape, whichever step met the error first (see api/health.ts).
      if (c.req.path === '/healthz') {
        c.header('Cache-Control', 'no-store');
        return c.json({ status: 'unavailable', error: { code: 'store_unavailable', message } }, 503);
      }
      if (c.req.path.startsWith('/api/')) {
        return apiError(c, 503, 'store_unavailable', message);
      }
      return c.html(
        '<!doctype html><title>Unavailable — paperpulse</title><h1>Back in a moment</h1><p>paperpulse cannot reach its database right now. Please try again in a few seconds.</p>',
        503,
      );
    }
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
