// The feeds a page advertises with <link rel="alternate">, in the three formats paperpulse serves.

export interface FeedLink {
  type: string;
  href: string;
  title: string;
}

/** Atom, RSS and JSON Feed links for a list whose feeds live at `${base}.atom` etc. */
export function feedLinks(base: string, query: string, title: string): FeedLink[] {
  return [
    { type: 'application/atom+xml', href: `${base}.atom${query}`, title: `${title} (Atom)` },
    { type: 'application/rss+xml', href: `${base}.rss${query}`, title: `${title} (RSS)` },
    { type: 'application/feed+json', href: `${base}.json${query}`, title: `${title} (JSON Feed)` },
  ];
}
