// Sending through an SMTP relay (SMTP_URL): pooled connections, a rate limit, and errors sorted into
// "try again later" (4xx replies, timeouts, lost connections) and "never" (5xx replies).
import { createTransport } from 'nodemailer';
import { MailSendError, type Email, type Messenger } from './email.js';
import { mailOptions } from './mime.js';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465 */
  url: string;
  /** Messages per second at most (relays throttle or block bursts); 0 = no limit. Default 10. */
  perSecond?: number;
  maxConnections?: number;
  timeoutMs?: number;
}

// Failures of the connection itself: the relay may be back in a minute.
const transientCodes = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPROTOCOL',
]);

/** Sorts a nodemailer error into a MailSendError that says whether a retry can help and what failed. */
export function classifySmtpError(e: unknown): MailSendError {
  const err = e as { responseCode?: number; code?: string; message?: string; response?: string };
  if (typeof err.responseCode === 'number') {
    const transient = err.responseCode >= 400 && err.responseCode < 500;
    const kind = transient ? 'temporarily refused' : 'refused';
    return new MailSendError(
      `The SMTP server ${kind} the message (${err.responseCode}): ${err.response ?? err.message ?? ''}`,
      transient,
      { cause: e },
    );
  }
  if (err.code === 'EAUTH') {
    // A configuration problem, not the message's: keep it queued until the operator fixes SMTP_URL.
    return new MailSendError(
      `SMTP authentication failed: check the user and password in SMTP_URL (${err.message ?? ''})`,
      true,
      { cause: e },
    );
  }
  const transient = transientCodes.has(err.code ?? '') || err.code === undefined;
  return new MailSendError(
    `Cannot reach the SMTP server (${err.code ?? 'error'}): ${err.message ?? String(e)}`,
    transient,
    { cause: e },
  );
}

/** A pooled, rate-limited SMTP messenger. */
export class SmtpMessenger implements Messenger {
  readonly kind = 'smtp' as const;
  private readonly transport;

  constructor(opts: SmtpOptions) {
    const u = new URL(opts.url);
    const timeout = opts.timeoutMs ?? 30_000;
    this.transport = createTransport({
      pool: true,
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 587),
      secure: u.protocol === 'smtps:',
      auth: u.username
        ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }
        : undefined,
      maxConnections: opts.maxConnections ?? 2,
      // nodemailer's pool spreads at most rateLimit messages over each rateDelta ms.
      ...(opts.perSecond === 0 ? {} : { rateDelta: 1000, rateLimit: opts.perSecond ?? 10 }),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(email: Email): Promise<void> {
    try {
      await this.transport.sendMail(mailOptions(email));
    } catch (e) {
      throw classifySmtpError(e);
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
