// GET / — the trending list with its time-window tabs, subscribe box and pagination.
import type { Context } from 'hono';
import type { TrendingList } from '../../rank/trending.js';
import type { View, Window } from '../../rank/window.js';
import { Layout } from '../views/layout.js';
import { PaperCard } from '../views/paper-card.js';
import { SubscribeBox } from '../views/subscribe-box.js';
import { formatDay } from '../views/format.js';
import { trendingQuery } from '../api/schemas.js';
import type { AppEnv } from '../env.js';

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

function href(view: View, category: string | undefined, offset = 0) {
  const q = new URLSearchParams();
  if (view !== 'trending') q.set('view', view);
  if (category) q.set('category', category);
  if (offset) q.set('offset', String(offset));
  const s = q.toString();
  return s ? `/?${s}` : '/';
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

/** Renders the trending page for the query in the URL. */
export async function trendingPage(c: Context<AppEnv>) {
  const parsed = trendingQuery.safeParse(c.req.query());
  const q = parsed.success ? parsed.data : trendingQuery.parse({});
  const list: TrendingList = await c.var.trending.list({
    view: q.view,
    category: q.category,
    limit: q.limit,
    offset: q.offset,
  });
  const title = q.category ? `Trending in ${q.category} — paperpulse` : 'Trending papers — paperpulse';
  const more = q.offset + list.entries.length < list.total;
  return c.html(
    <Layout
      title={title}
      section="trending"
      demo={c.var.demo}
      description="Trending research papers, ranked by an open formula that shows its reasons."
    >
      <h1>{q.category ? `Trending in ${q.category}` : 'Trending papers'}</h1>
      <SubscribeBox />
      <nav aria-label="Time window">
        <ul class="tabs">
          {tabs.map((t) => (
            <li>
              <a href={href(t.view, q.category)} aria-current={t.view === q.view ? 'page' : undefined}>
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {q.category ? (
        <p class="note">
          Showing {q.category} only. <a href={href(q.view, undefined)}>Show all categories</a>
        </p>
      ) : null}
      {list.window ? <WindowNote window={list.window} total={list.total} category={q.category} /> : null}
      {list.entries.length === 0 ? (
        <p>
          No papers yet. Import some with <code>npx paperpulse import FILE</code>.
        </p>
      ) : (
        <ol class="papers">
          {list.entries.map((e) => (
            <PaperCard entry={e} window={list.window!} />
          ))}
        </ol>
      )}
      <nav class="pager" aria-label="Pages">
        {q.offset > 0 ? (
          <a href={href(q.view, q.category, Math.max(0, q.offset - q.limit))}>← Previous</a>
        ) : (
          <span />
        )}
        {more ? <a href={href(q.view, q.category, q.offset + q.limit)}>Next →</a> : <span />}
      </nav>
    </Layout>,
  );
}
