// The digest email: the same data rendered as HTML (table layout, inline styles, dark-mode aware, no images)
// and as plain text, with the unsubscribe headers mail providers require (RFC 2369, RFC 8058).
import type { Email } from './email.js';

export interface DigestItem {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  /** Reasons in words, e.g. ["42 upvotes", "1.2k GitHub stars", "listed 2 days ago"]. */
  why: string[];
  /** The paper page through the click-tracking redirect. */
  pageUrl: string;
  absUrl: string;
  pdfUrl: string;
  codeUrl?: string;
}

export interface DigestData {
  to: string;
  from: string;
  publicUrl: string;
  subscriberId: string;
  /** The digest's period: YYYY-MM-DD (daily) or YYYY-Www (weekly); part of the stable Message-ID. */
  period: string;
  frequency: 'daily' | 'weekly';
  /** How the period reads in a subject line, e.g. "Nov 30" or "the week of Nov 24". */
  periodLabel: string;
  items: DigestItem[];
  unsubscribeUrl: string;
  unsubscribeMailto: string;
  manageUrl: string;
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The first `max` characters of `text`, cut at a word boundary, with an ellipsis when cut. */
export function shorten(text: string, max = 320): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

// An empty digest goes out only to readers who turned "skip when nothing new" off.
const nothingNew = 'Nothing new matched your preferences this time.';

const authorsLine = (a: string[]) => (a.length > 4 ? `${a.slice(0, 4).join(', ')} et al.` : a.join(', '));

function textPart(d: DigestData): string {
  const lines = [
    `paperpulse — trending papers for ${d.periodLabel}`,
    '',
    ...(d.items.length ? [] : [nothingNew, '']),
    ...d.items.flatMap((p, i) => [
      `${i + 1}. ${p.title}`,
      `   ${authorsLine(p.authors)}`,
      `   Why: ${p.why.join(' · ')}`,
      '',
      `   ${shorten(p.abstract)}`,
      '',
      `   Read: ${p.pageUrl}`,
      `   arXiv: ${p.absUrl}  PDF: ${p.pdfUrl}${p.codeUrl ? `  Code: ${p.codeUrl}` : ''}`,
      '',
    ]),
    '--',
    `You get this ${d.frequency} digest because you subscribed at ${d.publicUrl}.`,
    `Change what you get: ${d.manageUrl}`,
    `Unsubscribe (one click, takes effect at once): ${d.unsubscribeUrl}`,
  ];
  return lines.join('\n') + '\n';
}

function htmlPart(d: DigestData): string {
  const item = (p: DigestItem, i: number) => `
<tr><td style="padding:18px 0;border-top:1px solid #e2e4e8">
  <p style="margin:0 0 4px;font-size:13px;color:#50545c">${i + 1} · ${esc(p.why.join(' · '))}</p>
  <h2 style="margin:0 0 4px;font-size:18px;line-height:1.35"><a href="${esc(p.pageUrl)}" style="color:#0b57d0;text-decoration:none">${esc(p.title)}</a></h2>
  <p style="margin:0 0 8px;font-size:14px;color:#50545c">${esc(authorsLine(p.authors))}</p>
  <p style="margin:0 0 8px;font-size:15px;line-height:1.5">${esc(shorten(p.abstract))}</p>
  <p style="margin:0;font-size:14px"><a href="${esc(p.absUrl)}" style="color:#0b57d0">arXiv</a> · <a href="${esc(p.pdfUrl)}" style="color:#0b57d0">PDF</a>${
    p.codeUrl ? ` · <a href="${esc(p.codeUrl)}" style="color:#0b57d0">Code</a>` : ''
  }</p>
</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>paperpulse — ${esc(d.periodLabel)}</title>
<style>@media (prefers-color-scheme: dark){body,table.shell{background:#121417 !important;color:#e9eaec !important}a{color:#8ab4f8 !important}p{color:#c9ccd1 !important}}</style>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:#1b1c1f;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" class="shell" width="100%" cellpadding="0" cellspacing="0" style="background:#ffffff"><tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px">
<tr><td style="padding:0 0 12px"><p style="margin:0;font-size:20px;font-weight:700">paper<span style="color:#0b57d0">pulse</span></p>
<p style="margin:4px 0 0;font-size:15px;color:#50545c">Trending papers for ${esc(d.periodLabel)}</p></td></tr>
${d.items.length ? d.items.map(item).join('') : `<tr><td style="padding:18px 0;border-top:1px solid #e2e4e8;font-size:15px">${esc(nothingNew)}</td></tr>`}
<tr><td style="padding:18px 0;border-top:1px solid #e2e4e8;font-size:13px;color:#50545c">
You get this ${d.frequency} digest because you subscribed at <a href="${esc(d.publicUrl)}" style="color:#0b57d0">${esc(d.publicUrl)}</a>.<br>
<a href="${esc(d.manageUrl)}" style="color:#0b57d0">Change what you get</a> · <a href="${esc(d.unsubscribeUrl)}" style="color:#0b57d0">Unsubscribe</a> (one click, takes effect at once)
</td></tr></table></td></tr></table></body></html>`;
}

/** Builds the digest email; its Message-ID is stable per subscriber and period, so a resend is recognisable. */
export function digestEmail(d: DigestData): Email {
  const host = new URL(d.publicUrl).hostname;
  return {
    to: d.to,
    from: d.from,
    subject: d.items.length
      ? `paperpulse: ${d.items.length} trending paper${d.items.length === 1 ? '' : 's'} for ${d.periodLabel}`
      : `paperpulse: nothing new for ${d.periodLabel}`,
    text: textPart(d),
    html: htmlPart(d),
    messageId: `<digest.${d.subscriberId}.${d.period}@${host}>`,
    headers: {
      'List-Id': `paperpulse ${d.frequency} digest <${d.frequency}-digest.${host}>`,
      'List-Unsubscribe': `<${d.unsubscribeUrl}>, <${d.unsubscribeMailto}>`,
      // RFC 8058: the URL above accepts a POST with this body and unsubscribes without any further step.
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}
