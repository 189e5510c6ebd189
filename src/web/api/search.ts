// GET /api/search — keyword search with snippets; says when the index is still being built.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import type { IndexStatus } from '../../search/keyword-index.js';
import { apiError, invalidQuery } from './errors.js';
import { paperJson } from './present.js';
import { searchParams } from './search-params.js';

/** How the index's state reads in JSON; `message` is set whenever results may be incomplete. */
export function indexJson(s: IndexStatus) {
  return {
    state: s.state,
    papers: s.docs,
    cursor: s.cursor,
    rebuilding: s.rebuilding,
    progress: s.progress ? { done: s.progress.done, total: s.progress.total } : null,
    message:
      s.state === 'building' || s.state === 'loading'
        ? `The search index is being ${s.state === 'loading' ? 'loaded' : 'built'}; results are empty or incomplete until it is ready.`
        : s.state === 'failed'
          ? 'The search index could not be built; it will be retried.'
          : s.degraded
            ? 'Degraded: this server lost its search index files and is rebuilding them from the database; results come from its in-memory copy meanwhile.'
            : null,
  };
}

/** Responds with one page of search results for the query parameters (q, mode, sort, limit, offset). */
export async function apiSearch(c: Context<AppEnv>, publicUrl: string) {
  const parsed = searchParams.safeParse(c.req.query());
  if (!parsed.success) return invalidQuery(c, parsed.error);
  const search = c.var.search;
  if (!search) return apiError(c, 503, 'search_unavailable', 'Search is not running on this server.');
  const p = parsed.data;
  const r = await search.search({
    q: p.q,
    limit: p.limit,
    offset: p.offset,
    sort: p.sort,
    mode: p.mode,
    trendingIds: () => c.var.trending.rankedIds(),
  });
  // Results follow the index, which trails the store by up to a second: a shared cache keyed on the store's
  // version could keep a result from before the sync. Revalidate instead (ETags keep that cheap).
  c.header('Cache-Control', 'no-cache');
  return c.json({
    query: p.q,
    mode: r.mode,
    mode_requested: p.mode,
    semantic: { state: r.semantic.state, papers: r.semantic.docs, model: r.semantic.model ?? null },
    sort: r.sort,
    total: r.total,
    total_exact: r.totalExact,
    limit: p.limit,
    offset: p.offset,
    index: indexJson(r.index),
    results: r.hits.map((h, i) => ({
      rank: p.offset + i + 1,
      ...paperJson(h.paper, publicUrl),
      score: Math.round(h.score * 1000) / 1000,
      snippet: h.snippet.text,
      highlights: h.snippet.highlights,
      title_highlights: h.title.highlights,
    })),
  });
}
