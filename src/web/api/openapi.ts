// The OpenAPI 3.1 document of the JSON API, generated from the same zod schemas that validate requests and
// describe responses, so the document cannot drift from the code.
import { z } from 'zod';
import { trendingParams } from './schemas.js';
import {
  errorResponse,
  healthResponse,
  paperWithSignalsResponse,
  similarResponse,
  trendingResponse,
} from './responses.js';
import { searchParams } from './search-params.js';
import { searchResponse } from './search-response.js';
import { similarParams } from './similar.js';
import { subscriptionAccepted, subscriptionRequest } from './subscriptions.js';
import { formatParam } from './export.js';
import { paperListParams, paperListResponse } from './paper-list.js';
import { authorResponse, authorsParams, authorsResponse, categoriesResponse } from './directory.js';

/** One documented GET operation. */
export interface Operation {
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  query?: z.ZodObject;
  pathParams?: Record<string, { description: string; schema: z.ZodType }>;
  response: z.ZodType;
  /** Status codes besides 200 that this operation answers with the error shape. */
  errors: number[];
  /** A list (a `results` array): it takes `format` and can answer as JSON lines or CSV (api/export.ts). */
  list?: boolean;
  /** POST operations (default GET) and their JSON body. */
  method?: 'post';
  body?: z.ZodType;
  /** The success status (default 200). */
  status?: number;
}

/** Every operation of the API; a new endpoint is documented by adding it here. */
export const operations: Operation[] = [
  {
    path: '/api/papers',
    operationId: 'listPapers',
    summary: 'List papers',
    description:
      'Papers newest first (by the day arXiv first listed them), filtered by category, author, code and listing ' +
      'dates; page with next_cursor (keyset: pages stay consistent while new papers arrive).',
    tag: 'papers',
    query: paperListParams,
    response: paperListResponse,
    errors: [400, 429, 503],
    list: true,
  },
  {
    path: '/api/trending',
    operationId: 'trending',
    summary: 'Trending papers',
    description: 'One page of the trending list, each entry with its score breakdown and reasons.',
    tag: 'papers',
    query: trendingParams,
    response: trendingResponse,
    errors: [400, 429, 503],
    list: true,
  },
  {
    path: '/api/papers/{id}',
    operationId: 'getPaper',
    summary: 'One paper',
    description: 'A paper with its latest signals.',
    tag: 'papers',
    pathParams: {
      id: { description: 'arXiv id, e.g. 2509.17458 (a version suffix is ignored)', schema: z.string() },
    },
    response: paperWithSignalsResponse,
    errors: [400, 404, 429, 503],
  },
  {
    path: '/api/papers/{id}/similar',
    operationId: 'similarPapers',
    summary: 'Similar papers',
    description: 'The papers nearest to this one by meaning (cosine of the built-in embedding model).',
    tag: 'papers',
    query: similarParams,
    pathParams: {
      id: { description: 'arXiv id, e.g. 2509.17458 (a version suffix is ignored)', schema: z.string() },
    },
    response: similarResponse,
    errors: [400, 404, 429, 503],
    list: true,
  },
  {
    path: '/api/search',
    operationId: 'search',
    summary: 'Search papers',
    description:
      'Hybrid (default), semantic or keyword search (BM25 over title, abstract and authors) with query syntax: words, "phrases", -exclude, ' +
      'author:, cat:, year:, after:, before:, has:code, sort:. Any query text is accepted.',
    tag: 'papers',
    query: searchParams,
    response: searchResponse,
    errors: [400, 429, 503],
    list: true,
  },
  {
    path: '/api/categories',
    operationId: 'listCategories',
    summary: 'Categories',
    description:
      'Every arXiv category with papers here, with its paper count (primary or cross-listed), most first.',
    tag: 'directory',
    response: categoriesResponse,
    errors: [429, 503],
    list: true,
  },
  {
    path: '/api/authors',
    operationId: 'findAuthors',
    summary: 'Find authors',
    description:
      'Author names starting with q (case and accents ignored), with paper counts, most papers first.',
    tag: 'directory',
    query: authorsParams,
    response: authorsResponse,
    errors: [400, 429, 503],
    list: true,
  },
  {
    path: '/api/authors/{name}',
    operationId: 'getAuthor',
    summary: 'One author',
    description: 'Paper count, active dates, categories and frequent co-authors of an author (exact name).',
    tag: 'directory',
    pathParams: { name: { description: 'the author name exactly as on the papers', schema: z.string() } },
    response: authorResponse,
    errors: [400, 404, 429, 503],
  },
  {
    path: '/api/subscriptions',
    operationId: 'subscribe',
    method: 'post',
    summary: 'Subscribe to the email digest',
    description:
      'Double opt-in: a confirmation email is sent and nothing else until it is confirmed. The answer is the same ' +
      'whatever the address (new, pending, subscribed or suppressed), so it reveals nothing about it. Limited ' +
      'per client address and per email address.',
    tag: 'subscriptions',
    body: subscriptionRequest,
    response: subscriptionAccepted,
    status: 202,
    errors: [400, 415, 429, 503],
  },
  {
    path: '/healthz',
    operationId: 'health',
    summary: 'Health check',
    tag: 'operations',
    response: healthResponse,
    errors: [503],
  },
];

