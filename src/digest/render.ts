// From a composed digest to the Email: signed links (click tracking, one-click unsubscribe), the period in words,
// and the sender address. The HTML and text parts come from mail/digest-email.ts, from the same data.
import { digestEmail, type DigestItem } from '../mail/digest-email.js';
import type { Email } from '../mail/email.js';
import type { Links } from '../mail/links.js';
import { dayOfPeriod } from '../model/digest.js';
import type { Subscriber } from '../model/subscriber.js';
import type { ComposedItem } from './compose.js';

export interface RenderContext {
  links: Links;
  publicUrl: string;
  /** The From header, e.g. `paperpulse <digest@papers.example.org>`. */
  from: string;
}

/** The default From: digest@ the public host. */
export const defaultFrom = (publicUrl: string) => `paperpulse <digest@${new URL(publicUrl).hostname}>`;

/** The bare address of a From header ("name <a@b>" or "a@b"). */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

const monthDay = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const weekdayMonthDay = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});

/** How a period reads in a subject line: "Mon, Nov 30" (daily) or "the week of Nov 30" (weekly, from Monday). */
export function periodLabel(period: string): string {
  const day = dayOfPeriod(period, 1);
  if (!day) return period;
  const d = new Date(`${day}T00:00:00Z`);
  return period.includes('W') ? `the week of ${monthDay.format(d)}` : weekdayMonthDay.format(d);
}

const arxiv = (id: string, kind: 'abs' | 'pdf') => `https://arxiv.org/${kind}/${id}`;

/** The digest email for `subscriber` and `period` with these items (in order). */
export function renderDigest(
  ctx: RenderContext,
  subscriber: Subscriber,
  period: string,
  items: ComposedItem[],
): Email {
  const data: DigestItem[] = items.map(({ paper, why }) => ({
    id: paper.id,
    title: paper.title,
    authors: paper.authors,
    abstract: paper.abstract,
    why,
    pageUrl: ctx.links.click(subscriber.id, paper.id, period),
    absUrl: arxiv(paper.id, 'abs'),
    pdfUrl: arxiv(paper.id, 'pdf'),
    ...(paper.codeUrls[0] ? { codeUrl: paper.codeUrls[0] } : {}),
  }));
  const unsubscribeUrl = ctx.links.unsubscribe(subscriber.id);
  return digestEmail({
    to: subscriber.email,
    from: ctx.from,
    publicUrl: ctx.publicUrl,
    subscriberId: String(subscriber.id),
    period,
    frequency: subscriber.preferences.frequency,
    periodLabel: periodLabel(period),
    items: data,
    unsubscribeUrl,
    // The mailto form for clients without RFC 8058: a message to the sender address naming the signed link.
    unsubscribeMailto: `mailto:${addressOf(ctx.from)}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeUrl}`)}`,
    manageUrl: ctx.links.manage(),
  });
}
