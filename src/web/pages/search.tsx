// GET /search?q= — keyword, semantic or hybrid search results with snippets, filters as links and pagination; works without JS.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import type { SearchResponse } from '../../search/service.js';
import type { SortOrder } from '../../search/query.js';
import type { SearchMode } from '../../search/hybrid.js';
import { Layout } from '../views/layout.js';
import { searchFeedLinks } from '../feeds/search-feed.js';
import { SearchResult } from '../views/search-result.js';
import { reactionState } from '../views/reactions.js';
import { searchParams } from '../api/search-params.js';
import { MAX_OFFSET } from '../../search/service.js';

const n = (x: number) => x.toLocaleString('en-US');

/** A /search URL for query `q` (plus sort, offset and mode when not the defaults). */
function href(q: string, sort?: SortOrder, offset = 0, mode?: SearchMode) {
  const p = new URLSearchParams({ q: q.trim() });
  if (sort) p.set('sort', sort);
  if (mode && mode !== 'hybrid') p.set('mode', mode);
  if (offset) p.set('offset', String(offset));
  return `/search?${p.toString()}`;
}

/** The query with one operator token added, or removed when it is already there (filter links toggle). */
function toggle(q: string, token: string): string {
  const words = q.split(/\s+/).filter(Boolean);
  const at = words.findIndex((w) => w.toLowerCase() === token.toLowerCase());
  return at >= 0 ? words.filter((_, i) => i !== at).join(' ') : [...words, token].join(' ');
}

function Filters({ q, r }: { q: string; r: SearchResponse }) {
  const f = r.facets;
  if (!f || r.total === 0) return null;
  const cats = [...f.categories].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 8);
  const years = [...f.years]
    .filter(([y]) => y > 0)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5);
  const active = (token: string) => q.toLowerCase().split(/\s+/).includes(token.toLowerCase());
  const link = (token: string, label: string, count?: number) => (
    <a
      class="chip"
      href={href(toggle(q, token), r.sort === 'relevance' ? undefined : r.sort)}
      aria-pressed={active(token) ? 'true' : 'false'}
    >
      {active(token) ? `✕ ${label}` : label}
      {count !== undefined ? ` (${n(count)})` : ''}
    </a>
  );
  return (
    <nav class="filters" aria-label="Filters">
      <span class="chips">
        {cats.map(([c, count]) => link(`cat:${c}`, c, count))}
        {years.map(([y, count]) => link(`year:${y}`, String(y), count))}
        {f.withCode ? link('has:code', 'with code', f.withCode) : null}
      </span>
    </nav>
  );
}

const modeLabels: [SearchMode, string][] = [
  ['hybrid', 'Words + meaning'],
  ['keyword', 'Words only'],
  ['semantic', 'Meaning only'],
];

const sortLabels: [SortOrder, string][] = [
  ['relevance', 'Relevance'],
  ['date', 'Newest'],
  ['trending', 'Trending'],
];

function IndexNote({ r }: { r: SearchResponse }) {
  const s = r.index;
  if (s.state === 'ready' && s.degraded) {
    return (
      <p class="note stale" role="status">
        This server is rebuilding its search index from the database; results come from its in-memory copy
        meanwhile.
      </p>
    );
  }
  if (s.state === 'ready') return null;
  const pct =
    s.progress && s.progress.total
      ? ` (${Math.floor((100 * s.progress.done) / s.progress.total)}% done)`
      : '';
  return (
    <p class="note stale" role="status">
      {s.state === 'loading'
        ? 'The search index is loading; please try again in a moment.'
        : s.state === 'building'
          ? `The search index is being built${pct}; results will appear once it is ready. Please try again in a moment.`
          : 'The search index could not be built; it will be retried. Results may be missing.'}
    </p>
  );
}

