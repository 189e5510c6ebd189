// /api/trending, the trending page, /about/trending and the paper page's "why trending", over the demo corpus plus
// a few planted papers, with a real search service for "trending within a search".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { importDemo } from '../../ingest/demo.js';
import { paperpulse } from '../../ingest/formats/paperpulse.js';
import { SearchService } from '../../search/service.js';
import { PageViews } from '../../rank/page-views.js';
import { createApp } from '../app.js';
import { trendingResponse } from './responses.js';
import { openApiDocument } from './openapi.js';

let t: TempStore;
let app: ReturnType<typeof createApp>;
let search: SearchService;
let views: PageViews;
const log = pino({ level: 'silent' });

// Planted on the demo's newest day (2025-12-18): one with code and a rising repository, one cross-listed.
const planted = [
  {
    id: '2512.90001',
    title: 'Quokka: a rising repository for sparse attention',
    abstract: 'We propose Quokka, sparse attention with code.',
    authors: ['A. Writer'],
    categories: ['cs.LG'],
    primary_category: 'cs.LG',
    first_seen: '2025-12-16',
    code_urls: ['https://github.com/example/quokka'],
    signals: [
      { kind: 'github_stars', value: 100, observed_at: '2025-12-16T06:00:00Z' },
      { kind: 'github_stars', value: 1100, observed_at: '2025-12-18T06:00:00Z' },
      { kind: 'hf_upvotes', value: 300, observed_at: '2025-12-17T06:00:00Z' },
    ],
  },
  {
    id: '2512.90002',
    title: 'Wombat: cross-listed sparse attention without code',
    abstract: 'Sparse attention for language, without code.',
    authors: ['B. Writer'],
    categories: ['cs.CL', 'cs.LG'],
    primary_category: 'cs.CL',
    first_seen: '2025-12-17',
    signals: [{ kind: 'hf_upvotes', value: 200, observed_at: '2025-12-18T06:00:00Z' }],
  },
];

interface Body {
  total: number;
  window: { from: string | null; to: string; stale: boolean; time_zone: string } | null;
  computed_at: string | null;
  results: {
    id: string;
    rank: number;
    why: string[];
    categories: string[];
    primary_category: string;
    links: { code: string[] };
    score: {
      value: number;
      points: number;
      basis: string;
      parts: { kind: string; value: number; points: number }[];
    };
  }[];
  error?: { code: string; message: string };
}

const get = async (url: string) => {
  const res = await app.request(url, { headers: { 'user-agent': 'Mozilla/5.0 (test reader)' } });
  return {
    status: res.status,
    res,
    body: (await res
      .clone()
      .json()
      .catch(() => null)) as Body,
  };
};

beforeAll(async () => {
  t = await tempStore();
  await importDemo(t.store);
  for (const row of planted) {
    const rec = paperpulse.parse(row, {});
    await t.store.importBatch({ papers: [rec.paper], signals: rec.signals });
  }
  search = new SearchService({ store: t.store, log, dataDir: t.dir, semantic: false });
  await search.start(60_000);
  await search.idle();
  views = new PageViews({ store: t.store, secretKey: 'k'.repeat(40), flushMs: 60_000 });
  app = createApp({
    store: t.store,
    log,
    publicUrl: 'http://paperpulse.test',
    search,
    views,
    freshnessMs: 0,
  });
}, 120_000);
afterAll(async () => {
  await views.stop();
  await search.stop();
  await t.cleanup();
});

