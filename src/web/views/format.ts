// Small formatting helpers shared by pages.

/** "Sep 26, 2025" from YYYY-MM-DD or an ISO timestamp (UTC). */
export function formatDay(day: string): string {
  const d = new Date(day.length === 10 ? `${day}T00:00:00Z` : day);
  return d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** The page of one author. */
export const authorPath = (name: string) => `/authors/${encodeURIComponent(name)}`;

/** The page of one arXiv category. */
export const categoryPath = (category: string) => `/c/${encodeURIComponent(category)}`;

export const arxivAbsUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;

/**
 * The URL when it is an absolute http(s) address, else undefined: paper data (code links from imports and
 * comments) must never become a javascript:, data: or relative link.
 */
export function webUrl(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
