// GET /api/papers/:id — one paper with its latest signals.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { parseArxivId } from '../../model/ids.js';
import { apiError } from './errors.js';
import { paperJson, signalsJson } from './present.js';

/** Responds with the paper, 400 for a malformed id, 404 when it is not stored. */
export async function apiPaper(c: Context<AppEnv>, publicUrl: string) {
  const parsed = parseArxivId(c.req.param('id') ?? '');
  if (!parsed)
    return apiError(c, 400, 'invalid_id', 'Not an arXiv id (expected e.g. 2509.17458 or hep-th/9901001)');
  const paper = await c.var.store.paperById(parsed.id);
  if (!paper) return apiError(c, 404, 'not_found', `No paper ${parsed.id} here`);
  const signals = await c.var.store.signalsForPaper(paper.id, new Date().toISOString());
  return c.json({ ...paperJson(paper, publicUrl), signals: signalsJson(signals) });
}
