// Builds the raw RFC 5322 message for an Email (multipart text + HTML), the same bytes SMTP would carry.
import { createTransport } from 'nodemailer';
import type { Email } from './email.js';

const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

/** The complete message (headers and body) as bytes. */
export async function toMime(email: Email): Promise<Buffer> {
  const info = await composer.sendMail(mailOptions(email));
  return info.message as Buffer;
}

/** The email in nodemailer's terms (shared by the SMTP messenger so both produce identical messages). */
export function mailOptions(email: Email) {
  return {
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    date: email.date ?? new Date(),
    headers: email.headers,
  };
}
