// GET /subscribe — the full subscription form; POST /subscribe — takes a request. The answer is the same for
// every address (new, pending, subscribed, suppressed): the email that follows says what applies.
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { defaultPreferences, type Preferences } from '../../model/subscriber.js';
import { PreferenceFields, parsePreferencesForm, type FieldErrors } from '../views/preferences-form.js';
import { Honeypot, accountPage, noMailPage } from './account-page.js';

/** An address as typed: trimmed, at most 254 characters (RFC 5321), one @ with something on each side. */
export const emailField = z
  .string({ error: 'an email address is required' })
  .trim()
  .max(254, 'an email address has at most 254 characters')
  .pipe(z.email({ error: 'this does not look like an email address' }));

function SubscribeForm({
  email,
  values,
  errors,
  emailError,
}: {
  email: string;
  values: Preferences;
  errors: FieldErrors;
  emailError?: string | undefined;
}) {
  return (
    <form class="stack" method="post" action="/subscribe">
      <label for="sub-email">Email address</label>
      <input
        id="sub-email"
        type="email"
        name="email"
        required
        autocomplete="email"
        value={email}
        aria-invalid={emailError ? 'true' : undefined}
      />
      {emailError ? <span class="field-error">{emailError}</span> : null}
      <Honeypot />
      <PreferenceFields values={values} errors={errors} fromBrowser />
      <button type="submit">Subscribe</button>
      <p class="fine">
        We email you a link to confirm; nothing else is sent until you do. Every digest has a one-click
        unsubscribe link.
      </p>
    </form>
  );
}

/** GET /subscribe: the form (an `email` query parameter pre-fills the address). */
export function subscribeFormPage(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  const email = (c.req.query('email') ?? '').slice(0, 254);
  return accountPage(
    c,
    'Subscribe',
    <>
      <h1>Trending papers in your inbox</h1>
      <p>
        Choose what to follow and when. Already subscribed? <a href="/signin">Sign in</a> to change your
        settings.
      </p>
      <SubscribeForm email={email} values={defaultPreferences()} errors={{}} />
    </>,
  );
}

/** The one answer every accepted request gets, whatever the address (no enumeration). */
export function checkInboxPage(c: Context<AppEnv>) {
  return accountPage(
    c,
    'Check your inbox',
    <>
      <h1>Check your inbox</h1>
      <p role="status">
        If the address you gave can receive digests, a message is on its way to it. Open the link in it to
        confirm your subscription; nothing else is sent until you do. The link works for 3 days.
      </p>
      <p>
        Already subscribed? The message says so and lets you sign in to change your settings. Nothing arrived?
        Check your spam folder, or try again in a few minutes.
      </p>
      <p>
        <a href="/">Back to trending papers</a>
      </p>
    </>,
  );
}

/** POST /subscribe: validates, answers at once, and mails in the background (see mail/accounts.ts). */
export async function subscribeSubmit(c: Context<AppEnv>) {
  const accounts = c.var.accounts;
  if (!accounts) return noMailPage(c);
  const body = await c.req.parseBody();
  const email = emailField.safeParse(body.email);
  const prefs = parsePreferencesForm(body);
  if (!email.success || !prefs.ok) {
    return accountPage(
      c,
      'Subscribe',
      <>
        <h1>Please check the form</h1>
        <SubscribeForm
          email={typeof body.email === 'string' ? body.email.slice(0, 254) : ''}
          values={prefs.ok ? prefs.preferences : defaultPreferences()}
          errors={prefs.ok ? {} : prefs.errors}
          emailError={email.success ? undefined : email.error.issues[0]?.message}
        />
      </>,
      400,
    );
  }
  // A filled honeypot is a bot: it sees success, and nothing is stored or sent.
  if (typeof body.website === 'string' && body.website !== '') return checkInboxPage(c);
  accounts.subscribe(email.data, prefs.preferences);
  return checkInboxPage(c);
}
