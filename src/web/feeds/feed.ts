// One feed as data, rendered to Atom 1.0, RSS 2.0 or JSON Feed 1.1 by the sibling modules.
import type { Paper } from '../../model/paper.js';

export interface FeedItem {
  /** A permanent URL that identifies the item (the paper page). */
  url: string;
  title: string;
  summary: string;
  authors: string[];
  /** ISO timestamp of the paper's first listing. */
  published: string;
  categories: string[];
  /** Links beside the paper page: arXiv abstract and PDF. */
  absUrl: string;
  pdfUrl: string;
}

export interface FeedDoc {
  title: string;
  description: string;
  /** Where this feed itself lives. */
  selfUrl: string;
  /** The HTML page showing the same list. */
  htmlUrl: string;
  /** ISO timestamp of the newest change. */
  updated: string;
  items: FeedItem[];
}

/** A feed item for a paper, with absolute links built from the site's public URL. */
export function paperItem(p: Paper, publicUrl: string): FeedItem {
  return {
    url: `${publicUrl}/papers/${p.id}`,
    title: p.title,
    summary: p.abstract,
    authors: p.authors,
    published:
      p.published && p.published.slice(0, 10) === p.firstSeen ? p.published : `${p.firstSeen}T00:00:00.000Z`,
    categories: p.categories,
    absUrl: `https://arxiv.org/abs/${p.id}`,
    pdfUrl: `https://arxiv.org/pdf/${p.id}`,
  };
}

// XML 1.0 forbids these code points outright; escaping cannot make them legal, so they are dropped.
// eslint-disable-next-line no-control-regex -- matching the characters XML forbids is the point
const invalidXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML element content and attribute values. */
export function xml(text: string): string {
  return text
    .replace(invalidXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
