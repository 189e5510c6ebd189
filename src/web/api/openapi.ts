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
}

/** Every operation of the API; a new endpoint is documented by adding it here. */
export const operations: Operation[] = [
  {
    path: '/api/trending',
    operationId: 'trending',
    summary: 'Trending papers',
    description: 'One page of the trending list, each entry with its score breakdown and reasons.',
    tag: 'papers',
    query: trendingParams,
    response: trendingResponse,
    errors: [400, 429],
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
    errors: [400, 404, 429],
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
    errors: [400, 404, 429],
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
    errors: [400, 429],
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
  429: 'Too many requests (see the RateLimit headers)',
  503: 'The store does not answer',
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
      ...Object.entries(op.query?.shape ?? {}).map(([name, s]) => {
        const schema = toSchema(s as z.ZodType, schemas, 'input');
        return { name, in: 'query', required: false, description: schema.description, schema };
      }),
    ];
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        content: { 'application/json': { schema: toSchema(op.response, schemas, 'output') } },
      },
    };
    for (const code of op.errors) {
      responses[code] = {
        description: statusText[code] ?? 'Error',
        content: { 'application/json': { schema: toSchema(errorResponse, schemas, 'output') } },
      };
    }
    paths[op.path] = {
      get: {
        operationId: op.operationId,
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        tags: [op.tag],
        parameters,
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
        'Responses carry ETag and Cache-Control headers; GET requests may come from any origin (CORS).',
    },
    servers: [{ url: publicUrl }],
    tags: [
      { name: 'papers', description: 'Papers and rankings' },
      { name: 'operations', description: 'Health and monitoring' },
    ],
    paths,
    components: { schemas },
  };
}
