// GET /api/papers — papers newest first with filters (category, author, code, listing dates) and keyset cursors.
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import type { ListCursor } from '../../store/paper-list-store.js';
import { apiError, invalidQuery } from './errors.js';
import { paperJson } from './present.js';
import { paperResponse } from './responses.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day such as 2025-09-26')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real calendar day');

/** Encodes where the next page starts; opaque to clients (base64url JSON). */
export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.firstSeen, c.id])).toString('base64url');
}

const cursorShape = z.tuple([day, z.string().min(1).max(64)]);

/** The cursor in a `cursor` parameter, or undefined when it is not one this server handed out. */
export function decodeCursor(text: string): ListCursor | undefined {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { firstSeen: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

export const paperListParams = z.object({
  category: z
    .string()
    .regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'must be an arXiv category such as cs.LG')
    .optional()
    .describe('only papers listed in this arXiv category (primary or cross-list)'),
  author: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('only papers by an author with exactly this name (see /api/authors to find names)'),
  has_code: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .describe('true: only papers with a linked code repository; false: only papers without'),
  from: day.optional().describe('first listed on or after this day (YYYY-MM-DD, UTC)'),
  to: day.optional().describe('first listed on or before this day (YYYY-MM-DD, UTC)'),
  cursor: z
    .string()
    .max(300)
    .optional()
    .describe('where the page starts: next_cursor of the previous page (omit for the first page)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100, 'must be at most 100')
    .default(30)
    .describe('papers per page'),
});

export const paperListResponse = z
  .object({
    filters: z.object({
      category: z.string().nullable(),
      author: z.string().nullable(),
      has_code: z.boolean().nullable(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
    limit: z.number().int(),
    next_cursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
    links: z.object({ next: z.url().nullable() }),
    results: z.array(paperResponse),
  })
  .meta({ id: 'PaperList' });

/** Responds with one page of the filtered list; a next link (JSON and `Link` header) while more may follow. */
export async function apiPaperList(c: Context<AppEnv>, publicUrl: string) {
  const parsed = paperListParams.safeParse(c.req.query());
  if (!parsed.success) return invalidQuery(c, parsed.error);
  const p = parsed.data;
  const after = p.cursor === undefined ? undefined : decodeCursor(p.cursor);
  if (p.cursor !== undefined && !after)
    return apiError(
      c,
      400,
      'invalid_cursor',
      'cursor: not a cursor from this API; pass next_cursor from the previous page, or omit it for the first page',
    );
  if (p.from && p.to && p.from > p.to) return apiError(c, 400, 'invalid_query', 'from: must not be after to');
  const hasCode = p.has_code === undefined ? undefined : p.has_code === 'true';
  // One extra row says whether a next page exists.
  const rows = await c.var.store.listPapers({
    category: p.category,
    author: p.author,
    hasCode,
    from: p.from,
    to: p.to,
    after,
    limit: p.limit + 1,
  });
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  const next =
    rows.length > p.limit && last ? encodeCursor({ firstSeen: last.firstSeen, id: last.id }) : null;
  let nextUrl: string | null = null;
  if (next) {
    const q = new URL(c.req.url).searchParams;
    q.set('cursor', next);
    nextUrl = `${publicUrl}/api/papers?${q.toString()}`;
    c.header('Link', `<${nextUrl}>; rel="next"`);
  }
  return c.json({
    filters: {
      category: p.category ?? null,
      author: p.author ?? null,
      has_code: hasCode ?? null,
      from: p.from ?? null,
      to: p.to ?? null,
    },
    limit: p.limit,
    next_cursor: next,
    links: { next: nextUrl },
    results: page.map((x) => paperJson(x, publicUrl)),
  });
}
