// GET / and GET /c/:category — the trending list with its time-window tabs, subscribe box and pagination.
import type { Context } from 'hono';
import type { TrendingList } from '../../rank/trending.js';
import type { View, Window } from '../../rank/window.js';
import { Layout } from '../views/layout.js';
import { TrendingCard } from '../views/paper-card.js';
import { SubscribeBox } from '../views/subscribe-box.js';
import { categoryPath, formatDay } from '../views/format.js';
import { trendingQuery } from '../api/schemas.js';
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

const windowLabel: Record<View, string> = {
  trending: 'the last 7 days',
  day: 'today',
  week: 'this week',
  month: 'the last 30 days',
  all: 'all time',
};

/** The URL of a view of a list (base path `/` or `/c/cs.LG`), keeping only non-default parameters. */
function href(base: string, view: View, offset = 0) {
  const q = new URLSearchParams();
  if (view !== 'trending') q.set('view', view);
  if (offset) q.set('offset', String(offset));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

function WindowNote({
  window,
  total,
  category,
}: {
  window: Window;
  total: number;
  category?: string | undefined;
}) {
  const span = window.from
    ? `${formatDay(window.from)} – ${formatDay(window.to)}`
    : `up to ${formatDay(window.to)}`;
  const what = `${total.toLocaleString('en-US')} papers${category ? ` in ${category}` : ''}`;
  if (window.stale) {
    return (
      <p class="note stale" role="status">
        Nothing new has arrived for {windowLabel[window.view]}, so this ranks the latest data: {span}, {what}.
      </p>
    );
  }
  return (
    <p class="note">
      {span} · {what}
    </p>
  );
}

async function renderTrending(c: Context<AppEnv>, category: string | undefined) {
  const parsed = trendingQuery.safeParse(c.req.query());
  // Pages never fail on odd parameters: anything invalid falls back to the defaults.
  const q = parsed.success ? parsed.data : trendingQuery.parse({});
  const list: TrendingList = await c.var.trending.list({
    view: q.view,
    category,
    limit: q.limit,
    offset: q.offset,
  });
  const base = category ? categoryPath(category) : '/';
  const heading = category ? `Trending in ${category}` : 'Trending papers';
  const more = q.offset + list.entries.length < list.total;
  const feedQuery = q.view !== 'trending' ? `?view=${q.view}` : '';
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
              <a href={href(base, t.view)} aria-current={t.view === q.view ? 'page' : undefined}>
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {category ? (
        <p class="note">
          Papers listed in {category}, as primary or cross-listed category. <a href="/">All categories</a>
        </p>
      ) : null}
      {list.window ? <WindowNote window={list.window} total={list.total} category={category} /> : null}
      {list.entries.length === 0 ? (
        <p>
          No papers yet. Import some with <code>npx paperpulse import FILE</code>.
        </p>
      ) : (
        <ol class="papers">
          {list.entries.map((e) => (
            <TrendingCard entry={e} window={list.window!} />
          ))}
        </ol>
      )}
      <nav class="pager" aria-label="Pages">
        {q.offset > 0 ? (
          <a href={href(base, q.view, Math.max(0, q.offset - q.limit))}>← Previous</a>
        ) : (
          <span />
        )}
        {more ? <a href={href(base, q.view, q.offset + q.limit)}>Next →</a> : <span />}
      </nav>
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
