// GET /authors/:name — an author's papers, newest first, with what they work on and with whom.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout } from '../views/layout.js';
import { PaperCard } from '../views/paper-card.js';
import { reactionState } from '../views/reactions.js';
import { authorPath, categoryPath, formatDay } from '../views/format.js';
import { categoryName } from '../views/categories.js';
import { feedLinks } from '../feeds/links.js';
import { notFoundPage } from './not-found.js';

const PAGE = 30;

/** Renders the author page; `?offset=` pages through older papers. */
export async function authorPage(c: Context<AppEnv>) {
  const name = (c.req.param('name') ?? '').trim();
  if (!name || name.length > 200) return notFoundPage(c, 'No such author.');
  const offset = Math.min(Math.max(0, Number.parseInt(c.req.query('offset') ?? '0', 10) || 0), 100_000);
  const [summary, papers] = await Promise.all([
    c.var.store.authorSummary(name),
    // One extra row tells whether a next page exists without counting everything.
    c.var.store.papersByAuthor(name, PAGE + 1, offset),
  ]);
  if (!summary) return notFoundPage(c, `paperpulse has no papers by ${name}.`);
  const reactions = await reactionState(
    c,
    papers.slice(0, PAGE).map((p) => p.id),
  );
  const base = authorPath(name);
  const apiList = `/api/papers?author=${encodeURIComponent(name)}`;
  const span =
    summary.firstSeen === summary.lastSeen
      ? formatDay(summary.lastSeen)
      : `${formatDay(summary.firstSeen)} – ${formatDay(summary.lastSeen)}`;
  return c.html(
    <Layout
      title={`${name} — paperpulse`}
      demo={c.var.demo}
      description={`Papers by ${name} on paperpulse, newest first.`}
      feeds={feedLinks(`${base}/feed`, '', `Papers by ${name}`)}
    >
      <h1>Papers by {name}</h1>
      <p class="note">
        {summary.papers.toLocaleString('en-US')} paper{summary.papers === 1 ? '' : 's'} listed {span}, newest
        first. Follow with a feed reader: <a href={`${base}/feed.atom`}>Atom</a> ·{' '}
        <a href={`${base}/feed.rss`}>RSS</a> · <a href={`${base}/feed.json`}>JSON Feed</a>. Data:{' '}
        <a href={apiList}>JSON</a> · <a href={`${apiList}&format=csv&limit=100`}>CSV</a>
      </p>
      {summary.categories.length > 0 ? (
        <section aria-labelledby="author-topics">
          <h2 id="author-topics" class="small-heading">
            Categories
          </h2>
          <ul class="chips plain">
            {summary.categories.map((k) => (
              <li>
                <a class="chip" href={categoryPath(k.category)} title={categoryName(k.category) ?? undefined}>
                  {k.category} · {k.papers}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {summary.coauthors.length > 0 ? (
        <section aria-labelledby="author-coauthors">
          <h2 id="author-coauthors" class="small-heading">
            Often with
          </h2>
          <ul class="chips plain">
            {summary.coauthors.map((a) => (
              <li>
                <a class="chip" href={authorPath(a.name)}>
                  {a.name} · {a.papers}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 class="visually-hidden">Papers</h2>
      <ol class="papers">
        {papers.slice(0, PAGE).map((p) => (
          <PaperCard paper={p} reactions={reactions} />
        ))}
      </ol>
      <nav class="pager" aria-label="Pages">
        {offset > 0 ? <a href={`${base}?offset=${Math.max(0, offset - PAGE)}`}>← Newer</a> : <span />}
        {papers.length > PAGE ? <a href={`${base}?offset=${offset + PAGE}`}>Older →</a> : <span />}
      </nav>
    </Layout>,
  );
}
