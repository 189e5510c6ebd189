// The subscriber routes: subscribe and confirm, magic sign-in, the account page and its actions, one-click
// unsubscribe, reactions, the subscription API and the bounce webhook. Registered from routes.ts.
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { rateLimit, type RateLimitOptions } from './middleware/rate-limit.js';
import { subscribeFormPage, subscribeSubmit } from './pages/subscribe.js';
import { confirmPage, confirmSubmit } from './pages/confirm.js';
import { signInLinkPage, signInLinkSubmit, signInPage, signInSubmit, signOut } from './pages/signin.js';
import { accountHome } from './pages/account.js';
import {
  changeStatus,
  deleteAccount,
  deletePage,
  exportData,
  savePreferences,
  signOutEverywhere,
} from './pages/account-actions.js';
import { unsubscribePage, unsubscribeSubmit } from './pages/unsubscribe.js';
import { react } from './pages/reactions.js';
import { apiSubscribe } from './api/subscriptions.js';
import { bounceWebhook } from './webhooks/bounces.js';
import { accountPage } from './pages/account-page.js';

/** Requests per client address for subscribe and sign-in (each one may send an email). */
export const ACCOUNT_RATE_LIMIT = { limit: 10, windowSeconds: 600 };

/**
 * One per-IP budget shared by every request that can send mail, on top of the per-address throttle
 * (mail/accounts.ts). Pages get an HTML 429; the API keeps its JSON error.
 */
function mailRequestLimit(): MiddlewareHandler<AppEnv> {
  let limiter: MiddlewareHandler<AppEnv> | undefined;
  return async (c, next) => {
    const options: RateLimitOptions = c.var.accounts?.requestLimit ?? ACCOUNT_RATE_LIMIT;
    limiter ??= rateLimit(options) as MiddlewareHandler<AppEnv>;
    const res = await limiter(c, next);
    if (!(res instanceof Response) || res.status !== 429 || c.req.path.startsWith('/api/')) return res;
    const page = await accountPage(
      c,
      'Too many requests',
      <>
        <h1>Too many requests</h1>
        <p>This network has asked for many emails in a short time. Please try again in a few minutes.</p>
      </>,
      429,
    );
    page.headers.set('Retry-After', res.headers.get('Retry-After') ?? '60');
    return page;
  };
}

/** Registers the subscriber routes. */
export function accountRoutes(app: Hono<AppEnv>) {
  const limited = mailRequestLimit();
  app.get('/subscribe', subscribeFormPage);
  app.post('/subscribe', limited, subscribeSubmit);
  app.get('/subscribe/confirm/:token', confirmPage);
  app.post('/subscribe/confirm/:token', confirmSubmit);
  app.get('/signin', signInPage);
  app.post('/signin', limited, signInSubmit);
  app.get('/signin/:token', signInLinkPage);
  app.post('/signin/:token', signInLinkSubmit);
  app.post('/signout', signOut);
  app.get('/account', accountHome);
  app.post('/account/preferences', savePreferences);
  app.post('/account/status', changeStatus);
  app.get('/account/export', exportData);
  app.get('/account/delete', deletePage);
  app.post('/account/delete', deleteAccount);
  app.post('/account/signout-all', signOutEverywhere);
  app.get('/unsubscribe/:token', unsubscribePage);
  app.post('/unsubscribe/:token', unsubscribeSubmit);
  app.post('/reactions', react);
  app.post('/api/subscriptions', limited, apiSubscribe);
  app.post('/webhooks/bounces', bounceWebhook);
}
