// zod schema of what GET /api/search returns: documents the endpoint (OpenAPI) and is checked by its tests.
import { z } from 'zod';
import { searchModes } from '../../search/hybrid.js';
import { paperResponse } from './responses.js';

const range = z.tuple([z.number().int(), z.number().int()]).describe('[start, end) UTF-16 offsets');

export const searchResponse = z
  .object({
    query: z.string(),
    mode: z.enum(searchModes).describe('the mode that ranked the results'),
    mode_requested: z.enum(searchModes),
    semantic: z.object({
      state: z.enum(['loading', 'ready', 'building', 'failed']),
      papers: z.number().int().describe('papers with a vector'),
      model: z.string().nullable().describe('id of the embedding model (changes when it is retrained)'),
    }),
    sort: z.enum(['relevance', 'date', 'trending']),
    total: z.number().int().describe('papers matching the query and its filters'),
    total_exact: z
      .boolean()
      .describe('false when the total is estimated (phrase queries with many candidates)'),
    limit: z.number().int(),
    offset: z.number().int(),
    index: z.object({
      state: z.enum(['loading', 'ready', 'building', 'failed']),
      papers: z.number().int().describe('searchable papers'),
      cursor: z.number().int().describe('store change cursor the index has caught up to'),
      rebuilding: z.boolean(),
      progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
      message: z.string().nullable().describe('set when results may be empty or incomplete'),
    }),
    results: z.array(
      paperResponse.extend({
        rank: z.number().int(),
        score: z
          .number()
          .describe('keyword: BM25 (0 when sorted by date without words); semantic: cosine; hybrid: fused'),
        snippet: z.string().describe('the passage of the abstract that matches best'),
        highlights: z.array(range).describe('matched words in snippet'),
        title_highlights: z.array(range).describe('matched words in title'),
      }),
    ),
  })
  .meta({ id: 'SearchResults' });
