// GET /subscribe/confirm/:token shows a button; POST confirms. Mail scanners fetch every link in a message (GET),
// so only the person pressing the button confirms. Confirming also signs the new subscriber in.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { LINK_TTL_SECONDS } from '../../mail/links.js';
import { TokenError } from '../../mail/tokens.js';
import { accountPage, badLinkPage, noMailPage } from './account-page.js';
import { startSession } from '../session.js';

const subscribeAgain = (
  <p>
    <a href="/subscribe">Subscribe again</a> to get a new link, or <a href="/signin">sign in</a> if you have
    already confirmed.
  </p>
);

function verify(c: Context<AppEnv>): { id: number; nonce: string } | undefined {
  try {
    const { subject, nonce } = c.var.accounts!.mail.signer.verify(c.req.param('token') ?? '', 'confirm');
    return { id: Number(subject), nonce };
  } catch (e) {
    if (e instanceof TokenError) return undefined;
    throw e;
  }
}

/** GET: a confirm button (nothing changes until it is pressed). */
export function confirmPage(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  if (!verify(c)) return badLinkPage(c, 'confirmation', subscribeAgain);
  return accountPage(
    c,
    'Confirm your subscription',
    <>
      <h1>Confirm your subscription</h1>
      <p>Press the button to start receiving paperpulse digests at this address.</p>
      <form method="post">
        <button type="submit">Confirm my subscription</button>
      </form>
    </>,
  );
}

/** POST: confirms once (the link's nonce is spent), signs in and shows the settings. */
export async function confirmSubmit(c: Context<AppEnv>) {
  const accounts = c.var.accounts;
  if (!accounts) return noMailPage(c);
  const token = verify(c);
  if (!token) return badLinkPage(c, 'confirmation', subscribeAgain);
  const now = accounts.now();
  const first = await c.var.store.useToken(
    `confirm:${token.nonce}`,
    new Date(now.getTime() + LINK_TTL_SECONDS.confirm * 1000),
    now,
  );
  if (!first) return badLinkPage(c, 'confirmation', subscribeAgain);
  const s = await c.var.store.confirmSubscriber(token.id, now);
  if (!s) return badLinkPage(c, 'confirmation', subscribeAgain);
  // Opening a link sent to the address proves it is theirs: the same proof a sign-in link gives.
  startSession(c, s);
  return c.redirect(s.status === 'active' ? '/account?confirmed=1' : '/account', 303);
}
