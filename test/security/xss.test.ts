// The XSS suite: papers whose every text field carries script tags, event handlers, javascript: URLs and broken
// markup are imported, then every page, feed and API answer that can show them is checked: no markup from paper
// text, no script or dangerous element, no event-handler attribute, no javascript:/data: link, the security
// headers on each answer, and feeds that still parse. Runs through app.request() on a real SQLite store with a
// real search index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { demoApp, type DemoApp } from '../helpers/app.js';
import { parseFeed } from '../helpers/feedparser.js';
import { parseJsonFeed } from '../helpers/json-feed.js';
import { SearchService } from '../../src/search/service.js';
import { tempDir, removeDir } from '../helpers/server.js';

const payloads = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(2)>',
  svg: '"><svg onload=alert(3)>',
  link: '<a href="javascript:alert(4)">click</a>',
  broken: '</p></textarea><b>unclosed <div <p class="x',
  attr: "' onmouseover='alert(5)' x='",
  iframe: '<iframe src="javascript:alert(6)"></iframe>',
  tex: '$\\href{javascript:alert(7)}{x}$ and $\\url{javascript:alert(8)}$',
};
const all = Object.values(payloads).join(' ');

const hostile = [
  {
    id: '2601.00901',
    title: `XSSPROBE title ${payloads.script} ${payloads.img}`,
    abstract: `Abstract ${all}`,
    authors: [`Mallory ${payloads.svg}`, 'Trudy Plain'],
    categories: ['cs.CR'],
    primary_category: 'cs.CR',
    comment: `Code at ${payloads.link} ${payloads.iframe}`,
    code_urls: [
      'javascript:alert(9)',
      'data:text/html,<script>alert(10)</script>',
      'https://github.com/ok/repo',
    ],
    first_seen: '2025-12-18',
    signals: [{ kind: 'hf_upvotes', value: 900, observed_at: '2025-12-18T00:00:00Z' }],
  },
  {
    id: '2601.00902',
    title: `XSSPROBE ${payloads.broken} ${payloads.attr}`,
    abstract: `Second ${payloads.tex} ${payloads.broken}`,
    authors: [`Eve ${payloads.script}`, `Oscar ${payloads.attr}`],
    categories: ['cs.CR', 'cs.LG'],
    primary_category: 'cs.CR',
    comment: `javascript:alert(11) ${payloads.img}`,
    code_urls: ['  JaVaScRiPt:alert(12)', 'https://github.com/x/y"onmouseover="alert(13)'],
    first_seen: '2025-12-18',
    signals: [{ kind: 'hf_upvotes', value: 800, observed_at: '2025-12-18T00:00:00Z' }],
  },
];

let t: DemoApp;
let search: SearchService;
let dir: string;

beforeAll(async () => {
  dir = tempDir('paperpulse-xss-');
  // The search service needs the store, which demoApp creates: build the app, then one with search over it.
  const base = await demoApp(hostile);
  search = new SearchService({
    store: base.store,
    log: pino({ level: 'silent' }),
    dataDir: dir,
    semantic: false,
  });
  await search.start(60_000);
  await search.idle();
  t = await demoAppOver(base);
}, 120_000);

afterAll(async () => {
  await search.stop();
  await t.cleanup();
  removeDir(dir);
});

async function demoAppOver(base: DemoApp): Promise<DemoApp> {
  const { createApp } = await import('../../src/web/app.js');
  const app = createApp({
    store: base.store,
    log: pino({ level: 'silent' }),
    publicUrl: 'http://paperpulse.test',
    search,
  });
  return { ...base, app };
}

const names = hostile.flatMap((p) => p.authors);
const enc = encodeURIComponent;

const pages = [
  '/',
  '/?view=all',
  '/?view=day',
  '/c/cs.CR',
  '/c/cs.CR?view=all',
  ...hostile.map((p) => `/papers/${p.id}`),
  ...names.map((n) => `/authors/${enc(n)}`),
  `/search?q=${enc('XSSPROBE')}`,
  `/search?q=${enc(payloads.script)}`,
  `/search?q=${enc(payloads.attr)}&sort=date`,
  '/about',
  '/api',
  `/nothing/${enc(payloads.script)}`,
  `/papers/${enc(payloads.svg)}`,
  `/c/${enc(payloads.script)}`,
];

const feeds = [
  '/feed.atom?view=all',
  '/feed.rss?view=all',
  '/feed.json?view=all',
  '/c/cs.CR/feed.atom?view=all',
  '/c/cs.CR/feed.rss?view=all',
  ...names.flatMap((n) => ['atom', 'rss', 'json'].map((f) => `/authors/${enc(n)}/feed.${f}`)),
  ...['atom', 'rss', 'json'].map((f) => `/search/feed.${f}?q=XSSPROBE`),
];

const apis = [
  '/api/trending?view=all&limit=100',
  '/api/papers?category=cs.CR',
  '/api/papers?category=cs.CR&format=jsonl',
  '/api/papers?category=cs.CR&format=csv',
  ...hostile.map((p) => `/api/papers/${p.id}`),
  ...hostile.map((p) => `/api/papers/${p.id}/similar`),
  '/api/search?q=XSSPROBE',
  `/api/search?q=${enc(payloads.script)}`,
  `/api/authors?q=${enc('Mallory')}`,
  ...names.map((n) => `/api/authors/${enc(n)}`),
  '/api/categories',
  `/api/papers/${enc(payloads.script)}`,
  `/api/${enc(payloads.img)}`,
];

const decode = (v: string) =>
  v
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&amp;/g, '&');