/** Renders the search page for the query in the URL; bad parameters fall back to defaults. */
export async function searchPage(c: Context<AppEnv>) {
  const parsed = searchParams.safeParse(c.req.query());
  const p = parsed.success ? parsed.data : searchParams.parse({ q: c.req.query('q') ?? '' });
  const q = p.q;
  const r =
    q.trim() && c.var.search
      ? await c.var.search.search({
          q,
          limit: p.limit,
          offset: p.offset,
          sort: p.sort,
          mode: p.mode,
          facets: true,
          trendingIds: () => c.var.trending.rankedIds(),
        })
      : undefined;
  const title = q.trim() ? `${q.trim()} — search — paperpulse` : 'Search — paperpulse';
  // The next page must stay within what the parameters allow (offset ≤ MAX_OFFSET).
  const more = r ? p.offset + r.hits.length < r.total && p.offset + p.limit <= MAX_OFFSET : false;
  const reactions = r
    ? await reactionState(
        c,
        r.hits.map((h) => h.paper.id),
      )
    : undefined;
  // Not shared-cacheable: results follow the index, not the store version (see api/search.ts).
  c.header('Cache-Control', 'no-cache');
  return c.html(
    <Layout
      title={title}
      section="search"
      query={q}
      demo={c.var.demo}
      description="Search research papers by words, phrases, authors, categories and dates."
      feeds={q.trim() ? searchFeedLinks(q.trim()) : undefined}
    >
      <h1>{q.trim() ? 'Search results' : 'Search papers'}</h1>
      {!c.var.search ? (
        <p class="note stale" role="status">
          Search is not running on this server.
        </p>
      ) : null}
      {r ? <IndexNote r={r} /> : null}
      {!r ? (
        <section class="help" aria-label="Search help">
          <p>Type words in the box above. You can also use:</p>
          <ul>
            <li>
              <code>"exact phrase"</code>, <code>-exclude</code>
            </li>
            <li>
              <code>author:hinton</code>, <code>cat:cs.LG</code>, <code>has:code</code>
            </li>
            <li>
              <code>year:2025</code>, <code>after:2025-01-01</code>, <code>before:2025-06</code>
            </li>
            <li>
              <code>sort:date</code> or <code>sort:trending</code>
            </li>
          </ul>
        </section>
      ) : (
        <>
          <p class="note">
            {n(r.total)}
            {r.totalExact ? '' : ' or so'} paper{r.total === 1 ? '' : 's'} match <strong>{q.trim()}</strong>.
            Follow new matches: <a href={`/search/feed.atom?q=${encodeURIComponent(q.trim())}`}>Atom</a> ·{' '}
            <a href={`/search/feed.rss?q=${encodeURIComponent(q.trim())}`}>RSS</a> ·{' '}
            <a href={`/search/feed.json?q=${encodeURIComponent(q.trim())}`}>JSON Feed</a>
          </p>
          <nav aria-label="Sort">
            <ul class="tabs">
              {sortLabels.map(([s, label]) => (
                <li>
                  <a
                    href={href(q, s === 'relevance' ? undefined : s)}
                    aria-current={s === r.sort ? 'page' : undefined}
                  >
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label="Mode">
            <ul class="tabs">
              {modeLabels.map(([m, label]) => (
                <li>
                  <a href={href(q, p.sort, 0, m)} aria-current={m === p.mode ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {r.mode !== p.mode ? (
            <p class="note">Ranked by words only: filters, phrases and date order need keyword search.</p>
          ) : null}
          <Filters q={q} r={r} />
          {r.hits.length === 0 ? (
            <p>No papers match. Try fewer or different words, or remove a filter.</p>
          ) : (
            <ol class="papers">
              {r.hits.map((h, i) => (
                <SearchResult hit={h} rank={p.offset + i + 1} reactions={reactions} />
              ))}
            </ol>
          )}
          <nav class="pager" aria-label="Pages">
            {p.offset > 0 ? (
              <a href={href(q, p.sort, Math.max(0, p.offset - p.limit), p.mode)}>← Previous</a>
            ) : (
              <span />
            )}
            {more ? <a href={href(q, p.sort, p.offset + p.limit, p.mode)}>Next →</a> : <span />}
          </nav>
        </>
      )}
    </Layout>,
  );
}
