// GET /papers/:id — one paper: metadata, abstract, links and why it is trending.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { parseArxivId } from '../../model/ids.js';
import { WhyTrending } from '../views/why-trending.js';
import { Layout } from '../views/layout.js';
import { RichText } from '../views/math.js';
import { AuthorLinks, CategoryChips, PaperLinks } from '../views/paper-card.js';
import { formatDay } from '../views/format.js';
import { notFoundPage } from './not-found.js';
import { ReactionButtons, reactionState } from '../views/reactions.js';

// What the metadata sources are called on the page (the store keeps short names).
const sourceNames: Record<string, string> = {
  'arxiv-corpus': 'arXiv daily listings',
  'arxiv-api': 'the arXiv API',
  'arxiv-oai': 'arXiv OAI-PMH',
  'arxiv-rss': 'the arXiv RSS feed',
  kaggle: 'the arXiv metadata snapshot (Kaggle)',
  'hf-daily': 'Hugging Face daily papers',
  'seed-page': 'the trending page paperpulse grew from',
  paperpulse: 'a paperpulse import file',
};

/** Similar papers listed on the page: a short list to follow, not a second search page. */
const SIMILAR = 5;

/** Renders a paper page; a versioned id (2509.17458v2) redirects to the canonical one. */
export async function paperPage(c: Context<AppEnv>) {
  const raw = c.req.param('id') ?? '';
  const parsed = parseArxivId(raw);
  if (!parsed) return notFoundPage(c, 'That is not an arXiv id.');
  if (parsed.id !== raw) return c.redirect(`/papers/${parsed.id}`, 301);
  const paper = await c.var.store.paperById(parsed.id);
  if (!paper) return notFoundPage(c, `paperpulse has no paper ${parsed.id} yet.`);
  const { signals } = await c.var.trending.forPaper(paper);
  const similar = c.var.search ? await c.var.search.similar(paper.id, SIMILAR) : [];
  const reactions = await reactionState(c, [paper.id]);
  return c.html(
    <Layout
      title={`${paper.title} — paperpulse`}
      demo={c.var.demo}
      description={paper.abstract.slice(0, 200)}
    >
      <article>
        <h1>
          <RichText text={paper.title} />
        </h1>
        <p class="meta">
          <AuthorLinks authors={paper.authors} />
        </p>
        <p>
          <CategoryChips categories={paper.categories} />
        </p>
        <h2>Abstract</h2>
        <p class="abstract">
          <RichText text={paper.abstract} />
        </p>
        <PaperLinks id={paper.id} codeUrls={paper.codeUrls} stars={signals.github_stars} />
        {reactions ? <ReactionButtons paperId={paper.id} state={reactions} /> : null}
        <WhyTrending paper={paper} trending={c.var.trending} />
        {similar.length ? (
          <section aria-labelledby="similar">
            <h2 id="similar">Similar papers</h2>
            <ol class="similar">
              {similar.map((s) => (
                <li>
                  <a href={`/papers/${s.paper.id}`}>
                    <RichText text={s.paper.title} />
                  </a>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <h2>Details</h2>
        <dl class="facts">
          <dt>First listed</dt>
          <dd>
            <time datetime={paper.firstSeen}>{formatDay(paper.firstSeen)}</time>
          </dd>
          {paper.published ? (
            <>
              <dt>Submitted</dt>
              <dd>{formatDay(paper.published)}</dd>
            </>
          ) : null}
          {paper.updated ? (
            <>
              <dt>Updated</dt>
              <dd>{formatDay(paper.updated)}</dd>
            </>
          ) : null}
          {paper.version ? (
            <>
              <dt>Latest version</dt>
              <dd>v{paper.version}</dd>
            </>
          ) : null}
          {paper.comment ? (
            <>
              <dt>Comment</dt>
              <dd>{paper.comment}</dd>
            </>
          ) : null}
          {paper.journalRef ? (
            <>
              <dt>Journal</dt>
              <dd>{paper.journalRef}</dd>
            </>
          ) : null}
          {paper.doi ? (
            <>
              <dt>DOI</dt>
              <dd>
                <a href={`https://doi.org/${encodeURI(paper.doi)}`}>{paper.doi}</a>
              </dd>
            </>
          ) : null}
          <dt>Metadata from</dt>
          <dd>{sourceNames[paper.source] ?? paper.source}</dd>
        </dl>
      </article>
    </Layout>,
  );
}
