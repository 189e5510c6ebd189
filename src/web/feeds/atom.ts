// Atom 1.0 (RFC 4287) rendering of a feed.
import { xml, type FeedDoc } from './feed.js';

/** The feed as an Atom document. */
export function toAtom(doc: FeedDoc): string {
  const entries = doc.items.map(
    (i) => `  <entry>
    <title type="text">${xml(i.title)}</title>
    <id>${xml(i.url)}</id>
    <link rel="alternate" type="text/html" href="${xml(i.url)}"/>
    <link rel="related" type="text/html" href="${xml(i.absUrl)}" title="arXiv"/>
    <link rel="enclosure" type="application/pdf" href="${xml(i.pdfUrl)}" title="PDF"/>
    <published>${i.published}</published>
    <updated>${i.published}</updated>
${i.authors.map((a) => `    <author><name>${xml(a)}</name></author>`).join('\n')}
${i.categories.map((c) => `    <category term="${xml(c)}"/>`).join('\n')}
    <summary type="text">${xml(i.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">${xml(doc.title)}</title>
  <subtitle type="text">${xml(doc.description)}</subtitle>
  <id>${xml(doc.selfUrl)}</id>
  <link rel="self" type="application/atom+xml" href="${xml(doc.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(doc.htmlUrl)}"/>
  <updated>${doc.updated}</updated>
  <author><name>paperpulse</name></author>
  <generator>paperpulse</generator>
${entries.join('\n')}
</feed>
`;
}
