// Signed-in readers: a session cookie holding a signed token (subscriber id + session version), checked on
// every request that carries it. Bumping the subscriber's session version signs out every device at once.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Reader } from './env.js';
import type { Subscriber } from '../model/subscriber.js';
import { TokenError } from '../mail/tokens.js';

export const SESSION_COOKIE = 'pp_session';
/** Sessions last 30 days from sign-in (no sliding renewal: a stolen cookie does not live for ever). */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;

/** Starts a session for `s`: sets the cookie (HttpOnly, SameSite=Lax, Secure on https). */
export function startSession(c: Context<AppEnv>, s: Subscriber): void {
  const accounts = c.var.accounts!;
  const token = accounts.mail.signer.sign('session', `${s.id}:${s.sessionVersion}`, SESSION_TTL_SECONDS);
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: accounts.secureCookies,
    maxAge: SESSION_TTL_SECONDS,
  });
}

/** Ends this browser's session (the cookie); other devices stay signed in. */
export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.accounts?.secureCookies ?? false });
}

/**
 * Reads the session cookie into `c.var.reader`. Responses to a request with a session are never cached
 * (private, no-store): they show one reader's state.
 */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Static files are the same for everyone (and cached for a year): no session lookup, no private marking.
    if (c.req.path.startsWith('/static/')) return next();
    const token = getCookie(c, SESSION_COOKIE);
    const accounts = c.var.accounts;
    if (token === undefined || !accounts) return next();
    const reader = await readerOf(c, token);
    c.set('reader', reader);
    await next();
    // An expired, tampered or signed-out session: drop the cookie so it stops being sent.
    // (Unless this very response signed someone in.)
    if (!reader && !(c.res.headers.get('set-cookie') ?? '').includes(`${SESSION_COOKIE}=`)) endSession(c);
    c.header('Cache-Control', 'private, no-store');
    c.header('Vary', 'Cookie', { append: true });
  };
}

async function readerOf(c: Context<AppEnv>, token: string): Promise<Reader | undefined> {
  const accounts = c.var.accounts!;
  let subject: string;
  let nonce: string;
  try {
    ({ subject, nonce } = accounts.mail.signer.verify(token, 'session'));
  } catch (e) {
    if (e instanceof TokenError) return undefined;
    throw e;
  }
  const [id, version] = subject.split(':').map(Number);
  const s = await c.var.store.subscriberById(id ?? 0);
  // A bumped version ("sign out everywhere") or a deleted account ends the session.
  if (!s || s.sessionVersion !== version) return undefined;
  return { subscriber: s, csrf: accounts.csrfToken(nonce) };
}

/** Whether a submitted form carries this session's CSRF token (compared in constant time by length+value). */
export function validCsrf(reader: Reader, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length !== reader.csrf.length) return false;
  let diff = 0;
  for (let i = 0; i < submitted.length; i++) diff |= submitted.charCodeAt(i) ^ reader.csrf.charCodeAt(i);
  return diff === 0;
}
