// Every signed link paperpulse puts in an email, in one place, so the pages that answer them and the emails that
// carry them cannot drift apart. Tokens come from tokens.ts (HMAC, one key per purpose).
import type { TokenSigner } from './tokens.js';

/** How long each kind of link stays valid. Unsubscribe links never expire: a months-old digest must still work. */
export const LINK_TTL_SECONDS = Object.freeze({
  confirm: 3 * 24 * 3600,
  signin: 30 * 60,
  unsubscribe: 0,
  /** Click-tracking links redirect for a year; after that they still go to the paper, without counting. */
  click: 365 * 24 * 3600,
});

/** Builds the absolute URLs of emailed links for one instance (PUBLIC_URL) and secret key. */
export class Links {
  private readonly base: string;
  constructor(
    publicUrl: string,
    private readonly signer: TokenSigner,
  ) {
    this.base = publicUrl.replace(/\/+$/, '');
  }

  /** Absolute URL of a site path. */
  url(path: string): string {
    return this.base + path;
  }

  /** Double opt-in: GET shows a confirm button, its POST confirms. Subject: subscriber id. */
  confirm(subscriberId: number): string {
    return this.url(
      `/subscribe/confirm/${this.signer.sign('confirm', String(subscriberId), LINK_TTL_SECONDS.confirm)}`,
    );
  }

  /** Magic sign-in (single use). Subject: subscriber id. */
  signIn(subscriberId: number): string {
    return this.url(`/signin/${this.signer.sign('signin', String(subscriberId), LINK_TTL_SECONDS.signin)}`);
  }

  /** One-click unsubscribe (RFC 8058): POST unsubscribes at once with no session; GET shows a button. */
  unsubscribe(subscriberId: number): string {
    return this.url(`/unsubscribe/${this.signer.sign('unsubscribe', String(subscriberId), 0)}`);
  }

  /** The subscriber's settings page (asks for sign-in when there is no session). */
  manage(): string {
    return this.url('/account');
  }

  /**
   * A paper link in a digest that records a click signal, then redirects to the paper page.
   * Subject: `<subscriber id>:<paper id>:<digest period>`, so one click per paper per digest counts.
   */
  click(subscriberId: number, paperId: string, period: string): string {
    const subject = `${subscriberId}:${paperId}:${period}`;
    return this.url(`/r/${this.signer.sign('click', subject, LINK_TTL_SECONDS.click)}`);
  }
}
