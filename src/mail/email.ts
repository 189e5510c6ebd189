// An email as data: what every template produces and every messenger sends.

export interface Email {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Stable id "<local@domain>": re-sending the same digest reuses it, so duplicates are recognisable. */
  messageId: string;
  /** Extra headers such as List-Unsubscribe, List-Unsubscribe-Post and List-Id. */
  headers: Record<string, string>;
  date?: Date;
}

/** Why a message could not be sent; `transient` says whether trying again later can succeed. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MailSendError';
  }
}

/** Sends emails. Implementations: SMTP (a relay) and the local outbox (files) when no SMTP server is set. */
export interface Messenger {
  readonly kind: 'smtp' | 'outbox';
  /** Sends one message; throws MailSendError saying whether a retry may succeed. */
  send(email: Email): Promise<void>;
  close(): Promise<void>;
}