describe('GET /api/trending', () => {
  it.each(['trending', 'day', 'week', 'month', 'all'])(
    'matches the documented shape for window=%s',
    async (w) => {
      const { status, body } = await get(`/api/trending?window=${w}&limit=10`);
      expect(status).toBe(200);
      expect(trendingResponse.safeParse(body).error).toBeUndefined();
      expect(body.window).toMatchObject({ to: '2025-12-18', stale: true, time_zone: 'UTC' });
      expect(body.computed_at).not.toBeNull();
      for (const r of body.results) {
        expect(r.why.length).toBeGreaterThan(0);
        const sum = r.score.parts.reduce((s, p) => s + p.points, 0);
        expect(r.score.points).toBeGreaterThanOrEqual(sum - 1e-9);
      }
    },
  );

  it('ranks by gains: the rising repository leads, its first star count is not a gain', async () => {
    const { body } = await get('/api/trending?limit=3');
    const top = body.results[0]!;
    expect(top.id).toBe('2512.90001');
    expect(top.score.basis).toBe('gains_trailing');
    // 1,000 stars gained (not the first 100): 10·log10(1001); 300 upvotes.
    expect(top.score.parts).toEqual([
      { kind: 'hf_upvotes', value: 300, weight: 1, log: false, points: 300 },
      { kind: 'github_stars', value: 1000, weight: 10, log: true, points: 10 * Math.log10(1001) },
    ]);
    expect(top.why.slice(0, 2)).toEqual(['+1k GitHub stars in 7 days', '+300 upvotes']);
  });

  it('slices by category (any or primary) and has_code', async () => {
    const any = (await get('/api/trending?category=cs.LG&limit=100')).body;
    expect(any.results.map((r) => r.id)).toEqual(expect.arrayContaining(['2512.90001', '2512.90002']));
    expect(any.results.every((r) => r.categories.includes('cs.LG'))).toBe(true);
    const primary = (await get('/api/trending?category=cs.LG&category_match=primary&limit=100')).body;
    expect(primary.results.map((r) => r.id)).not.toContain('2512.90002');
    expect(primary.results.every((r) => r.primary_category === 'cs.LG')).toBe(true);
    const code = (await get('/api/trending?has_code=true&limit=100')).body;
    expect(code.results.length).toBeGreaterThan(0);
    expect(code.results.every((r) => r.links.code.length > 0)).toBe(true);
    const noCode = (await get('/api/trending?has_code=false&limit=100')).body;
    expect(noCode.results.map((r) => r.id)).not.toContain('2512.90001');
  });

  it('pages without overlap and counts the slice', async () => {
    const a = (await get('/api/trending?window=all&limit=20')).body;
    const b = (await get('/api/trending?window=all&limit=20&offset=20')).body;
    expect(a.total).toBe(b.total);
    expect(b.results[0]!.rank).toBe(21);
    const ids = new Set(a.results.map((r) => r.id));
    expect(b.results.some((r) => ids.has(r.id))).toBe(false);
  });

  it('ranks within a search query', async () => {
    const { body } = await get('/api/trending?q=sparse+attention&limit=5');
    expect(body.results.map((r) => r.id).slice(0, 2)).toEqual(['2512.90001', '2512.90002']);
    expect(body.total).toBeLessThanOrEqual(200);
  });

  it('counts windows in the given time zone and refuses unknown zones and bad filters', async () => {
    const ok = (await get('/api/trending?window=day&tz=America/New_York')).body;
    expect(ok.window?.time_zone).toBe('America/New_York');
    const bad = await get('/api/trending?tz=Mars/Olympus&has_code=maybe&category_match=some');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/tz/);
    expect(bad.body.error?.message).toMatch(/has_code/);
  });

  it('documents the parameters in the OpenAPI document', () => {
    const doc = openApiDocument('http://paperpulse.test') as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    const names = doc.paths['/api/trending']!.get.parameters.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['window', 'category', 'category_match', 'has_code', 'q', 'tz']),
    );
  });
});

describe('pages', () => {
  it('the trending page has tabs, category chips, a has-code toggle, pages and sparklines, all as links', async () => {
    const { res } = await get('/');
    const html = await res.text();
    for (const href of [
      '/?view=day',
      '/?view=week',
      '/?view=month',
      '/?view=all',
      '/c/cs.LG',
      '/?has_code=true',
    ])
      expect(html).toContain(`href="${href}"`);
    expect(html).toContain('href="/?offset=30"');
    expect(html).toMatch(/<svg class="spark"[^>]*role="img"[^>]*aria-label="[^"]+"/);
    expect(html).toContain('+1k GitHub stars in 7 days');
    // Strict CSP: no inline script or style anywhere (scripts only by src).
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)|\sstyle=/);
    const code = await (await get('/?has_code=true')).res.text();
    expect(code).toContain('aria-pressed="true"');
    expect(code).toContain('Quokka');
    expect(code).not.toContain('Wombat');
  });

  it('the paper page explains the score with a sparkline', async () => {
    const html = await (await get('/papers/2512.90001')).res.text();
    expect(html).toContain('Why it is trending');
    expect(html).toContain('+1k GitHub stars in 7 days · +300 upvotes');
    expect(html).toMatch(/<polyline points="[\d., ]+"/);
    expect(html).toContain('href="/about/trending"');
  });

  it('/about/trending states the live constants', async () => {
    const html = await (await get('/about/trending')).res.text();
    expect(html).toContain('(age in days + 10)^1.2');
    expect(html).toContain('10 for every tenfold gained');
  });
});

describe('page views', () => {
  it('counts a visitor once a day, writes pp_views in one batch, and never stores the address', async () => {
    await views.flush(); // views from the tests above
    for (let i = 0; i < 3; i++) await get('/papers/2512.90002');
    await app.request('/papers/2512.90002', { headers: { 'user-agent': 'Googlebot/2.1' } });
    await app.request('/papers/2512.90002', { headers: { 'user-agent': 'Other browser' } });
    expect(await t.store.signalsForPaper('2512.90002', '2100-01-01T00:00:00Z')).not.toHaveProperty(
      'pp_views',
    );
    expect(await views.flush()).toBe(1);
    expect((await t.store.signalsForPaper('2512.90002', '2100-01-01T00:00:00Z')).pp_views).toBe(2);
    const hash = views.visitor('2025-12-18', 'local', 'Mozilla/5.0 (test reader)');
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hash).not.toBe(views.visitor('2025-12-19', 'local', 'Mozilla/5.0 (test reader)'));
  });
});
