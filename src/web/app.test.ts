import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type DemoApp } from '../../test/helpers/app.js';

let t: DemoApp;
// Response bodies are checked field by field below, so they are read untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();
let app: DemoApp['app'];

const evil = {
  id: '2601.00001',
  title: 'Attack <script>alert(1)</script> with $x^2$ and <img src=x onerror=alert(2)>',
  abstract:
    'See <a href="javascript:alert(3)">here</a> & "quotes" </p><b>unclosed $\\frac{1}{2}$ and $\\href{javascript:alert(4)}{x}$',
  authors: ['Mallory <svg onload=alert(5)>'],
  categories: ['cs.CR'],
  primary_category: 'cs.CR',
  first_seen: '2025-12-18',
  signals: [{ kind: 'hf_upvotes', value: 500, observed_at: '2025-12-18T00:00:00Z' }],
};

beforeAll(async () => {
  t = await demoApp([evil]);
  app = t.app;
});
afterAll(() => t.cleanup());

describe('GET /', () => {
  it('lists trending papers with abstracts, links and the subscribe box', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<article class="paper"/g)?.length).toBe(30);
    expect(html).toContain('Get trending papers in your email inbox once a day!');
    expect(html).toMatch(/<button type="submit">Subscribe<\/button>/);
    expect(html).toContain('https://arxiv.org/pdf/');
    expect(html).toContain('showing demo data');
    // Demo data ends in December 2025, so the page must say it shows older days.
    expect(html).toContain('Nothing new has arrived');
    expect(html).toContain('Dec 18, 2025');
  });

  it('paginates without overlap', async () => {
    const ids = async (offset: number) =>
      [...(await (await app.request(`/?offset=${offset}`)).text()).matchAll(/id="t-([^"]+)"/g)].map(
        (m) => m[1],
      );
    const first = await ids(0);
    const second = await ids(30);
    expect(second).toHaveLength(30);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
  });

  it('filters by category and by window', async () => {
    const html = await (await app.request('/c/cs.RO?view=all')).text();
    expect(html).toContain('Trending in cs.RO');
    const all = (await json(await app.request('/api/trending?window=all&category=cs.RO&limit=100'))) as {
      results: { categories: string[] }[];
    };
    expect(all.results.length).toBeGreaterThan(0);
    for (const r of all.results) expect(r.categories).toContain('cs.RO');
    // The demo's newest week holds only a few papers; the window must contain exactly those.
    const week = (await json(await app.request('/api/trending?window=week&limit=100'))) as {
      window: { from: string; to: string };
      total: number;
      results: { first_seen: string }[];
    };
    expect(week.window).toMatchObject({ from: '2025-12-12', to: '2025-12-18' });
    expect(week.total).toBe(week.results.length);
    expect(week.total).toBeGreaterThan(0);
    for (const r of week.results)
      expect(r.first_seen >= week.window.from && r.first_seen <= week.window.to).toBe(true);
  });

  it('falls back to defaults on nonsense query parameters instead of failing', async () => {
    expect((await app.request('/?view=<script>&limit=-1&category=%3Cb%3E')).status).toBe(200);
  });
});

