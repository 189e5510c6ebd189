// GET /unsubscribe/:token shows a button; POST unsubscribes at once. The POST is also RFC 8058 one-click
// unsubscribe: mail providers post `List-Unsubscribe=One-Click` from their own origin with no session, so this
// route is exempt from the Origin check — the signed, subscriber-bound token is the authorisation.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { TokenError } from '../../mail/tokens.js';
import { accountPage, badLinkPage, noMailPage } from './account-page.js';

const help = (
  <p>
    <a href="/signin">Sign in</a> to unsubscribe from your settings page instead.
  </p>
);

function subscriberIdOf(c: Context<AppEnv>): number | undefined {
  try {
    return Number(c.var.accounts!.mail.signer.verify(c.req.param('token') ?? '', 'unsubscribe').subject);
  } catch (e) {
    if (e instanceof TokenError) return undefined;
    throw e;
  }
}

/** GET: shows whom the link unsubscribes, and a button. */
export async function unsubscribePage(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  const id = subscriberIdOf(c);
  if (id === undefined) return badLinkPage(c, 'unsubscribe', help);
  const s = await c.var.store.subscriberById(id);
  if (!s || s.status === 'unsubscribed') return unsubscribedPage(c);
  return accountPage(
    c,
    'Unsubscribe',
    <>
      <h1>Unsubscribe?</h1>
      <p>
        Stop all paperpulse digests to <strong>{s.email}</strong>.
      </p>
      <form method="post">
        <button type="submit">Unsubscribe</button>
      </form>
      <p>
        Only want fewer? <a href="/signin">Sign in</a> to pause or to switch to a weekly digest.
      </p>
    </>,
  );
}

function unsubscribedPage(c: Context<AppEnv>) {
  return accountPage(
    c,
    'Unsubscribed',
    <>
      <h1>You are unsubscribed</h1>
      <p role="status">No more digests will be sent to this address.</p>
      <p>
        Changed your mind? <a href="/subscribe">Subscribe again</a>.
      </p>
    </>,
  );
}

/** POST: unsubscribes immediately (a form post or a mail provider's one-click post). */
export async function unsubscribeSubmit(c: Context<AppEnv>) {
  const accounts = c.var.accounts;
  if (!accounts) return noMailPage(c);
  const id = subscriberIdOf(c);
  if (id === undefined) return badLinkPage(c, 'unsubscribe', help);
  // A deleted subscriber is as unsubscribed as it gets: the answer is the same.
  await c.var.store.setSubscriberStatus(id, 'unsubscribed', accounts.now());
  c.var.log.info({ subscriber: id }, 'unsubscribed by link');
  const body = await c.req.text().catch(() => '');
  if (body.includes('List-Unsubscribe=One-Click')) {
    c.header('Cache-Control', 'no-store');
    return c.text('Unsubscribed.');
  }
  return unsubscribedPage(c);
}
