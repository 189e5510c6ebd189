// One entry of a paper list: title, authors, date, categories, abstract, links and why it ranks here.
import type { TrendingEntry } from '../../rank/trending.js';
import type { Window } from '../../rank/window.js';
import { compactNumber, reasons } from '../../rank/explain.js';
import { RichText } from './math.js';
import { arxivAbsUrl, arxivPdfUrl, authorLine, formatDay } from './format.js';

/** Category chips linking to the trending list filtered by that category. */
export function CategoryChips({ categories }: { categories: string[] }) {
  return (
    <span class="chips">
      {categories.map((c) => (
        <a class="chip" href={`/?category=${encodeURIComponent(c)}`}>
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
  return (
    <ul class="links" aria-label="Links">
      <li>
        <a href={arxivAbsUrl(id)}>arXiv:{id}</a>
      </li>
      <li>
        <a href={arxivPdfUrl(id)}>PDF</a>
      </li>
      {codeUrls.slice(0, 2).map((url, i) => (
        <li>
          <a href={url} rel="nofollow">
            Code{codeUrls.length > 1 ? ` ${i + 1}` : ''}: {url.replace('https://github.com/', '')}
          </a>
          {i === 0 && stars !== undefined ? ` ★ ${compactNumber(stars)}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** A trending list entry. */
export function PaperCard({ entry, window }: { entry: TrendingEntry; window: Window }) {
  const { paper, signals } = entry;
  const why = reasons(signals, paper.firstSeen, window);
  return (
    <li>
      <article class="paper" aria-labelledby={`t-${paper.id}`}>
        <span class="rank" aria-hidden="true">
          {entry.rank}
        </span>
        <div>
          <h2 id={`t-${paper.id}`}>
            <a href={`/papers/${paper.id}`}>
              <RichText text={paper.title} />
            </a>
          </h2>
          <p class="meta">
            {authorLine(paper.authors)}
            {paper.authors.length ? ' · ' : ''}
            <time datetime={paper.firstSeen}>{formatDay(paper.firstSeen)}</time>{' '}
            <CategoryChips categories={paper.categories} />
          </p>
          <p class="abstract">
            <RichText text={paper.abstract} />
          </p>
          <PaperLinks id={paper.id} codeUrls={paper.codeUrls} stars={signals.github_stars} />
          <p class="why">
            <strong>Why here:</strong> {why.join(' · ')}
          </p>
        </div>
      </article>
    </li>
  );
}
