// The list API (GET /api/papers with filters and cursors, /api/categories, /api/authors), export as JSON lines and
// CSV, and the error shape for 400/404/405/503, through app.request() over a real SQLite store with the demo data.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { demoApp, type DemoApp } from '../../../test/helpers/app.js';
import { openPostgresStore } from '../../store/postgres.js';
import { createApp } from '../app.js';
import { operations } from './openapi.js';
import { errorResponse } from './responses.js';
import { paperListResponse } from './paper-list.js';
import { authorResponse, authorsResponse, categoriesResponse } from './directory.js';
import { csvCell, toCsv } from './export.js';

let t: DemoApp;
const extra = [
  {
    id: '2601.00101',
    title: '=HYPERLINK("http://evil.example","click") formula, "quoted"',
    abstract: '+cmd|calc abstract, with a comma and a\nnewline',
    authors: ['@Mallory Formula', 'Zoë Exportova'],
    categories: ['cs.CR'],
    first_seen: '2025-12-18',
    code_urls: ['https://github.com/example/exporter'],
  },
  {
    id: '2601.00102',
    title: 'A second paper by Zoë',
    abstract: 'Plain.',
    authors: ['Zoë Exportova'],
    categories: ['cs.CR', 'cs.LG'],
    first_seen: '2025-12-17',
  },
];

beforeAll(async () => {
  t = await demoApp(extra);
});
afterAll(() => t.cleanup());

