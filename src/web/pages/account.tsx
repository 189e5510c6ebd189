// GET /account — a signed-in subscriber's page: preferences, pause/resume, saved papers, export, sign out
// (here or everywhere), delete. Without a session it is the sign-in form. Every form carries the CSRF token.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import type { Subscriber } from '../../model/subscriber.js';
import type { Paper } from '../../model/paper.js';
import { describePreferences } from '../../mail/account-email.js';
import { PreferenceFields, type FieldErrors } from '../views/preferences-form.js';
import { RichText } from '../views/math.js';
import { formatDay } from '../views/format.js';
import { CsrfField, accountPage, noMailPage } from './account-page.js';
import { SignInForm } from './signin.js';

/** Saved papers shown on the page (the export has all of them). */
const SAVED_SHOWN = 50;

const statusText: Record<Subscriber['status'], string> = {
  pending: 'Not confirmed yet: no digest is sent until you start it.',
  active: 'Active: digests are being sent.',
  paused: 'Paused: no digests until you resume.',
  unsubscribed: 'Unsubscribed: no digests are sent.',
};

const notices: Record<string, string> = {
  confirmed: 'Your subscription is confirmed. Your first digest arrives at your chosen hour.',
  saved: 'Your preferences are saved.',
  paused: 'Digests are paused.',
  active: 'Digests are on.',
  unsubscribed: 'You are unsubscribed. You can start again here at any time.',
};

function StatusForm({ s, csrf }: { s: Subscriber; csrf: string }) {
  const button = (action: string, label: string, cls?: string) => (
    <form method="post" action="/account/status" class="inline">
      <CsrfField token={csrf} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  if (s.suppressed) {
    return (
      <p class="notice">
        Mail to this address stopped because{' '}
        {s.suppressed.reason === 'complaint'
          ? 'a message was reported as spam'
          : 'messages could not be delivered'}{' '}
        ({formatDay(s.suppressed.at)}). Ask the operator of this site to lift it if that was a mistake.
      </p>
    );
  }
  return (
    <p>
      {s.status === 'active' ? button('pause', 'Pause digests', 'secondary') : null}
      {s.status === 'paused' ? button('resume', 'Resume digests') : null}
      {s.status === 'pending' || s.status === 'unsubscribed'
        ? button('start', 'Start my digests')
        : null}{' '}
      {s.status === 'active' || s.status === 'paused'
        ? button('unsubscribe', 'Unsubscribe', 'secondary')
        : null}
    </p>
  );
}

/** The page body for a signed-in subscriber. */
export async function renderAccount(
  c: Context<AppEnv>,
  opts: { errors?: FieldErrors; values?: Subscriber['preferences'] } = {},
) {
  const { subscriber: s, csrf } = c.var.reader!;
  const saved = await c.var.store.reactedPapers(s.id, 'save', SAVED_SHOWN, 0);
  const papers = new Map<string, Paper>(
    (await c.var.store.papersByIds(saved.map((r) => r.paperId))).map((p) => [p.id, p]),
  );
  const notice = notices[c.req.query('done') ?? (c.req.query('confirmed') ? 'confirmed' : '')];
  const errors = opts.errors ?? {};
  return accountPage(
    c,
    'Your digest',
    <>
      <h1>Your digest</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {Object.keys(errors).length ? (
        <p class="form-error" role="alert">
          Some preferences were not saved; see below.
        </p>
      ) : null}
      <p>
        Signed in as <strong>{s.email}</strong>. {statusText[s.status]}
      </p>
      <p>Your digest: {describePreferences(s.preferences)}.</p>
      <StatusForm s={s} csrf={csrf} />
      <h2>Preferences</h2>
      <form class="stack" method="post" action="/account/preferences">
        <CsrfField token={csrf} />
        <PreferenceFields values={opts.values ?? s.preferences} errors={errors} />
        <button type="submit">Save preferences</button>
      </form>
      <h2 id="saved">Saved papers</h2>
      {saved.length ? (
        <ul>
          {saved.map((r) => {
            const p = papers.get(r.paperId);
            return (
              <li>
                <a href={`/papers/${r.paperId}`}>{p ? <RichText text={p.title} /> : r.paperId}</a>{' '}
                <span class="meta">saved {formatDay(r.at)}</span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>Nothing saved yet: use “Save” on any paper.</p>
      )}
      <h2>Your data</h2>
      <p>
        <a href="/account/export" download>
          Download everything we keep about you (JSON)
        </a>
      </p>
      <form method="post" action="/signout" class="inline">
        <CsrfField token={csrf} />
        <button type="submit" class="secondary">
          Sign out
        </button>
      </form>{' '}
      <form method="post" action="/account/signout-all" class="inline">
        <CsrfField token={csrf} />
        <button type="submit" class="secondary">
          Sign out on every device
        </button>
      </form>
      <p>
        <a href="/account/delete">Delete my account and data…</a>
      </p>
    </>,
    Object.keys(errors).length ? 400 : 200,
  );
}

/** GET /account */
export async function accountHome(c: Context<AppEnv>) {
  if (!c.var.accounts) return noMailPage(c);
  if (c.var.reader) return renderAccount(c);
  return accountPage(
    c,
    'Sign in',
    <>
      <h1>Sign in to your digest settings</h1>
      <p>No password: we email you a link that signs you in once, for 30 minutes.</p>
      <SignInForm />
      <p>
        Not subscribed yet? <a href="/subscribe">Subscribe</a>.
      </p>
    </>,
  );
}