const dangerousUrl = (v: string) => {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so the check does too.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const u = decode(v).replace(/[\u0000-\u0020]/g, '');
  return /^(javascript|vbscript|data):/i.test(u) && u !== 'data:,';
};

/** Every problem an HTML document has: markup that can run script or was not written by paperpulse. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    const attrs = m[2] ?? '';
    if (['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet', 'img', 'style'].includes(tag))
      problems.push(`<${tag}> element`);
    if (tag === 'script' && !/^\s+src="\/static\/[\w.-]+\.js"(\s+defer(="")?)?\s*$/.test(attrs))
      problems.push(`script element: ${m[0]}`);
    for (const a of attrs.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      const name = a[1]!.toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      if (name.startsWith('on')) problems.push(`event handler ${name} in ${m[0]}`);
      if (
        ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'srcdoc'].includes(name) &&
        dangerousUrl(value)
      )
        problems.push(`dangerous ${name}="${value}"`);
    }
  }
  if (/<!\[CDATA\[/.test(html)) problems.push('CDATA section in HTML');
  return problems;
}

function expectSecurityHeaders(res: Response, where: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, where).toContain("default-src 'self'");
  expect(csp, where).toContain("script-src 'self'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).not.toContain('unsafe-inline');
  expect(csp, where).not.toContain('unsafe-eval');
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), where).toBe('strict-origin-when-cross-origin');
}

/** Every string in a JSON value that sits under a link-like key. */
function linkValues(v: unknown, key = ''): string[] {
  if (typeof v === 'string')
    return /^(links?|url|page|abs|pdf|code|feed|papers|summary|next)$/.test(key) ? [v] : [];
  if (Array.isArray(v)) return v.flatMap((x) => linkValues(x, key));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => linkValues(x, k));
  return [];
}

describe('XSS: hostile paper text on every surface', () => {
  it.each(pages)('page %s has no markup from paper text and strict headers', async (path) => {
    const res = await t.app.request(path);
    expect([200, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toContain('text/html');
    expectSecurityHeaders(res, path);
    const html = await res.text();
    expect(htmlProblems(html), path).toEqual([]);
    for (const raw of ['<script>alert', '<img src=x', '<svg onload', '<iframe', "onmouseover='alert"])
      expect(html, path).not.toContain(raw);
  });

  it('the pages really show the hostile papers (escaped), so the checks above saw them', async () => {
    const html = await (await t.app.request('/papers/2601.00901')).text();
    expect(html).toContain('XSSPROBE title &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="https://github.com/ok/repo"');
    const list = await (await t.app.request('/c/cs.CR?view=all')).text();
    expect(list).toContain('2601.00902');
    const found = await (await t.app.request('/search?q=XSSPROBE')).text();
    expect(found).toContain('/papers/2601.00901');
    const author = await (await t.app.request(`/authors/${enc(names[0]!)}`)).text();
    expect(author).toContain('Mallory &quot;&gt;&lt;svg onload=alert(3)&gt;');
  });

  it.each(feeds)('feed %s parses cleanly and carries paper text as text', async (path) => {
    const res = await t.app.request(path);
    expect(res.status, path).toBe(200);
    expectSecurityHeaders(res, path);
    const body = await res.text();
    for (const raw of ['<script', '<img', '<svg', '<iframe', '<a href', '<b>'])
      expect(body.toLowerCase(), path).not.toContain(raw);
    const json = path.includes('.json');
    const feed = json ? parseJsonFeed(body) : parseFeed(body);
    expect(feed.bozo_exception, path).toBe('');
    expect(feed.bozo, path).toBe(0);
    const entry = feed.entries.find((e) => e.link.endsWith('2601.00901'));
    if (entry) {
      expect(entry.title).toContain(payloads.script);
      if (path.includes('.rss')) {
        // Readers render an RSS description as HTML: after their unescaping it must still be text, not markup.
        expect(entry.summary).not.toMatch(/<script|<img|<svg|<iframe|<a /i);
        expect(entry.summary).toContain('&lt;script&gt;alert(1)');
      } else {
        // Atom summaries are type="text" and JSON Feed has content_text: readers show them as text, verbatim.
        expect(entry.summary).toContain(payloads.script);
      }
    }
  });

  it('some feed carries each hostile paper (so the checks above saw them)', async () => {
    const body = await (await t.app.request('/c/cs.CR/feed.rss?view=all')).text();
    expect(body).toContain('2601.00901');
    expect(body).toContain('2601.00902');
  });

  it.each(apis)('API %s answers data, never markup or dangerous links', async (path) => {
    const res = await t.app.request(path);
    expect([200, 400, 404]).toContain(res.status);
    expectSecurityHeaders(res, path);
    const type = res.headers.get('content-type') ?? '';
    expect(type, path).toMatch(/^(application\/json|application\/x-ndjson|text\/csv)/);
    const body = await res.text();
    if (type.startsWith('text/csv')) {
      for (const cell of body.split(/","|^"|"\r\n"?/m)) expect(cell, path).not.toMatch(/^[=+@]/);
      return;
    }
    const values = type.startsWith('application/x-ndjson')
      ? body
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as unknown)
      : [JSON.parse(body) as unknown];
    for (const link of values.flatMap((v) => linkValues(v)))
      expect(dangerousUrl(link), `${path}: ${link}`).toBe(false);
    if (res.status === 200 && path.startsWith('/api/papers/2601.00901') && !path.includes('similar')) {
      // The data itself is intact: clients get the original text to escape in their own context.
      const paper = values[0] as { title: string; links: { code: string[] } };
      expect(paper.title).toBe(hostile[0]!.title);
      expect(paper.links.code).toEqual(['https://github.com/ok/repo']);
    }
  });
});
