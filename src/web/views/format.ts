// Small formatting helpers shared by pages.

/** "Sep 26, 2025" from YYYY-MM-DD or an ISO timestamp (UTC). */
export function formatDay(day: string): string {
  const d = new Date(day.length === 10 ? `${day}T00:00:00Z` : day);
  return d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** Up to `max` author names, then "et al." with the full count. */
export function authorLine(authors: string[], max = 6): string {
  if (authors.length <= max) return authors.join(', ');
  return `${authors.slice(0, max).join(', ')} et al. (${authors.length} authors)`;
}

export const arxivAbsUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;
