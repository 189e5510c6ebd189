// One search result: highlighted title, authors, date, categories, the matching passage and links.
import type { SearchHit } from '../../search/service.js';
import { PaperCard } from './paper-card.js';
import { Marked } from './marked.js';
import type { ReactionState } from './reactions.js';

/** A search result list entry numbered `rank`. */
export function SearchResult({
  hit,
  rank,
  reactions,
}: {
  hit: SearchHit;
  rank: number;
  reactions?: ReactionState | undefined;
}) {
  return (
    <PaperCard
      paper={hit.paper}
      rank={rank}
      title={<Marked s={hit.title} />}
      excerpt={<Marked s={hit.snippet} />}
      reactions={reactions}
    />
  );
}
