// GET /authors/:name — an author's papers, newest first.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout } from '../views/layout.js';
import { PaperCard } from '../views/paper-card.js';
import { authorPath } from '../views/format.js';
import { feedLinks } from '../feeds/links.js';
import { notFoundPage } from './not-found.js';

const PAGE = 30;

/** Renders the author page; `?offset=` pages through older papers. */
export async function authorPage(c: Context<AppEnv>) {
  const name = (c.req.param('name') ?? '').trim();
  if (!name || name.length > 200) return notFoundPage(c, 'No such author.');
  const offset = Math.min(Math.max(0, Number.parseInt(c.req.query('offset') ?? '0', 10) || 0), 100_000);
  // One extra row tells whether a next page exists without counting everything.
  const papers = await c.var.store.papersByAuthor(name, PAGE + 1, offset);
  if (papers.length === 0 && offset === 0) return notFoundPage(c, `paperpulse has no papers by ${name}.`);
  const base = authorPath(name);
  return c.html(
    <Layout
      title={`${name} — paperpulse`}
      demo={c.var.demo}
      feeds={feedLinks(`${base}/feed`, '', `Papers by ${name}`)}
    >
      <h1>Papers by {name}</h1>
      <p class="note">
        Newest first. Follow with a feed reader: <a href={`${base}/feed.atom`}>Atom</a> ·{' '}
        <a href={`${base}/feed.rss`}>RSS</a> · <a href={`${base}/feed.json`}>JSON Feed</a>
      </p>
      <ol class="papers">
        {papers.slice(0, PAGE).map((p) => (
          <PaperCard paper={p} />
        ))}
      </ol>
      <nav class="pager" aria-label="Pages">
        {offset > 0 ? <a href={`${base}?offset=${Math.max(0, offset - PAGE)}`}>← Newer</a> : <span />}
        {papers.length > PAGE ? <a href={`${base}?offset=${offset + PAGE}`}>Older →</a> : <span />}
      </nav>
    </Layout>,
  );
}
