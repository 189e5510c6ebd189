// zod schemas for what the web and API accept, and the JSON shapes they return.
import { z } from 'zod';
import { views } from '../../rank/window.js';

const category = z
  .string()
  .trim()
  .regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'must be an arXiv category such as cs.LG');

/** Parameters of the trending list (page and API), as documented; `window` is an alias of `view`. */
export const trendingParams = z.object({
  view: z
    .enum(views, { error: `must be one of ${views.join(', ')}` })
    .default('trending')
    .describe(
      'trending (decayed), day, week, month (first listed in the last 1/7/30 days) or all (points only)',
    ),
  window: z.enum(views).optional().describe('alias of view'),
  category: category
    .optional()
    .or(z.literal('').transform(() => undefined))
    .describe('only papers listed in this arXiv category (primary or cross-list)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100, 'must be at most 100')
    .default(30)
    .describe('entries per page'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0).describe('entries to skip'),
});

/** The trending parameters, validated, with `window` folded into `view`. */
export const trendingQuery = trendingParams.transform(({ window, ...q }) => ({
  ...q,
  view: window ?? q.view,
}));

export type TrendingQuery = z.infer<typeof trendingQuery>;
