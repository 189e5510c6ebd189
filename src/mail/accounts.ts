// Subscription requests and sign-in requests: what happens after someone types an address. The work runs in the
// background after the response is sent, so the response (and how long it takes) is the same whatever the
// address's state — nobody can learn from it whether an address is subscribed.
import { createHmac } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import type { Preferences, Subscriber } from '../model/subscriber.js';
import type { Email, Messenger } from './email.js';
import type { Links } from './links.js';
import type { TokenSigner } from './tokens.js';
import { alreadySubscribedEmail, confirmationEmail, signInEmail } from './account-email.js';

/** What sends account and digest mail: shared by the web pages and the digest sender. */
export interface MailDeps {
  links: Links;
  signer: TokenSigner;
  messenger: Messenger;
  /** The From header, e.g. `paperpulse <digest@papers.example.org>`. */
  from: string;
}

export interface AccountsOptions {
  store: Store;
  log: Logger;
  mail: MailDeps;
  /** The instance's secret key: the CSRF and webhook keys are derived from it. */
  secretKey: string;
  /** WEBHOOK_SECRET; unset = derived from the secret key. */
  webhookSecret?: string;
  /** Soft bounces before suppression (SOFT_BOUNCE_LIMIT). */
  softBounceLimit?: number;
  /** At most one confirmation or sign-in email per address per this many seconds (LINK_INTERVAL, default 60). */
  linkIntervalSeconds?: number;
  /** Per client address: subscribe and sign-in requests per window (web/account-routes.tsx has the default). */
  requestLimit?: { limit: number; windowSeconds: number; trustProxy?: boolean; now?: () => number };
  now?: () => Date;
}

/** The webhook key used when WEBHOOK_SECRET is unset (printed by `paperpulse subscribers webhook-secret`). */
export function derivedWebhookSecret(secretKey: string): string {
  return createHmac('sha256', secretKey).update('paperpulse-webhook:bounces').digest('hex');
}

/** The From header: MAIL_FROM, or `paperpulse <digest@host of PUBLIC_URL>`. */
export function senderAddress(config: { mailFrom?: string | undefined; publicUrl: string }): string {
  const from = config.mailFrom ?? `digest@${new URL(config.publicUrl).hostname}`;
  return from.includes('<') ? from : `paperpulse <${from}>`;
}

/** Subscriber-side account service: opt-in and sign-in mail, keys for sessions, CSRF and webhooks. */
export class Accounts {
  readonly mail: MailDeps;
  readonly softBounceLimit: number;
  readonly webhookSecret: string;
  /** Cookies get Secure when the site is served over https. */
  readonly secureCookies: boolean;
  readonly now: () => Date;
  readonly requestLimit: AccountsOptions['requestLimit'];
  private readonly csrfKey: Buffer;
  private readonly intervalMs: number;
  private readonly host: string;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly opts: AccountsOptions) {
    this.mail = opts.mail;
    this.softBounceLimit = opts.softBounceLimit ?? 3;
    this.webhookSecret = opts.webhookSecret ?? derivedWebhookSecret(opts.secretKey);
    this.now = opts.now ?? (() => new Date());
    this.requestLimit = opts.requestLimit;
    this.csrfKey = createHmac('sha256', opts.secretKey).update('paperpulse-csrf').digest();
    this.intervalMs = (opts.linkIntervalSeconds ?? 60) * 1000;
    const site = new URL(opts.mail.links.url('/'));
    this.secureCookies = site.protocol === 'https:';
    this.host = site.hostname;
  }

  /** The CSRF token of a session: an HMAC of the session's nonce, so it changes with every sign-in. */
  csrfToken(sessionNonce: string): string {
    return createHmac('sha256', this.csrfKey).update(sessionNonce).digest('base64url');
  }

  /** Handles a subscription request in the background; returns at once. */
  subscribe(email: string, preferences: Preferences): void {
    this.background('subscribe', () => this.handleSubscribe(email, preferences));
  }

  /** Handles a sign-in request in the background; returns at once. */
  signIn(email: string): void {
    this.background('sign-in', () => this.handleSignIn(email));
  }

  /** Resolves when every background request started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private background(what: string, work: () => Promise<void>) {
    // setImmediate: the work starts only after the response has been handed to the socket, so not even the
    // first (synchronous, on SQLite) query can make one answer slower than another.
    const p = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((err: unknown) => this.opts.log.warn({ err }, `${what} request failed`))
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private async handleSubscribe(email: string, preferences: Preferences) {
    const { store } = this.opts;
    const now = this.now();
    const existing = await store.subscriberByEmail(email);
    // Suppressed addresses bounced or complained: they are never mailed, and a request changes nothing.
    if (existing?.suppressed) return;
    if (existing && (existing.status === 'active' || existing.status === 'paused')) {
      // The owner gets a note and a way in; the stored preferences are not touched (someone else may have asked).
      if (!(await this.claim(existing, now))) return;
      await this.send(
        alreadySubscribedEmail({ ...this.common(existing), signInUrl: this.mail.links.signIn(existing.id) }),
      );
      return;
    }
    const pending = await store.requestSubscription(email, preferences, now);
    if (pending.status !== 'pending' || pending.suppressed) return;
    if (!(await this.claim(pending, now))) return;
    await this.send(
      confirmationEmail({
        ...this.common(pending),
        confirmUrl: this.mail.links.confirm(pending.id),
        preferences: pending.preferences,
      }),
    );
  }

  private async handleSignIn(email: string) {
    const now = this.now();
    const s = await this.opts.store.subscriberByEmail(email);
    // Unknown and suppressed addresses get nothing (the page said the same either way).
    if (!s || s.suppressed) return;
    if (!(await this.claim(s, now))) return;
    await this.send(signInEmail({ ...this.common(s), signInUrl: this.mail.links.signIn(s.id) }));
  }

  /** The per-address throttle: one link email per interval, whatever its kind, across processes. */
  private claim(s: Subscriber, now: Date): Promise<boolean> {
    return this.opts.store.claimLinkSend(s.id, new Date(now.getTime() - this.intervalMs), now);
  }

  private common(s: Subscriber) {
    return { to: s.email, from: this.mail.from, host: this.host };
  }

  private async send(email: Email) {
    await this.mail.messenger.send(email);
    this.opts.log.info({ subject: email.subject }, 'account email sent');
  }
}
