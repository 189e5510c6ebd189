// An app with subscriber accounts over the demo store, mailing through a real SMTP server on loopback, with a
// clock the test moves; plus a small cookie-keeping client for app.request() and a link finder for emails.
import type { ParsedMail } from 'mailparser';
import { pino } from 'pino';
import { demoApp, type DemoApp } from './app.js';
import { startSmtp, type TestSmtp } from './smtp.js';
import { Accounts } from '../../src/mail/accounts.js';
import { Links } from '../../src/mail/links.js';
import { SmtpMessenger } from '../../src/mail/smtp.js';
import { TokenSigner } from '../../src/mail/tokens.js';

export const PUBLIC_URL = 'http://paperpulse.test';
export const SECRET = 'test-secret-key-0123456789abcdef0123456789';

export interface AccountsApp extends DemoApp {
  accounts: Accounts;
  smtp: TestSmtp;
  /** Milliseconds since the epoch as the app sees them; move it to expire links. */
  clock: { now: number };
}

/** The demo app with accounts; `requestLimit` overrides the per-IP limit (default: high, out of the way). */
export async function accountsApp(
  opts: {
    requestLimit?: { limit: number; windowSeconds: number };
    linkIntervalSeconds?: number;
    /** Default PUBLIC_URL (http); an https one makes cookies Secure. */
    publicUrl?: string;
  } = {},
): Promise<AccountsApp> {
  const smtp = await startSmtp();
  const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
  const signer = new TokenSigner(SECRET, () => clock.now);
  const messenger = new SmtpMessenger({ url: smtp.url, perSecond: 1000 });
  const log = pino({ level: 'silent' });
  // demoApp makes the store (with the demo corpus); the app with accounts is built over it below.
  const publicUrl = opts.publicUrl ?? PUBLIC_URL;
  const base = await demoApp([], { publicUrl });
  const accounts = new Accounts({
    store: base.store,
    log,
    mail: {
      links: new Links(publicUrl, signer),
      signer,
      messenger,
      from: 'paperpulse <digest@paperpulse.test>',
    },
    secretKey: SECRET,
    softBounceLimit: 3,
    linkIntervalSeconds: opts.linkIntervalSeconds ?? 300,
    requestLimit: opts.requestLimit ?? { limit: 10_000, windowSeconds: 60 },
    now: () => new Date(clock.now),
  });
  const { createApp } = await import('../../src/web/app.js');
  const app = createApp({ store: base.store, log, publicUrl, accounts, freshnessMs: 0 });
  return {
    app,
    store: base.store,
    accounts,
    smtp,
    clock,
    async cleanup() {
      await accounts.idle();
      await messenger.close();
      await smtp.close();
      await base.cleanup();
    },
  };
}

/** The first link in a message's text starting with PUBLIC_URL + `prefix`, as a site path. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const m = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}(${prefix}[^\\s"<>]*)`).exec(mail.text ?? '');
  if (!m) throw new Error(`no ${prefix} link in: ${mail.text}`);
  return m[1]!;
}

/** A browser-like client for app.request(): same-origin form posts, and cookies kept between requests. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: DemoApp['app']) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      const gone = attrs.some(
        (a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()),
      );
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  /** A form post from one of the site's own pages (Origin set as a browser does). */
  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://localhost',
        ...headers,
      },
    });
  }

  /** The CSRF token in a page's forms. */
  static csrfOf(html: string): string {
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF field on the page');
    return m[1]!;
  }
}
