// "Trending within a search": the papers a query matches, taken from the search service's public API, then
// ranked by a trending view (rank/trending.ts, `ids`).
import type { SearchService } from '../search/service.js';

/** How many of a query's best matches are ranked: deep enough for a few pages, cheap enough per request. */
export const SEARCH_SLICE = 200;

/** The ids of the best `SEARCH_SLICE` keyword matches of `q` (relevance order). */
export async function searchIds(search: SearchService, q: string): Promise<string[]> {
  const r = await search.search({ q, limit: SEARCH_SLICE, offset: 0, sort: 'relevance' });
  return r.hits.map((h) => h.paper.id);
}