describe('escaping', () => {
  it('never lets paper text become markup on any page or in JSON', async () => {
    for (const path of ['/', '/papers/2601.00001', '/c/cs.CR']) {
      const html = await (await app.request(path)).text();
      expect(html).toContain('Attack');
      expect(html).not.toMatch(/<script>alert|<img src=x|<svg onload|<a href="javascript:|<b>unclosed/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // \href is refused (trust: false): the TeX may appear as text, never as a link.
      expect(html).not.toMatch(/href="javascript:/i);
    }
    const paper = await json(await app.request('/api/papers/2601.00001'));
    expect(paper.title).toBe(evil.title);
  });

  it('renders inline TeX as MathML and leaves prices alone', async () => {
    const html = await (await app.request('/papers/2601.00001')).text();
    expect(html).toContain('<math');
    expect(html).toContain('<mfrac>');
  });
});

describe('GET /papers/:id', () => {
  it('shows the paper with its reasons', async () => {
    const html = await (await app.request('/papers/2509.17458')).text();
    expect(html).toContain('CARINOX');
    expect(html).toContain('Why it is trending');
    expect(html).toContain('https://arxiv.org/abs/2509.17458');
  });

  it('redirects versioned ids and 404s unknown or malformed ones', async () => {
    const r = await app.request('/papers/2509.17458v3');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/papers/2509.17458');
    expect((await app.request('/papers/2509.99999')).status).toBe(404);
    expect((await app.request('/papers/<script>')).status).toBe(404);
  });
});

describe('JSON API', () => {
  it('returns trending entries with their score breakdown', async () => {
    const res = await app.request('/api/trending?limit=5');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      view: 'trending',
      limit: 5,
      offset: 0,
      window: { stale: true, to: '2025-12-18' },
    });
    expect(body.results).toHaveLength(5);
    const top = body.results[0];
    // The planted paper has 500 upvotes on the newest day, so it must lead.
    expect(top.id).toBe('2601.00001');
    expect(top.score.points).toBeCloseTo(501, 6);
    // Listed and featured on the newest day: 500 upvotes gained from 0, plus the 1-point prior of a new paper.
    expect(top.score.parts).toEqual([{ kind: 'hf_upvotes', value: 500, weight: 1, log: false, points: 500 }]);
    expect(top.score).toMatchObject({ prior: 1, past: 0, basis: 'gains_trailing' });
    expect(top.why[0]).toBe('+500 upvotes in 7 days');
    expect(top.links.pdf).toBe('https://arxiv.org/pdf/2601.00001');
  });

  it('rejects bad parameters with the error shape', async () => {
    const res = await app.request('/api/trending?window=year&limit=1000');
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toMatch(/view|window/);
    expect(body.error.message).toMatch(/limit/);
  });

  it('answers 404/400 for papers with the same shape', async () => {
    expect((await json(await app.request('/api/papers/2509.99999'))).error.code).toBe('not_found');
    const bad = await app.request('/api/papers/nope');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('invalid_id');
    expect((await json(await app.request('/api/nothing'))).error.code).toBe('not_found');
  });

  it('reports health', async () => {
    const body = await json(await app.request('/healthz'));
    expect(body).toMatchObject({ status: 'ok', store: 'sqlite', demo: true });
    expect(body.papers).toBeGreaterThan(2000);
  });
});

describe('HTTP behaviour', () => {
  it('sends security headers and a strict CSP', async () => {
    const res = await app.request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('supports conditional requests and compression', async () => {
    const first = await app.request('/api/trending');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('max-age=');
    expect((await app.request('/api/trending', { headers: { 'If-None-Match': tag! } })).status).toBe(304);
    const gz = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
  });

  it('serves the stylesheet under its hashed name with a long cache', async () => {
    const html = await (await app.request('/')).text();
    const href = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(html)![1]!;
    const css = await app.request(href);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('prefers-color-scheme: dark');
    expect((await app.request('/static/app.old.css')).status).toBe(404);
  });

  it('says so when built without mail, and refuses cross-site subscribe posts', async () => {
    const form = new URLSearchParams({ email: 'reader@example.org' });
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' };
    const ok = await app.request('/subscribe', { method: 'POST', body: form, headers });
    // This app has no accounts (see src/web/accounts.test.ts for the real flows): nothing is taken.
    expect(ok.status).toBe(503);
    const html = await ok.text();
    expect(html).toContain('started without mail');
    expect(html).not.toContain('reader@example.org');
    const evilPost = await app.request('/subscribe', {
      method: 'POST',
      body: form,
      headers: { ...headers, Origin: 'https://evil.example' },
    });
    expect(evilPost.status).toBe(403);
  });
});

describe('when the database does not answer', () => {
  it('fails fast with 503 and Retry-After on pages, API and health', async () => {
    const { openPostgresStore } = await import('../store/postgres.js');
    const net = await import('node:net');
    const { pino } = await import('pino');
    const { createApp } = await import('./app.js');
    // A port that was free a moment ago: nothing listens, so every query is refused at once.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const down = openPostgresStore(`postgres://paperpulse@127.0.0.1:${port}/paperpulse`);
    try {
      const broken = createApp({ store: down, log: pino({ level: 'silent' }), publicUrl: 'http://x' });
      for (const path of ['/', '/api/trending', '/healthz']) {
        const res = await broken.request(path);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
      }
      const body = await json(await broken.request('/api/trending'));
      expect(body.error.code).toBe('store_unavailable');
    } finally {
      await down.close();
    }
  });
});
