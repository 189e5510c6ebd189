// The signed-in subscriber's actions: save preferences, pause/resume/start/unsubscribe, export, delete, sign out
// everywhere. Each POST needs the session and its CSRF token (on top of the Origin check and SameSite cookie).
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import type { ReactionKind } from '../../model/subscriber.js';
import { parsePreferencesForm } from '../views/preferences-form.js';
import { CsrfField, accountPage, noMailPage } from './account-page.js';
import { renderAccount } from './account.js';
import { endSession, validCsrf } from '../session.js';
import type { Reader } from '../env.js';

/** The reader of a signed-in form post, or the response that refuses it. */
async function signedInPost(
  c: Context<AppEnv>,
): Promise<{ reader: Reader; body: Record<string, unknown> } | Response> {
  if (!c.var.accounts) return noMailPage(c);
  const reader = c.var.reader;
  if (!reader) return c.redirect('/account', 303);
  const body = await c.req.parseBody();
  if (!validCsrf(reader, body.csrf)) {
    return accountPage(
      c,
      'Form expired',
      <>
        <h1>This form has expired</h1>
        <p>
          It was opened before you last signed in. <a href="/account">Open your settings again</a> and retry.
        </p>
      </>,
      403,
    );
  }
  return { reader, body };
}

/** POST /account/preferences */
export async function savePreferences(c: Context<AppEnv>) {
  const r = await signedInPost(c);
  if (r instanceof Response) return r;
  const parsed = parsePreferencesForm(r.body);
  if (!parsed.ok) return renderAccount(c, { errors: parsed.errors });
  await c.var.store.updatePreferences(r.reader.subscriber.id, parsed.preferences, c.var.accounts!.now());
  return c.redirect('/account?done=saved', 303);
}

const statusAction = z.enum(['pause', 'resume', 'start', 'unsubscribe']);

/** POST /account/status: pause, resume, unsubscribe, or start (confirm a pending one, or come back). */
export async function changeStatus(c: Context<AppEnv>) {
  const r = await signedInPost(c);
  if (r instanceof Response) return r;
  const action = statusAction.safeParse(r.body.action);
  if (!action.success) return c.redirect('/account', 303);
  const { store } = c.var;
  const now = c.var.accounts!.now();
  const s = r.reader.subscriber;
  let after = s;
  if (action.data === 'pause') after = (await store.setSubscriberStatus(s.id, 'paused', now)) ?? s;
  if (action.data === 'resume') after = (await store.setSubscriberStatus(s.id, 'active', now)) ?? s;
  if (action.data === 'unsubscribe')
    after = (await store.setSubscriberStatus(s.id, 'unsubscribed', now)) ?? s;
  if (action.data === 'start' && !s.suppressed) {
    // Signed in through a link mailed to the address, and asking explicitly: that is the double opt-in.
    if (s.status === 'unsubscribed') await store.requestSubscription(s.email, s.preferences, now);
    after = (await store.confirmSubscriber(s.id, now)) ?? s;
  }
  return c.redirect(`/account?done=${after.status}`, 303);
}

/** Every reaction of a subscriber, paged out of the store. */
async function allReactions(c: Context<AppEnv>, id: number, kind: ReactionKind) {
  const out: { paperId: string; at: string }[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await c.var.store.reactedPapers(id, kind, 500, offset);
    out.push(...page);
    if (page.length < 500) return out;
  }
}

/** GET /account/export: everything kept about the subscriber, as a JSON download. */
export async function exportData(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  const reader = c.var.reader;
  if (!reader) return c.redirect('/account', 303);
  const s = reader.subscriber;
  const { preferences, ...subscriber } = s;
  const data = {
    exported_at: c.var.accounts.now().toISOString(),
    subscriber,
    preferences,
    reactions: {
      upvotes: await allReactions(c, s.id, 'upvote'),
      saves: await allReactions(c, s.id, 'save'),
    },
    digests: await c.var.store.digestsOfSubscriber(s.id, 10_000),
  };
  c.header('Cache-Control', 'private, no-store');
  c.header('Content-Disposition', 'attachment; filename="paperpulse-data.json"');
  return c.body(JSON.stringify(data, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** GET /account/delete: asks once more. */
export function deletePage(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  const reader = c.var.reader;
  if (!reader) return c.redirect('/account', 303);
  return accountPage(
    c,
    'Delete your account',
    <>
      <h1>Delete your account?</h1>
      <p>
        This deletes <strong>{reader.subscriber.email}</strong>, your preferences, your upvotes and saved
        papers and the record of digests sent to you. It cannot be undone. (Upvotes already counted in
        trending scores stay counted, without your name.)
      </p>
      <form method="post" action="/account/delete" class="inline">
        <CsrfField token={reader.csrf} />
        <button type="submit" class="danger">
          Delete everything
        </button>
      </form>{' '}
      <a href="/account">Keep my account</a>
    </>,
  );
}

/** POST /account/delete */
export async function deleteAccount(c: Context<AppEnv>) {
  const r = await signedInPost(c);
  if (r instanceof Response) return r;
  await c.var.store.deleteSubscriber(r.reader.subscriber.id);
  endSession(c);
  return accountPage(
    c,
    'Account deleted',
    <>
      <h1>Your account is deleted</h1>
      <p role="status">Nothing about you is kept any more, and no more email will be sent.</p>
      <p>
        <a href="/">Back to trending papers</a>
      </p>
    </>,
  );
}

/** POST /account/signout-all: every session of this subscriber ends (the version in their cookies is old). */
export async function signOutEverywhere(c: Context<AppEnv>) {
  const r = await signedInPost(c);
  if (r instanceof Response) return r;
  await c.var.store.bumpSessionVersion(r.reader.subscriber.id, c.var.accounts!.now());
  endSession(c);
  return c.redirect('/signin', 303);
}