const get = async (url: string, init?: RequestInit) => {
  const res = await t.app.request(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { res, text, json: json as Record<string, unknown> & { error: { code: string; message: string } } };
};

type Page = {
  results: { id: string; first_seen: string; categories: string[]; links: { code: string[] } }[];
};

describe('GET /api/papers', () => {
  it('lists newest first and pages with cursors to the same papers the store holds', async () => {
    const ids: string[] = [];
    let url: string | null = '/api/papers?category=cs.CR&limit=7';
    let pages = 0;
    while (url && pages++ < 100) {
      const { res, json } = await get(url);
      expect(res.status).toBe(200);
      expect(paperListResponse.safeParse(json).error).toBeUndefined();
      const page = json as unknown as Page & { links: { next: string | null } };
      ids.push(...page.results.map((r) => r.id));
      if (page.links.next) expect(res.headers.get('link')).toBe(`<${page.links.next}>; rel="next"`);
      url = page.links.next?.replace('http://paperpulse.test', '') ?? null;
    }
    const all = await t.store.listPapers({ category: 'cs.CR', limit: 10_000 });
    expect(ids).toEqual(all.map((p) => p.id));
    expect(ids.length).toBeGreaterThan(14);
    expect(ids[0]).toBe('2601.00101');
  });

  it('applies author, code and date filters together', async () => {
    const { json } = await get(
      '/api/papers?author=Zo%C3%AB%20Exportova&has_code=true&from=2025-12-18&to=2025-12-18',
    );
    expect((json as unknown as Page).results.map((r) => r.id)).toEqual(['2601.00101']);
    const none = await get('/api/papers?author=Zo%C3%AB%20Exportova&has_code=false');
    expect((none.json as unknown as Page).results.map((r) => r.id)).toEqual(['2601.00102']);
    const code = (await get('/api/papers?has_code=true&limit=20')).json as unknown as Page;
    for (const r of code.results) expect(r.links.code.length).toBeGreaterThan(0);
  });

  it.each([
    ['limit=0', 'invalid_query', 'limit'],
    ['limit=101', 'invalid_query', 'limit'],
    ['has_code=yes', 'invalid_query', 'has_code'],
    ['from=2025-13-45', 'invalid_query', 'from'],
    ['from=2025-10-02&to=2025-09-01', 'invalid_query', 'from'],
    ['category=%3Cscript%3E', 'invalid_query', 'category'],
    ['cursor=bm90LWEtY3Vyc29y', 'invalid_cursor', 'cursor'],
    ['cursor=%00%01', 'invalid_cursor', 'cursor'],
  ])('rejects %s with 400 and says what to fix', async (qs, code, field) => {
    const { res, json } = await get(`/api/papers?${qs}`);
    expect(res.status).toBe(400);
    expect(errorResponse.safeParse(json).success).toBe(true);
    expect(json.error.code).toBe(code);
    expect(json.error.message).toContain(field);
  });
});

describe('directory', () => {
  it('GET /api/categories counts papers per category, most first', async () => {
    const { res, json } = await get('/api/categories');
    expect(res.status).toBe(200);
    expect(categoriesResponse.safeParse(json).error).toBeUndefined();
    const results = (
      json as unknown as { results: { category: string; name: string | null; papers: number }[] }
    ).results;
    const counts = results.map((r) => r.papers);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const cr = results.find((r) => r.category === 'cs.CR')!;
    expect(cr.name).toBe('Cryptography and Security');
    expect(cr.papers).toBe((await t.store.listPapers({ category: 'cs.CR', limit: 10_000 })).length);
  });

  it('GET /api/authors?q= finds names by prefix, ignoring case and accents', async () => {
    const { res, json } = await get('/api/authors?q=zoe%20exp');
    expect(res.status).toBe(200);
    expect(authorsResponse.safeParse(json).error).toBeUndefined();
    expect((json as unknown as { results: unknown[] }).results).toEqual([
      expect.objectContaining({ name: 'Zoë Exportova', papers: 2 }),
    ]);
    const missing = await get('/api/authors');
    expect(missing.res.status).toBe(400);
    expect(missing.json.error.message).toContain('q');
  });

  it('GET /api/authors/:name summarises one author, 404 for unknown names', async () => {
    const { res, json } = await get('/api/authors/Zo%C3%AB%20Exportova');
    expect(res.status).toBe(200);
    expect(authorResponse.safeParse(json).error).toBeUndefined();
    expect(json).toMatchObject({
      name: 'Zoë Exportova',
      papers: 2,
      first_seen: '2025-12-17',
      last_seen: '2025-12-18',
      coauthors: [{ name: '@Mallory Formula', papers: 1 }],
    });
    const unknown = await get('/api/authors/Nobody%20At%20All');
    expect(unknown.res.status).toBe(404);
    expect(unknown.json.error.code).toBe('not_found');
  });
});

describe('export as JSON lines and CSV', () => {
  it('exports a list as JSON lines, one result per line', async () => {
    const json = (await get('/api/papers?category=cs.CR&limit=5')).json as unknown as Page;
    const { res, text } = await get('/api/papers?category=cs.CR&limit=5&format=jsonl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = text.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(json.results);
    expect(text).not.toContain('<');
  });

  it('exports CSV with one header line, RFC 4180 quoting, and no runnable formulas', async () => {
    const { res, text } = await get('/api/papers?author=Zo%C3%AB%20Exportova&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="paperpulse-papers\.csv"/);
    const [header, first] = text.split('\r\n');
    expect(header).toContain('"id","version","title","authors"');
    expect(header).toContain('"links.code"');
    expect(first).toContain(`"'=HYPERLINK(""http://evil.example"",""click"") formula, ""quoted"""`);
    // Import turns the newline into a space; toCsv's own test covers newlines inside cells.
    expect(first).toContain(`"'+cmd|calc abstract, with a comma and a newline"`);
    expect(first).toContain(`"'@Mallory Formula; Zoë Exportova"`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('neutralises every formula lead but keeps numbers numbers', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}x`)).toBe(`"'${lead}x"`);
    expect(csvCell('-12.5')).toBe('"-12.5"');
    expect(toCsv([{ a: 1, b: { c: [1, 2] } }, { d: 'two\nlines' }])).toBe(
      '"a","b.c","d"\r\n"1","1; 2",""\r\n"","","two\nlines"\r\n',
    );
  });

  it('exports every list endpoint, and refuses single objects and unknown formats', async () => {
    for (const url of ['/api/trending?limit=3', '/api/categories', '/api/authors?q=a']) {
      const { res, text } = await get(`${url}${url.includes('?') ? '&' : '?'}format=csv`);
      expect(res.status, url).toBe(200);
      expect(text.split('\r\n').length, url).toBeGreaterThan(2);
    }
    const one = await get('/api/papers/2601.00101?format=csv');
    expect(one.res.status).toBe(400);
    expect(one.json.error.code).toBe('not_a_list');
    const bad = await get('/api/papers?format=xml');
    expect(bad.res.status).toBe(400);
    expect(bad.json.error.message).toContain('format');
  });
});

describe('error shape and statuses', () => {
  it('answers 405 with Allow for a wrong method on a known path, 404 for unknown paths', async () => {
    for (const [method, path] of [
      ['POST', '/api/papers'],
      ['DELETE', '/api/trending'],
      ['PUT', '/api/authors/Zo%C3%AB%20Exportova'],
    ]) {
      // Same-origin, so the CSRF guard (403 for cross-site posts) lets it through to routing.
      const { res, json } = await get(path!, { method, headers: { Origin: 'http://localhost' } });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(json.error.code).toBe('method_not_allowed');
    }
    const page = await t.app.request('/about', { method: 'DELETE', headers: { Origin: 'http://localhost' } });
    expect(page.status).toBe(405);
    const unknown = await get('/api/nothing-here', {
      method: 'POST',
      headers: { Origin: 'http://localhost' },
    });
    expect(unknown.res.status).toBe(404);
    expect(unknown.json.error.code).toBe('not_found');
  });

  it('answers 429 with the error shape and RateLimit headers', async () => {
    const limited = await demoApp([], { rateLimit: { limit: 1, windowSeconds: 60 } });
    try {
      const ok = await limited.app.request('/api/categories');
      expect(ok.headers.get('ratelimit-remaining')).toBe('0');
      const over = await limited.app.request('/api/papers');
      expect(over.status).toBe(429);
      expect(errorResponse.safeParse(await over.json()).success).toBe(true);
      expect(over.headers.get('retry-after')).toBeTruthy();
    } finally {
      await limited.cleanup();
    }
  });

  it('answers 503 with Retry-After when the database does not answer', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const down = openPostgresStore(`postgres://paperpulse@127.0.0.1:${port}/paperpulse`);
    try {
      const broken = createApp({ store: down, log: pino({ level: 'silent' }), publicUrl: 'http://x' });
      for (const path of ['/api/papers', '/api/categories', '/api/authors?q=a', '/api/authors/X']) {
        const res = await broken.request(path);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
      }
    } finally {
      await down.close();
    }
  });

  it('documents every new endpoint in the OpenAPI document, with format on lists', async () => {
    const doc = (await get('/api/openapi.json')).json as unknown as {
      paths: Record<string, { get: { parameters: { name: string }[]; responses: Record<string, unknown> } }>;
    };
    for (const p of ['/api/papers', '/api/categories', '/api/authors', '/api/authors/{name}'])
      expect(doc.paths[p], p).toBeDefined();
    for (const op of operations.filter((o) => o.list)) {
      const params = doc.paths[op.path]!.get.parameters.map((x) => x.name);
      expect(params, op.path).toContain('format');
    }
    expect(Object.keys(doc.paths['/api/papers']!.get.responses)).toEqual(['200', '400', '429', '503']);
  });
});
