// zod schemas of what the JSON API returns: the single source for the OpenAPI document and for tests that
// check every response against it.
import { z } from 'zod';
import { views } from '../../rank/window.js';

const isoDateTime = z.string().describe('ISO 8601 timestamp');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('YYYY-MM-DD (UTC)');

export const paperResponse = z
  .object({
    id: z.string().describe('arXiv id without version'),
    version: z.number().int().nullable().describe('latest arXiv version known'),
    title: z.string(),
    authors: z.array(z.string()),
    abstract: z.string(),
    categories: z.array(z.string()),
    primary_category: z.string().nullable(),
    first_seen: day.describe('first day arXiv listed the paper'),
    published: isoDateTime.nullable(),
    updated: isoDateTime.nullable(),
    comment: z.string().nullable(),
    doi: z.string().nullable(),
    journal_ref: z.string().nullable(),
    links: z.object({
      page: z.url(),
      abs: z.url(),
      pdf: z.url(),
      code: z.array(z.string()).describe('linked code repositories'),
    }),
    source: z.string().describe('where the metadata came from'),
  })
  .meta({ id: 'Paper' });

export const signalsResponse = z
  .object({
    hf_upvotes: z.number().nullable(),
    hf_comments: z.number().nullable(),
    github_stars: z.number().nullable(),
    pp_upvotes: z.number().nullable().describe("upvotes by this site's signed-in readers"),
    pp_saves: z.number().nullable().describe("saves by this site's signed-in readers"),
    pp_views: z.number().nullable().describe('paper-page views, one per visitor per day'),
    pp_clicks: z.number().nullable().describe('clicks from digest emails'),
  })
  .meta({ id: 'Signals', description: 'latest value of each signal, null when never observed' });

export const paperWithSignalsResponse = paperResponse
  .extend({ signals: signalsResponse })
  .meta({ id: 'PaperWithSignals' });

export const trendingEntryResponse = paperWithSignalsResponse
  .extend({
    rank: z.number().int().min(1),
    score: z.object({
      value: z.number().describe('the ranking value in this view'),
      points: z.number().describe('points from signals (and the prior), before decay'),
      prior: z.number().describe('points of the recency prior (brand-new papers only)'),
      past: z
        .number()
        .describe(
          'trending view: points of gains made before the trailing days, already weighted (pastWeight)',
        ),
      decay: z
        .number()
        .describe('what the points were divided by: (age_days + offset)^gravity, 1 without decay'),
      age_hours: z.number(),
      basis: z
        .enum(['gains_trailing', 'gains_since_listing', 'totals'])
        .describe('what the parts count: gains over the trailing days, gains since listing, or totals'),
      parts: z.array(
        z.object({
          kind: z.string().describe('signal kind'),
          value: z.number().describe('the gain (or total) of this signal'),
          weight: z.number().describe('points per unit (per tenfold for logarithmic kinds)'),
          log: z.boolean().describe('true when points = weight · log10(1 + value)'),
          points: z.number(),
        }),
      ),
    }),
    why: z.array(z.string()).describe('the reasons in words, most telling first'),
  })
  .meta({ id: 'TrendingEntry' });

export const trendingResponse = z
  .object({
    view: z.enum(views),
    window: z
      .object({
        from: day.nullable(),
        to: day,
        as_of: isoDateTime,
        stale: z.boolean().describe('true when no recent data: the window slid back to the latest data'),
        time_zone: z.string().describe('the time zone whose calendar days the window counts'),
      })
      .nullable(),
    filters: z.object({
      category: z.string().nullable(),
      category_match: z.enum(['any', 'primary']),
      has_code: z.boolean().nullable(),
      q: z.string().nullable().describe('the search query whose results were ranked'),
    }),
    computed_at: isoDateTime
      .nullable()
      .describe('when these scores were computed (null before the first run)'),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    results: z.array(trendingEntryResponse),
  })
  .meta({ id: 'TrendingList' });

export const errorResponse = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ id: 'Error' });

export const healthResponse = z
  .object({
    status: z.literal('ok'),
    store: z.string(),
    papers: z.number().int(),
    demo: z.boolean(),
    search: z
      .object({
        state: z.enum(['loading', 'ready', 'building', 'failed']),
        papers: z.number().int(),
        degraded: z.string().nullable().describe('why this server answers from memory while rebuilding'),
      })
      .nullable()
      .describe("this process's search index (null when it runs no search)"),
  })
  .meta({ id: 'Health' });

export type PaperResponse = z.infer<typeof paperResponse>;
export type TrendingEntryResponse = z.infer<typeof trendingEntryResponse>;
export type SignalsResponse = z.infer<typeof signalsResponse>;

export const similarResponse = z
  .object({
    id: z.string().describe('the paper the others are similar to'),
    model: z.string().nullable().describe('embedding model id; null while no model is trained'),
    state: z.enum(['loading', 'ready', 'building', 'failed']).describe('state of the semantic index'),
    results: z.array(paperResponse.extend({ score: z.number().describe('cosine similarity') })),
  })
  .meta({ id: 'SimilarPapers' });
