// zod schemas for what the web and API accept, and the JSON shapes they return.
import { z } from 'zod';
import { views } from '../../rank/window.js';

const category = z
  .string()
  .trim()
  .regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'must be an arXiv category such as cs.LG');

/** Query of the trending list (page and API). */
export const trendingQuery = z
  .object({
    view: z.enum(views, { error: `must be one of ${views.join(', ')}` }).default('trending'),
    window: z.enum(views).optional(),
    category: category.optional().or(z.literal('').transform(() => undefined)),
    limit: z.coerce.number().int().min(1).max(100, 'must be at most 100').default(30),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .transform(({ window, ...q }) => ({ ...q, view: window ?? q.view }));

export type TrendingQuery = z.infer<typeof trendingQuery>;
