// GET /api/categories, /api/authors?q= and /api/authors/:name — what there is to list, with counts.
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { authorPath, categoryPath } from '../views/format.js';
import { categoryName } from '../views/categories.js';
import { apiError, invalidQuery } from './errors.js';

export const categoriesResponse = z
  .object({
    results: z.array(
      z.object({
        category: z.string().describe('arXiv category code, e.g. cs.LG'),
        name: z.string().nullable().describe('its name, when paperpulse knows it'),
        papers: z.number().int().describe('papers listed in it, as primary or cross-listed category'),
        links: z.object({ page: z.url(), feed: z.url(), papers: z.url() }),
      }),
    ),
  })
  .meta({ id: 'CategoryList' });

export const authorsParams = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'is required: the start of an author name, e.g. q=yosh')
    .max(200)
    .describe('the start of the name as written (given name first); case and accents are ignored'),
  limit: z.coerce.number().int().min(1).max(100, 'must be at most 100').default(20),
});

const authorLinks = z.object({ page: z.url(), feed: z.url(), papers: z.url(), summary: z.url() });

export const authorsResponse = z
  .object({
    query: z.string(),
    results: z.array(
      z.object({
        name: z.string(),
        papers: z.number().int().describe('papers by this name'),
        links: authorLinks,
      }),
    ),
  })
  .meta({ id: 'AuthorList' });

export const authorResponse = z
  .object({
    name: z.string(),
    papers: z.number().int(),
    first_seen: z.string().describe('listing day of the oldest paper (YYYY-MM-DD)'),
    last_seen: z.string().describe('listing day of the newest paper (YYYY-MM-DD)'),
    categories: z.array(z.object({ category: z.string(), papers: z.number().int() })),
    coauthors: z.array(z.object({ name: z.string(), papers: z.number().int().describe('papers together') })),
    links: authorLinks,
  })
  .meta({ id: 'Author' });

function linksOf(publicUrl: string, name: string) {
  return {
    page: `${publicUrl}${authorPath(name)}`,
    feed: `${publicUrl}${authorPath(name)}/feed.atom`,
    papers: `${publicUrl}/api/papers?author=${encodeURIComponent(name)}`,
    summary: `${publicUrl}/api/authors/${encodeURIComponent(name)}`,
  };
}

/** Every category with its paper count, most papers first. */
export async function apiCategories(c: Context<AppEnv>, publicUrl: string) {
  const counts = await c.var.store.categoryCounts();
  return c.json({
    results: counts.map((r) => ({
      category: r.category,
      name: categoryName(r.category),
      papers: r.papers,
      links: {
        page: `${publicUrl}${categoryPath(r.category)}`,
        feed: `${publicUrl}${categoryPath(r.category)}/feed.atom`,
        papers: `${publicUrl}/api/papers?category=${encodeURIComponent(r.category)}`,
      },
    })),
  });
}

/** Author names starting with `q`, most papers first. */
export async function apiAuthors(c: Context<AppEnv>, publicUrl: string) {
  const parsed = authorsParams.safeParse(c.req.query());
  if (!parsed.success) return invalidQuery(c, parsed.error);
  const found = await c.var.store.authorsByPrefix(parsed.data.q, parsed.data.limit);
  return c.json({
    query: parsed.data.q,
    results: found.map((a) => ({ name: a.name, papers: a.papers, links: linksOf(publicUrl, a.name) })),
  });
}

/** One author by exact name: counts, dates, categories, co-authors; 404 when no paper names them. */
export async function apiAuthor(c: Context<AppEnv>, publicUrl: string) {
  const name = (c.req.param('name') ?? '').trim();
  if (!name || name.length > 200)
    return apiError(c, 400, 'invalid_name', 'name: give an author name of 1 to 200 characters');
  const s = await c.var.store.authorSummary(name);
  if (!s)
    return apiError(
      c,
      404,
      'not_found',
      `No papers by "${name}" here; names must match exactly (find them with /api/authors?q=)`,
    );
  return c.json({
    name: s.name,
    papers: s.papers,
    first_seen: s.firstSeen,
    last_seen: s.lastSeen,
    categories: s.categories,
    coauthors: s.coauthors,
    links: linksOf(publicUrl, s.name),
  });
}
