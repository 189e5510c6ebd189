// GET / and GET /c/:category — the trending list: time-window tabs, category chips, a has-code toggle, trending
// within a search, pagination by links (all plain links and a GET form: works without JavaScript).
import type { Context } from 'hono';
import type { TrendingList } from '../../rank/trending.js';
import type { View, Window } from '../../rank/window.js';
import type { Observation } from '../../store/trending-store.js';
import { searchIds } from '../../rank/search-slice.js';
import { Layout } from '../views/layout.js';
import { categoryName } from '../views/categories.js';
import { TrendingCard } from '../views/paper-card.js';
import { reactionState } from '../views/reactions.js';
import { SubscribeBox } from '../views/subscribe-box.js';
import { categoryPath, formatDay } from '../views/format.js';
import { trendingQuery, type TrendingQuery } from '../api/schemas.js';
import { feedLinks } from '../feeds/links.js';
import type { AppEnv } from '../env.js';
import { notFoundPage } from './not-found.js';

const tabs: { view: View; label: string }[] = [
  { view: 'trending', label: 'Trending' },
  { view: 'day', label: 'Today' },
  { view: 'week', label: 'This week' },
  { view: 'month', label: 'This month' },
  { view: 'all', label: 'All time' },
];

/** Categories offered as chips (the busiest arXiv CS and ML categories); any other is one link away. */
const chipCategories = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'cs.RO', 'cs.IR', 'cs.CR', 'stat.ML'];

const windowLabel: Record<View, string> = {
  trending: 'the last 7 days',
  day: 'today',
  week: 'this week',
  month: 'the last 30 days',
  all: 'all time',
};

type Params = Pick<TrendingQuery, 'view' | 'has_code' | 'category_match' | 'q' | 'tz'> & { offset?: number };

