// One search result: highlighted title, authors, date, categories, the matching passage and links.
import type { SearchHit } from '../../search/service.js';
import { AuthorLinks, CategoryChips, PaperLinks } from './paper-card.js';
import { formatDay } from './format.js';
import { Marked } from './marked.js';

/** A search result list entry numbered `rank`. */
export function SearchResult({ hit, rank }: { hit: SearchHit; rank: number }) {
  const { paper } = hit;
  return (
    <li>
      <article class="paper" aria-labelledby={`t-${paper.id}`}>
        <span class="rank" aria-hidden="true">
          {rank}
        </span>
        <div>
          <h2 id={`t-${paper.id}`}>
            <a href={`/papers/${paper.id}`}>
              <Marked s={hit.title} />
            </a>
          </h2>
          <p class="meta">
            <AuthorLinks authors={paper.authors} max={6} />
            {paper.authors.length ? ' · ' : ''}
            <time datetime={paper.firstSeen}>{formatDay(paper.firstSeen)}</time>{' '}
            <CategoryChips categories={paper.categories} />
          </p>
          <p class="abstract snippet">
            <Marked s={hit.snippet} />
          </p>
          <PaperLinks id={paper.id} codeUrls={paper.codeUrls} />
        </div>
      </article>
    </li>
  );
}