const statusText: Record<number, string> = {
  400: 'Invalid parameters',
  404: 'Not found',
  415: 'The body must be application/json',
  429: 'Too many requests (see the RateLimit headers and Retry-After)',
  503: 'The store (or, for search, the search service) does not answer; retry after Retry-After seconds',
};

const header = (description: string) => ({ description, schema: { type: 'integer' } });
/** Headers of every rate-limited API answer (absent when the server runs without a limit). */
const rateLimitHeaders = {
  'RateLimit-Limit': header('requests allowed per window'),
  'RateLimit-Remaining': header('requests left in the current window'),
  'RateLimit-Reset': header('seconds until the budget is full again'),
};

type JsonSchema = Record<string, unknown>;

/** Converts a zod schema, moving named definitions into `defs` and pointing references at components. */
function toSchema(schema: z.ZodType, defs: Record<string, unknown>, io: 'input' | 'output'): JsonSchema {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete s.$schema;
  const local = (s.$defs ?? {}) as Record<string, unknown>;
  delete s.$defs;
  const retarget = (v: unknown) =>
    JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  for (const [name, def] of Object.entries(local)) defs[name] = retarget(def);
  return retarget(s);
}

/** The OpenAPI 3.1 document for a server reachable at `publicUrl`. */
export function openApiDocument(publicUrl: string) {
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (const op of operations) {
    const parameters = [
      ...Object.entries(op.pathParams ?? {}).map(([name, p]) => ({
        name,
        in: 'path',
        required: true,
        description: p.description,
        schema: toSchema(p.schema, schemas, 'input'),
      })),
      ...Object.entries({ ...(op.query?.shape ?? {}), ...(op.list ? { format: formatParam } : {}) }).map(
        ([name, s]) => {
          const schema = toSchema(s, schemas, 'input');
          const required = !(s as z.ZodType).safeParse(undefined).success;
          return { name, in: 'query', required, description: schema.description, schema };
        },
      ),
    ];
    const limited = op.path.startsWith('/api/');
    const responses: Record<string, unknown> = {
      [op.status ?? 200]: {
        description: op.list
          ? 'OK. With format=jsonl or format=csv, the results array as JSON lines or a CSV table instead.'
          : 'OK',
        ...(limited ? { headers: rateLimitHeaders } : {}),
        content: {
          'application/json': { schema: toSchema(op.response, schemas, 'output') },
          ...(op.list
            ? {
                'application/x-ndjson': { schema: { type: 'string', description: 'one result per line' } },
                'text/csv': {
                  schema: { type: 'string', description: 'a header line, then one result per line' },
                },
              }
            : {}),
        },
      },
    };
    for (const code of op.errors) {
      responses[code] = {
        description: statusText[code] ?? 'Error',
        ...(code === 429 || code === 503
          ? {
              headers: {
                ...(code === 429 ? rateLimitHeaders : {}),
                'Retry-After': header('seconds to wait'),
              },
            }
          : {}),
        content: { 'application/json': { schema: toSchema(errorResponse, schemas, 'output') } },
      };
    }
    paths[op.path] = {
      [op.method ?? 'get']: {
        operationId: op.operationId,
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        tags: [op.tag],
        parameters,
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: toSchema(op.body, schemas, 'input') } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'paperpulse API',
      version: '0.1.0',
      description:
        'Trending research papers with an explained score. Errors always have the shape {"error": {"code", "message"}}. ' +
        'Responses carry ETag and Cache-Control headers; GET requests may come from any origin (CORS). ' +
        'Every list takes format=jsonl or format=csv to export its results. Each client may make RATE_LIMIT ' +
        'requests a minute (RateLimit-* headers; 429 with Retry-After beyond). A method a path does not serve ' +
        'answers 405 with an Allow header.',
    },
    servers: [{ url: publicUrl }],
    tags: [
      { name: 'papers', description: 'Papers and rankings' },
      { name: 'directory', description: 'Categories and authors, with counts' },
      { name: 'subscriptions', description: 'Email digests' },
      { name: 'operations', description: 'Health and monitoring' },
    ],
    paths,
    components: { schemas },
  };
}
