// The emails of the subscriber life cycle (not digests): confirm a subscription, "you are already subscribed",
// and a magic sign-in link. Each is data rendered as plain text and as simple HTML from the same fields.
import { randomBytes } from 'node:crypto';
import type { Email } from './email.js';
import type { Preferences } from '../model/subscriber.js';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Preferences in one sentence, e.g. "daily at 08:00 (Europe/Berlin), up to 10 papers, in cs.LG". */
export function describePreferences(p: Preferences): string {
  const when =
    p.frequency === 'daily'
      ? `daily at ${String(p.sendHour).padStart(2, '0')}:00`
      : `weekly on ${weekdays[p.weekday]} at ${String(p.sendHour).padStart(2, '0')}:00`;
  const parts = [`${when} (${p.timeZone})`, `up to ${p.maxPapers} papers`];
  if (p.categories.length) parts.push(`in ${p.categories.join(', ')}`);
  if (p.keywords.length) parts.push(`about ${p.keywords.join(', ')}`);
  if (p.authors.length) parts.push(`by ${p.authors.join('; ')}`);
  return parts.join(', ');
}

interface AccountMessage {
  to: string;
  from: string;
  /** Host part for the Message-ID. */
  host: string;
  subject: string;
  paragraphs: string[];
  action: { label: string; url: string };
  after: string[];
}

/** Renders one account message as an Email (text and HTML from the same paragraphs). */
function render(m: AccountMessage): Email {
  const text = [...m.paragraphs, `${m.action.label}: ${m.action.url}`, ...m.after].join('\n\n') + '\n';
  const p = (t: string) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`;
  const html =
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:0 auto;padding:16px">` +
    m.paragraphs.map(p).join('') +
    `<p style="margin:24px 0"><a href="${escapeHtml(m.action.url)}" style="background:#2456c8;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(m.action.label)}</a></p>` +
    `<p style="margin:0 0 16px;font-size:13px;color:#555">Or open this address: ${escapeHtml(m.action.url)}</p>` +
    m.after.map(p).join('') +
    `</body></html>`;
  return {
    to: m.to,
    from: m.from,
    subject: m.subject,
    text,
    html,
    // A fresh id per message: each link mail is a distinct message (digests use stable ids; these do not repeat).
    messageId: `<account.${randomBytes(12).toString('hex')}@${m.host}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

interface Common {
  to: string;
  from: string;
  host: string;
}

/** Double opt-in: the only message a pending address ever gets. */
export function confirmationEmail(o: Common & { confirmUrl: string; preferences: Preferences }): Email {
  return render({
    ...o,
    subject: 'Confirm your paperpulse digest',
    paragraphs: [
      'Someone, hopefully you, asked paperpulse to email trending papers to this address.',
      `The digest you chose: ${describePreferences(o.preferences)}.`,
      'Nothing will be sent until you confirm. The link works for 3 days.',
    ],
    action: { label: 'Confirm my subscription', url: o.confirmUrl },
    after: ['If this was not you, ignore this email: you will not hear from us again.'],
  });
}

/** Sent instead of a confirmation when the address already receives digests; nothing was changed. */
export function alreadySubscribedEmail(o: Common & { signInUrl: string }): Email {
  return render({
    ...o,
    subject: 'You are already subscribed to paperpulse',
    paragraphs: [
      'Someone, hopefully you, asked to subscribe this address to paperpulse digests. It is already subscribed, so nothing was changed.',
      'To change your settings, pause or unsubscribe, sign in with the link below. It works once, for 30 minutes.',
    ],
    action: { label: 'Sign in to my settings', url: o.signInUrl },
    after: ['If this was not you, ignore this email.'],
  });
}

/** A magic sign-in link (single use, 30 minutes). */
export function signInEmail(o: Common & { signInUrl: string }): Email {
  return render({
    ...o,
    subject: 'Your paperpulse sign-in link',
    paragraphs: ['Here is the link to sign in to your paperpulse settings. It works once, for 30 minutes.'],
    action: { label: 'Sign in', url: o.signInUrl },
    after: ['If you did not ask for it, ignore this email: nobody can sign in without the link.'],
  });
}
