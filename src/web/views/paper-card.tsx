// One entry of a paper list: title, authors, date, categories, abstract, links and why it ranks here.
import type { Child } from 'hono/jsx';
import type { Paper } from '../../model/paper.js';
import { ReactionButtons, type ReactionState } from './reactions.js';
import type { TrendingEntry } from '../../rank/trending.js';
import type { Window } from '../../rank/window.js';
import { compactNumber, reasons } from '../../rank/explain.js';
import type { Observation } from '../../store/trending-store.js';
import { RichText } from './math.js';
import { Sparkline } from './sparkline.js';
import { arxivAbsUrl, arxivPdfUrl, authorPath, categoryPath, formatDay, webUrl } from './format.js';

/** Category chips linking to the trending list filtered by that category. */
export function CategoryChips({ categories }: { categories: string[] }) {
  return (
    <span class="chips">
      {categories.map((c) => (
        <a class="chip" href={categoryPath(c)}>
          {c}
        </a>
      ))}
    </span>
  );
}

/** Links to arXiv, the PDF and code (with the star count when known). */
export function PaperLinks({
  id,
  codeUrls,
  stars,
}: {
  id: string;
  codeUrls: string[];
  stars?: number | undefined;
}) {
  // Only web addresses become links: code URLs come from imported data (see webUrl).
  const links = codeUrls.flatMap((u) => webUrl(u) ?? []);
  return (
    <ul class="links" aria-label="Links">
      <li>
        <a href={arxivAbsUrl(id)}>arXiv:{id}</a>
      </li>
      <li>
        <a href={arxivPdfUrl(id)}>PDF</a>
      </li>
      {links.slice(0, 2).map((url, i) => (
        <li>
          <a href={url} rel="nofollow">
            Code{links.length > 1 ? ` ${i + 1}` : ''}: {url.replace('https://github.com/', '')}
          </a>
          {i === 0 && stars !== undefined ? ` ★ ${compactNumber(stars)}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** One paper in a list: rank (when ranked), title, authors, date, categories, abstract, links, reasons. */
export function PaperCard({
  paper,
  rank,
  why,
  spark,
  stars,
  title,
  excerpt,
  reactions,
}: {
  paper: Paper;
  rank?: number;
  why?: string[];
  /** A sparkline of the signals, shown with the reasons. */
  spark?: Child;
  stars?: number;
  /** Replaces the plain title, e.g. with search highlights. */
  title?: Child;
  /** Replaces the abstract, e.g. with the passage that matched a search. */
  excerpt?: Child;
  /** A signed-in reader's upvote/save state: shows the buttons. */
  reactions?: ReactionState | undefined;
}) {
  return (
    <li>
      <article class="paper" aria-labelledby={`t-${paper.id}`}>
        <span class="rank" aria-hidden="true">
          {rank ?? ''}
        </span>
        <div>
          <h2 id={`t-${paper.id}`}>
            <a href={`/papers/${paper.id}`}>{title ?? <RichText text={paper.title} />}</a>
          </h2>
          <p class="meta">
            <AuthorLinks authors={paper.authors} max={6} />
            {paper.authors.length ? ' · ' : ''}
            <time datetime={paper.firstSeen}>{formatDay(paper.firstSeen)}</time>{' '}
            <CategoryChips categories={paper.categories} />
          </p>
          <p class={excerpt ? 'abstract snippet' : 'abstract'}>
            {excerpt ?? <RichText text={paper.abstract} />}
          </p>
          <PaperLinks id={paper.id} codeUrls={paper.codeUrls} stars={stars} />
          {reactions ? <ReactionButtons paperId={paper.id} state={reactions} /> : null}
          {why ? (
            <p class="why">
              <strong>Why here:</strong> {why.join(' · ')} {spark ?? null}
            </p>
          ) : null}
        </div>
      </article>
    </li>
  );
}

/** A trending entry as a card, with its reasons in words and, when given, a sparkline of its signals. */
export function TrendingCard({
  entry,
  window,
  observations,
  reactions,
}: {
  entry: TrendingEntry;
  window: Window;
  observations?: Observation[] | undefined;
  reactions?: ReactionState | undefined;
}) {
  return (
    <PaperCard
      paper={entry.paper}
      rank={entry.rank}
      why={reasons(entry.detail, entry.paper.firstSeen, window)}
      spark={
        observations?.length ? (
          <Sparkline observations={observations} firstSeen={entry.paper.firstSeen} asOf={window.asOf} />
        ) : undefined
      }
      stars={entry.signals.github_stars}
      reactions={reactions}
    />
  );
}

/** Author names linking to their author pages; after `max` names, "et al." with the full count. */
export function AuthorLinks({ authors, max }: { authors: string[]; max?: number }) {
  const shown = max && authors.length > max ? authors.slice(0, max) : authors;
  return (
    <>
      {shown.map((name, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a class="author" href={authorPath(name)}>
            {name}
          </a>
        </>
      ))}
      {shown.length < authors.length ? ` et al. (${authors.length} authors)` : ''}
    </>
  );
}
