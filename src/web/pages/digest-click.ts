// GET /r/:token — a paper link in a digest: counts the click (once per subscriber, paper and digest period, as the
// pp_clicks signal) and redirects to the paper page. A link whose token no longer verifies (expired after a year,
// or signed with an old key) still takes the reader to the paper when its paper id can be read; it is not counted.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { parseArxivId } from '../../model/ids.js';
import { notFoundPage } from './not-found.js';

export interface ClickTarget {
  subscriberId: number;
  paperId: string;
  period: string;
}

/** Parses a click token's subject `<subscriber>:<paper id>:<period>` (old-style ids hold no colon either). */
export function parseClickSubject(subject: string): ClickTarget | undefined {
  const m = /^(\d{1,15}):(.+):(\d{4}-(?:\d{2}-\d{2}|W\d{2}))$/.exec(subject);
  if (!m) return undefined;
  const id = parseArxivId(m[2]!);
  if (!id) return undefined;
  return { subscriberId: Number(m[1]), paperId: id.id, period: m[3]! };
}

/** The subject of a token read WITHOUT checking its signature: only ever used to find where to redirect. */
function unverifiedSubject(token: string): string | undefined {
  const body = token.split('.')[1];
  if (!body || token.length > 2048) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { s?: unknown };
    return typeof payload.s === 'string' ? payload.s : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies, counts once and redirects (302) to the paper page; 404 when no paper id can be read. */
export async function digestClick(c: Context<AppEnv>) {
  const token = c.req.param('token') ?? '';
  const signer = c.var.mail?.signer;
  let target: ClickTarget | undefined;
  let verified = false;
  if (signer) {
    try {
      target = parseClickSubject(signer.verify(token, 'click').subject);
      verified = target !== undefined;
    } catch {
      // Expired, tampered or from another key: fall through to the readable paper id.
    }
  }
  target ??= parseClickSubject(unverifiedSubject(token) ?? '');
  if (!target)
    return notFoundPage(c, 'This link is not valid. The paper it pointed to cannot be read from it.');
  if (verified) {
    try {
      await c.var.store.recordDigestClick(target.subscriberId, target.paperId, target.period, new Date());
    } catch (e) {
      // Counting is a signal, not the reader's business: the redirect must work even when the write fails.
      c.var.log.warn({ err: (e as Error).message, paper: target.paperId }, 'digest click not recorded');
    }
  }
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.redirect(`/papers/${target.paperId}`, 302);
}
