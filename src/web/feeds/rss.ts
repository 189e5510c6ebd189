// RSS 2.0 rendering of a feed (authors as dc:creator, since RSS's own <author> must be an email address).
import { xml, type FeedDoc } from './feed.js';

const rfc822 = (iso: string) => new Date(iso).toUTCString();

// Readers render an RSS <description> as HTML (RSS has no type attribute for it), so the plain-text abstract is
// HTML-escaped before the XML escaping: "<script>" then shows as text instead of becoming markup in a reader.
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The feed as an RSS 2.0 document. */
export function toRss(doc: FeedDoc): string {
  const items = doc.items.map(
    (i) => `    <item>
      <title>${xml(i.title)}</title>
      <link>${xml(i.url)}</link>
      <guid isPermaLink="true">${xml(i.url)}</guid>
      <pubDate>${rfc822(i.published)}</pubDate>
${i.authors.map((a) => `      <dc:creator>${xml(a)}</dc:creator>`).join('\n')}
${i.categories.map((c) => `      <category>${xml(c)}</category>`).join('\n')}
      <description>${xml(escapeHtml(i.summary))}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xml(doc.title)}</title>
    <link>${xml(doc.htmlUrl)}</link>
    <description>${xml(doc.description)}</description>
    <atom:link rel="self" type="application/rss+xml" href="${xml(doc.selfUrl)}"/>
    <lastBuildDate>${rfc822(doc.updated)}</lastBuildDate>
    <generator>paperpulse</generator>
${items.join('\n')}
  </channel>
</rss>
`;
}
