// zod schemas for what the web and API accept, and the JSON shapes they return.
import { z } from 'zod';
import { isTimeZone, views } from '../../rank/window.js';

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
      'trending (gains over 7 days, decayed by age), day, week, month (first listed in the last 1/7/30 days, by gains since listing) or all (totals)',
    ),
  window: z.enum(views).optional().describe('alias of view'),
  category: category
    .optional()
    .or(z.literal('').transform(() => undefined))
    .describe('only papers listed in this arXiv category (primary or cross-list)'),
  category_match: z
    .enum(['any', 'primary'], { error: 'must be any or primary' })
    .default('any')
    .describe('any: primary or cross-listed category; primary: the primary category only'),
  has_code: z
    .enum(['true', 'false', '1', '0', ''], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'))
    .describe('true: only papers that link code; false: only papers without code'),
  q: z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .optional()
    .transform((v) => (v ? v : undefined))
    .describe('a search query: rank only its best 200 matches (trending within results)'),
  tz: z
    .string()
    .trim()
    .max(64)
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' })
    .default('UTC')
    .describe('time zone whose calendar days "today", "this week" and "this month" count (default UTC)'),
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