/** The URL of a list (base `/` or `/c/cs.LG`) with these parameters, keeping only non-default ones. */
export function listHref(base: string, p: Params) {
  const q = new URLSearchParams();
  if (p.view !== 'trending') q.set('view', p.view);
  if (p.has_code !== undefined) q.set('has_code', String(p.has_code));
  if (p.category_match === 'primary') q.set('category_match', 'primary');
  if (p.q) q.set('q', p.q);
  if (p.tz && p.tz !== 'UTC') q.set('tz', p.tz);
  if (p.offset) q.set('offset', String(p.offset));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

function WindowNote({ window, total, category }: { window: Window; total: number; category?: string }) {
  const span = window.from
    ? `${formatDay(window.from)} – ${formatDay(window.to)}`
    : `up to ${formatDay(window.to)}`;
  const what = `${total.toLocaleString('en-US')} papers${category ? ` in ${category}` : ''}`;
  const zone = window.timeZone !== 'UTC' ? ` (days in ${window.timeZone})` : '';
  if (window.stale) {
    return (
      <p class="note stale" role="status">
        Nothing new has arrived for {windowLabel[window.view]}, so this ranks the latest data: {span}, {what}.
      </p>
    );
  }
  return (
    <p class="note">
      {span}
      {zone} · {what}
    </p>
  );
}

async function renderTrending(c: Context<AppEnv>, category: string | undefined) {
  const parsed = trendingQuery.safeParse(c.req.query());
  // Pages never fail on odd parameters: anything invalid falls back to the defaults.
  const q = parsed.success ? parsed.data : trendingQuery.parse({});
  const ids = q.q && c.var.search ? await searchIds(c.var.search, q.q) : undefined;
  const list: TrendingList = await c.var.trending.list({
    view: q.view,
    category,
    categoryMatch: q.category_match,
    hasCode: q.has_code,
    ids,
    timeZone: q.tz,
    limit: q.limit,
    offset: q.offset,
  });
  let history = new Map<string, Observation[]>();
  if (list.window && list.entries.length) {
    history = await c.var.trending.history(
      list.entries.map((e) => e.paper.id),
      list.window.asOf,
    );
  }
  if (q.q) c.header('Cache-Control', 'no-cache');
  const base = category ? categoryPath(category) : '/';
  const heading = category ? `Trending in ${category}` : 'Trending papers';
  const more = q.offset + list.entries.length < list.total;
  const reactions = await reactionState(
    c,
    list.entries.map((e) => e.paper.id),
  );
  const feedQuery = q.view !== 'trending' ? `?view=${q.view}` : '';
  const keep: Params = {
    view: q.view,
    has_code: q.has_code,
    category_match: q.category_match,
    q: q.q,
    tz: q.tz,
  };
  return c.html(
    <Layout
      title={`${heading} — paperpulse`}
      section="trending"
      demo={c.var.demo}
      description="Trending research papers, ranked by an open formula that shows its reasons."
      feeds={feedLinks(category ? `${base}/feed` : '/feed', feedQuery, heading)}
    >
      <h1>{heading}</h1>
      <SubscribeBox />
      <nav aria-label="Time window">
        <ul class="tabs">
          {tabs.map((t) => (
            <li>
              <a
                href={listHref(base, { ...keep, view: t.view })}
                aria-current={t.view === q.view ? 'page' : undefined}
              >
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <nav class="filters" aria-label="Filters">
        <span class="chips">
          <a class="chip" href={listHref('/', keep)} aria-pressed={category ? 'false' : 'true'}>
            All categories
          </a>
          {[...new Set([...(category ? [category] : []), ...chipCategories])].map((cat) => (
            <a
              class="chip"
              href={listHref(categoryPath(cat), keep)}
              aria-pressed={cat === category ? 'true' : 'false'}
            >
              {cat}
            </a>
          ))}
        </span>{' '}
        <span class="chips">
          <a
            class="chip"
            href={listHref(base, { ...keep, has_code: q.has_code ? undefined : true })}
            aria-pressed={q.has_code ? 'true' : 'false'}
          >
            Has code
          </a>
          {category ? (
            <a
              class="chip"
              href={listHref(base, {
                ...keep,
                category_match: q.category_match === 'primary' ? 'any' : 'primary',
              })}
              aria-pressed={q.category_match === 'primary' ? 'true' : 'false'}
            >
              Primary category only
            </a>
          ) : null}
        </span>
      </nav>
      <form class="search-within" method="get" action={base} role="search">
        <label for="trending-q">Trending within a search</label>{' '}
        <input id="trending-q" name="q" type="search" value={q.q ?? ''} placeholder="e.g. diffusion" />
        {q.view !== 'trending' ? <input type="hidden" name="view" value={q.view} /> : null}
        {q.has_code !== undefined ? <input type="hidden" name="has_code" value={String(q.has_code)} /> : null}
        {q.category_match === 'primary' ? (
          <input type="hidden" name="category_match" value="primary" />
        ) : null}
        {q.tz !== 'UTC' ? <input type="hidden" name="tz" value={q.tz} /> : null}
        <button type="submit">Rank</button>
      </form>
      {category ? (
        <p class="note">
          Papers listed in {category}
          {categoryName(category) ? ` (${categoryName(category)})` : ''}
          {q.category_match === 'primary'
            ? ' as their primary category'
            : ', as primary or cross-listed category'}
          .
        </p>
      ) : null}
      {q.q ? (
        <p class="note">
          Ranking the best matches of “{q.q}”. <a href={listHref(base, { ...keep, q: undefined })}>Clear</a>
        </p>
      ) : null}
      {list.window ? (
        <WindowNote window={list.window} total={list.total} {...(category ? { category } : {})} />
      ) : null}
      {list.entries.length === 0 ? (
        list.window ? (
          list.computedAt ? (
            <p>No papers match these filters in this window.</p>
          ) : (
            <p role="status">
              The trending scores are being computed for the first time; reload in a moment.
            </p>
          )
        ) : (
          <p>
            No papers yet. Import some with <code>npx paperpulse import FILE</code>.
          </p>
        )
      ) : (
        <ol class="papers">
          {list.entries.map((e) => (
            <TrendingCard
              entry={e}
              window={list.window!}
              observations={history.get(e.paper.id)}
              reactions={reactions}
            />
          ))}
        </ol>
      )}
      <nav class="pager" aria-label="Pages">
        {q.offset > 0 ? (
          <a href={listHref(base, { ...keep, offset: Math.max(0, q.offset - q.limit) })} rel="prev">
            ← Previous
          </a>
        ) : (
          <span />
        )}
        {more ? (
          <a href={listHref(base, { ...keep, offset: q.offset + q.limit })} rel="next">
            Next →
          </a>
        ) : (
          <span />
        )}
      </nav>
      <p class="note">
        <a href="/about/trending">How the trending score works</a>
        {list.computedAt ? ` · scores computed ${list.computedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}
      </p>
    </Layout>,
  );
}

/** GET / — all categories; the old `?category=` form redirects to the category's own page. */
export async function trendingPage(c: Context<AppEnv>) {
  const category = c.req.query('category');
  if (category && /^[a-z-]+(\.[A-Za-z-]+)?$/.test(category)) {
    const view = c.req.query('view');
    return c.redirect(categoryPath(category) + (view ? `?view=${encodeURIComponent(view)}` : ''), 301);
  }
  return renderTrending(c, undefined);
}

/** GET /c/:category — the trending list of one arXiv category. */
export async function categoryPage(c: Context<AppEnv>) {
  const category = c.req.param('category') ?? '';
  if (!/^[a-z-]+(\.[A-Za-z-]+)?$/.test(category))
    return notFoundPage(c, 'That is not an arXiv category name.');
  return renderTrending(c, category);
}
