import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { validate } from '@readme/openapi-parser';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { importDemo } from '../../ingest/demo.js';
import { createApp } from '../app.js';
import { operations } from './openapi.js';
import { errorResponse } from './responses.js';

let t: TempStore;
let app: ReturnType<typeof createApp>;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  t = await tempStore();
  await importDemo(t.store);
  app = createApp({ store: t.store, log, publicUrl: 'http://paperpulse.test' });
});
afterAll(() => t.cleanup());

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths)).toEqual(operations.map((o) => o.path));
    expect(doc.components.schemas).toHaveProperty('TrendingEntry');
  });

  it('describes what the endpoints really return', async () => {
    const samples: [string, string][] = [
      ['/api/trending', '/api/trending?limit=5&window=week'],
      ['/api/papers/{id}', '/api/papers/2509.22186'],
      ['/healthz', '/healthz'],
    ];
    for (const [path, url] of samples) {
      const op = operations.find((o) => o.path === path)!;
      const res = await app.request(url);
      expect(res.status).toBe(200);
      const parsed = op.response.safeParse(await res.json());
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
    const bad = await app.request('/api/trending?limit=0');
    expect(bad.status).toBe(400);
    expect(errorResponse.safeParse(await bad.json()).success).toBe(true);
  });

  it('is rendered as a reference page that works without JavaScript', async () => {
    const html = await (await app.request('/api')).text();
    expect(html).toContain('<code>GET /api/trending</code>');
    expect(html).toContain('<code>limit</code>');
    expect(html).toContain('integer 1–100, default 30');
    expect(html).not.toContain('<script');
  });
});

describe('cross-origin reads', () => {
  it('allows any origin to GET the API, and only to read', async () => {
    const res = await app.request('/api/trending?limit=1', {
      headers: { Origin: 'https://elsewhere.example' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await app.request('/api/trending', {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
  });
});

describe('rate limiting', () => {
  it('answers 429 with RateLimit headers once a client spends its budget, and refills over time', async () => {
    let now = 1_000_000;
    const limited = createApp({
      store: t.store,
      log,
      publicUrl: 'http://paperpulse.test',
      rateLimit: { limit: 3, windowSeconds: 60, now: () => now },
    });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await limited.request('/api/papers/2509.22186');
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const over = await limited.request('/api/papers/2509.22186');
    expect(over.status).toBe(429);
    expect((await over.json()).error.code).toBe('rate_limited');
    expect(over.headers.get('ratelimit-limit')).toBe('3');
    expect(Number(over.headers.get('retry-after'))).toBe(20);
    // Pages are not limited, only the API.
    expect((await limited.request('/about')).status).toBe(200);
    now += 20_000; // one request's worth of refill (3 per 60 s)
    expect((await limited.request('/api/papers/2509.22186')).status).toBe(200);
    expect((await limited.request('/api/papers/2509.22186')).status).toBe(429);
  });

  it('is off when the limit is 0', async () => {
    const open = createApp({
      store: t.store,
      log,
      publicUrl: 'http://x',
      rateLimit: { limit: 0, windowSeconds: 60 },
    });
    for (let i = 0; i < 5; i++) expect((await open.request('/healthz')).status).toBe(200);
    const res = await open.request('/api/trending?limit=1');
    expect(res.headers.get('ratelimit-limit')).toBeNull();
  });
});
