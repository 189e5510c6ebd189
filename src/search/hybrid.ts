// Semantic and hybrid ranking on top of the keyword engine's hits: the query's words are embedded, the nearest
// paper vectors found, and (hybrid) fused with the keyword list.
import type { EngineHit } from './engine.js';
import type { SemanticIndex } from './embed/semantic-index.js';
import { scoreFusion } from './fusion.js';
import type { ParsedQuery } from './query.js';

export const searchModes = ['keyword', 'semantic', 'hybrid'] as const;
export type SearchMode = (typeof searchModes)[number];

/** Each list reaches this deep before fusion (SciFact was measured with 100). */
export const FUSION_DEPTH = 100;

/**
 * Whether `mode` can serve this query: vectors carry no filters, phrases or date order, so a query with any of
 * them is answered by keyword search (the response says which mode answered).
 */
export function semanticApplies(q: ParsedQuery, sort: string): boolean {
  return (
    q.words.length > 0 &&
    sort === 'relevance' &&
    q.phrases.length === 0 &&
    q.excluded.length === 0 &&
    q.authors.length === 0 &&
    q.categories.length === 0 &&
    q.after === undefined &&
    q.before === undefined &&
    !q.hasCode
  );
}

/** The semantic (mode=semantic) or fused (mode=hybrid) ranking, `want` deep at least; undefined without a model. */
export async function rankWithVectors(
  semantic: SemanticIndex,
  mode: 'semantic' | 'hybrid',
  q: ParsedQuery,
  keyword: EngineHit[],
  want: number,
  signal?: AbortSignal,
): Promise<{ id: string; score: number }[] | undefined> {
  const qv = await semantic.embedQuery(q.words.join(' '), signal);
  if (!qv) return undefined;
  const near = semantic.nearest(qv, Math.max(want, FUSION_DEPTH));
  if (mode === 'semantic') return near;
  return scoreFusion(
    keyword,
    (id) => semantic.cosine(id, qv),
    near.map((h) => h.id),
  );
}
