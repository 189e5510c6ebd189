// GET /api/papers/:id/similar — the papers nearest to one paper by meaning (its vector's neighbours).
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { parseArxivId } from '../../model/ids.js';
import { apiError, invalidQuery } from './errors.js';
import { paperJson } from './present.js';

export const similarParams = z.object({
  limit: z.coerce.number().int().min(1).max(50, 'must be at most 50').default(10),
});

/** Responds with the similar papers, 400 for a malformed id, 404 when the paper is not stored. */
export async function apiSimilar(c: Context<AppEnv>, publicUrl: string) {
  const parsed = parseArxivId(c.req.param('id') ?? '');
  if (!parsed)
    return apiError(c, 400, 'invalid_id', 'Not an arXiv id (expected e.g. 2509.17458 or hep-th/9901001)');
  const params = similarParams.safeParse(c.req.query());
  if (!params.success) return invalidQuery(c, params.error);
  const paper = await c.var.store.paperById(parsed.id);
  if (!paper) return apiError(c, 404, 'not_found', `No paper ${parsed.id} here`);
  const search = c.var.search;
  const model = search?.semantic?.status();
  const hits = search ? await search.similar(paper.id, params.data.limit) : [];
  // Like search, the answer follows the derived index rather than the store version.
  c.header('Cache-Control', 'no-cache');
  return c.json({
    id: paper.id,
    model: model?.model ?? null,
    state: model?.state ?? 'failed',
    results: hits.map((h) => ({
      ...paperJson(h.paper, publicUrl),
      score: Math.round(h.score * 1000) / 1000,
    })),
  });
}
