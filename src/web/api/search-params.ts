// zod schema of the search query parameters (page and API). The query text itself is never rejected: the
// parser reads anything; only paging, mode and sort are validated.
import { z } from 'zod';
import { MAX_QUERY_CHARS, sortOrders } from '../../search/query.js';
import { searchModes } from '../../search/hybrid.js';
import { MAX_OFFSET } from '../../search/service.js';

export { searchModes };

export const searchParams = z.object({
  q: z
    .string()
    .default('')
    .transform((s) => s.slice(0, MAX_QUERY_CHARS))
    .describe('query: words, "phrases", -exclude, author:, cat:, year:, after:, before:, has:code, sort:'),
  mode: z
    .enum(searchModes, { error: `must be one of ${searchModes.join(', ')}` })
    .default('hybrid')
    .describe(
      'hybrid (default): keyword and semantic scores fused; semantic: nearest by meaning only; keyword: BM25. ' +
        'Queries with filters, phrases or a non-relevance sort are answered by keyword search.',
    ),
  sort: z
    .enum(sortOrders, { error: `must be one of ${sortOrders.join(', ')}` })
    .optional()
    .describe('default: relevance, or newest first for a query without words'),
  limit: z.coerce.number().int().min(1).max(100, 'must be at most 100').default(20),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET, `must be at most ${MAX_OFFSET}`).default(0),
});

export type SearchParams = z.infer<typeof searchParams>;
