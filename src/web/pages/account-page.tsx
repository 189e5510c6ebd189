// What every subscriber page shares: a private, never-cached HTML response in the site frame with the small
// script, the answer for an instance without mail, and the form fields every signed-in form carries.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env.js';
import { Layout } from '../views/layout.js';
import { scriptPath } from '../static/script.js';

/** Renders a subscriber page: `Cache-Control: private, no-store` (it may show one person's data or a token). */
export function accountPage(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  status: ContentfulStatusCode = 200,
) {
  c.header('Cache-Control', 'private, no-store');
  return c.html(
    <Layout title={`${title} — paperpulse`} demo={c.var.demo}>
      {body}
      <script src={scriptPath} defer />
    </Layout>,
    status,
  );
}

/** 503 for subscriber pages on an app built without mail (tests of other features, or misconfiguration). */
export function noMailPage(c: Context<AppEnv>) {
  return accountPage(
    c,
    'Email is not set up',
    <>
      <h1>Email is not set up here</h1>
      <p>This paperpulse server was started without mail, so it cannot take subscriptions or sign-ins.</p>
    </>,
    503,
  );
}

/** The hidden CSRF field of a signed-in form. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

/** The honeypot: invisible to people (and skipped by screen readers), filled in by form-stuffing bots. */
export function Honeypot() {
  return (
    <div class="hp" aria-hidden="true">
      <label for="hp-website">Leave this empty</label>
      <input id="hp-website" name="website" tabindex={-1} autocomplete="off" />
    </div>
  );
}

/** A link (confirm, sign-in, unsubscribe) that is mistyped, tampered with, expired or already used. */
export function badLinkPage(c: Context<AppEnv>, what: string, next: Child) {
  return accountPage(
    c,
    'Link not valid',
    <>
      <h1>This link does not work any more</h1>
      <p>The {what} link is expired, already used, or incomplete (some mail programs break long links).</p>
      {next}
    </>,
    400,
  );
}
