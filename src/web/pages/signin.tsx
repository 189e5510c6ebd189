// Magic sign-in: GET /signin (form) → POST /signin (mails a single-use link, same answer for every address) →
// GET /signin/:token (a button, because mail scanners prefetch links) → POST /signin/:token (session) → /account.
// POST /signout ends this browser's session.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { LINK_TTL_SECONDS } from '../../mail/links.js';
import { TokenError } from '../../mail/tokens.js';
import { Honeypot, accountPage, badLinkPage, noMailPage } from './account-page.js';
import { emailField } from './subscribe.js';
import { endSession, startSession, validCsrf } from '../session.js';

/** The sign-in form (also shown by /account without a session). */
export function SignInForm({ error, email = '' }: { error?: string | undefined; email?: string }) {
  return (
    <form class="stack" method="post" action="/signin">
      <label for="signin-email">Email address</label>
      <input
        id="signin-email"
        type="email"
        name="email"
        required
        autocomplete="email"
        value={email}
        aria-invalid={error ? 'true' : undefined}
      />
      {error ? <span class="field-error">{error}</span> : null}
      <Honeypot />
      <button type="submit">Email me a sign-in link</button>
    </form>
  );
}

const requestAnother = (
  <p>
    <a href="/signin">Ask for a new sign-in link</a>.
  </p>
);

/** GET /signin */
export function signInPage(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  return accountPage(
    c,
    'Sign in',
    <>
      <h1>Sign in</h1>
      <p>No password: we email you a link that signs you in once, for 30 minutes.</p>
      <SignInForm />
    </>,
  );
}

/** POST /signin: the same answer whatever the address; the link is mailed in the background. */
export async function signInSubmit(c: Context<AppEnv>) {
  const accounts = c.var.accounts;
  if (!accounts) return noMailPage(c);
  const body = await c.req.parseBody();
  const email = emailField.safeParse(body.email);
  if (!email.success) {
    return accountPage(
      c,
      'Sign in',
      <>
        <h1>Sign in</h1>
        <SignInForm
          error={email.error.issues[0]?.message}
          email={typeof body.email === 'string' ? body.email.slice(0, 254) : ''}
        />
      </>,
      400,
    );
  }
  if (!(typeof body.website === 'string' && body.website !== '')) accounts.signIn(email.data);
  return accountPage(
    c,
    'Check your inbox',
    <>
      <h1>Check your inbox</h1>
      <p role="status">
        If that address has a paperpulse subscription, a sign-in link is on its way to it. It works once, for
        30 minutes.
      </p>
      <p>
        Not subscribed yet? <a href="/subscribe">Subscribe</a>.
      </p>
    </>,
  );
}

function verify(c: Context<AppEnv>): { id: number; nonce: string } | undefined {
  try {
    const { subject, nonce } = c.var.accounts!.mail.signer.verify(c.req.param('token') ?? '', 'signin');
    return { id: Number(subject), nonce };
  } catch (e) {
    if (e instanceof TokenError) return undefined;
    throw e;
  }
}

/** GET /signin/:token: a button; the link is not spent by looking at it. */
export function signInLinkPage(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  if (!verify(c)) return badLinkPage(c, 'sign-in', requestAnother);
  return accountPage(
    c,
    'Sign in',
    <>
      <h1>Sign in to paperpulse</h1>
      <form method="post">
        <button type="submit">Sign in</button>
      </form>
    </>,
  );
}

/** POST /signin/:token: spends the link (single use) and starts a session. */
export async function signInLinkSubmit(c: Context<AppEnv>) {
  const accounts = c.var.accounts;
  if (!accounts) return noMailPage(c);
  const token = verify(c);
  if (!token) return badLinkPage(c, 'sign-in', requestAnother);
  const now = accounts.now();
  const expires = new Date(now.getTime() + LINK_TTL_SECONDS.signin * 1000);
  if (!(await c.var.store.useToken(`signin:${token.nonce}`, expires, now))) {
    return badLinkPage(c, 'sign-in', requestAnother);
  }
  const s = await c.var.store.subscriberById(token.id);
  if (!s) return badLinkPage(c, 'sign-in', requestAnother);
  startSession(c, s);
  return c.redirect('/account', 303);
}

/** POST /signout: ends this browser's session. */
export async function signOut(c: Context<AppEnv>) {
  const reader = c.var.reader;
  const body = await c.req.parseBody();
  if (reader && validCsrf(reader, body.csrf)) endSession(c);
  return c.redirect('/', 303);
}
