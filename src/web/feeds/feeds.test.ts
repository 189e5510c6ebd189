import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type DemoApp } from '../../../test/helpers/app.js';
import { parseFeed, type ParsedFeed } from '../../../test/helpers/feedparser.js';
import { parseJsonFeed } from '../../../test/helpers/json-feed.js';

let t: DemoApp;
let app: DemoApp['app'];

const hostile = {
  id: '2601.00002',
  title: 'Feeds & <script>alert(1)</script> ]]> \u0001 control',
  abstract:
    'Summary with <b>markup</b>, & ampersands, "quotes" and a CDATA end ]]> plus \u000b vertical tab.',
  authors: ['Eve <img src=x onerror=alert(1)>', 'Ada Lovelace'],
  categories: ['cs.CR'],
  first_seen: '2025-12-18',
  signals: [{ kind: 'hf_upvotes', value: 900, observed_at: '2025-12-18T00:00:00Z' }],
};

beforeAll(async () => {
  t = await demoApp([hostile]);
  app = t.app;
});
afterAll(() => t.cleanup());

const fetchFeed = async (path: string) => {
  const res = await app.request(path);
  return { res, body: await res.text() };
};

describe('feeds', () => {
  it.each([
    ['/feed.atom', 'application/atom+xml', 'atom10'],
    ['/feed.rss', 'application/rss+xml', 'rss20'],
    ['/feed.json', 'application/feed+json', 'json1'],
    ['/c/cs.CR/feed.atom?view=all', 'application/atom+xml', 'atom10'],
    ['/c/cs.CV/feed.rss', 'application/rss+xml', 'rss20'],
    ['/authors/Ada%20Lovelace/feed.atom', 'application/atom+xml', 'atom10'],
    ['/authors/Ada%20Lovelace/feed.json', 'application/feed+json', 'json1'],
  ])('%s is a valid feed with the paper entries', async (path, type, version) => {
    const { res, body } = await fetchFeed(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    const feed = version === 'json1' ? parseJsonFeed(body) : parseFeed(body);
    expect(feed.bozo_exception).toBe('');
    expect(feed.bozo).toBe(0);
    expect(feed.version).toMatch(new RegExp(`^${version}`));
    expect(feed.entries.length).toBeGreaterThan(0);
    for (const e of feed.entries) {
      expect(e.link).toMatch(/^http:\/\/paperpulse\.test\/papers\/\d{4}\.\d{4,5}$/);
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.published).toBeTruthy();
    }
  });

  it('carries hostile paper text as text, never as markup', async () => {
    for (const format of ['atom', 'rss', 'json']) {
      const { body } = await fetchFeed(`/feed.${format}`);
      expect(body).not.toContain('<script>');
      expect(body).not.toContain('<img src=x');
      expect(body).not.toContain('\u0001');
      const feed: ParsedFeed = format === 'json' ? parseJsonFeed(body) : parseFeed(body);
      const entry = feed.entries.find((e) => e.link.endsWith('2601.00002'))!;
      // Readers show the original characters; control characters were dropped on import.
      expect(entry.title).toBe('Feeds & <script>alert(1)</script> ]]> control');
      expect(entry.authors.join('|')).toContain('Eve <img src=x onerror=alert(1)>');
    }
  });

  it('lists the category and window asked for', async () => {
    const feed = parseFeed((await fetchFeed('/c/cs.CR/feed.atom?view=all')).body);
    expect(feed.title).toBe('paperpulse: trending papers in cs.CR (all)');
    for (const e of feed.entries) expect(e.tags).toContain('cs.CR');
    expect(feed.links).toContain('http://paperpulse.test/c/cs.CR/feed.atom?view=all');
  });

  it('404s malformed categories and unknown feed paths', async () => {
    expect((await app.request('/c/%3Cx%3E/feed.atom')).status).toBe(404);
    expect((await app.request('/feed.xml')).status).toBe(404);
  });
});

describe('category and author pages', () => {
  it('advertises the feeds of each list page', async () => {
    const pages: [string, string][] = [
      ['/', '/feed.atom'],
      ['/c/cs.CV', '/c/cs.CV/feed.atom'],
      ['/authors/Ada%20Lovelace', '/authors/Ada%20Lovelace/feed.atom'],
    ];
    for (const [path, feed] of pages) {
      const html = await (await app.request(path)).text();
      expect(html).toContain(`<link rel="alternate" type="application/atom+xml" href="${feed}"`);
      expect(html).toContain('type="application/rss+xml"');
      expect(html).toContain('type="application/feed+json"');
    }
  });

  it('shows a category page whose chips and tabs stay in the category', async () => {
    const res = await app.request('/c/cs.CV?view=week');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Trending in cs.CV</h1>');
    expect(html).toContain('href="/c/cs.CV?view=month"');
    const old = await app.request('/?category=cs.CV&view=week');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/c/cs.CV?view=week');
  });

  it('shows an author page, newest first, linked from paper pages', async () => {
    const paper = await (await app.request('/papers/2601.00002')).text();
    expect(paper).toContain('href="/authors/Ada%20Lovelace"');
    const html = await (await app.request('/authors/Ada%20Lovelace')).text();
    expect(html).toContain('Papers by Ada Lovelace');
    expect(html).toContain('/papers/2601.00002');
    expect(html).not.toContain('<img src=x');
    expect((await app.request('/authors/Nobody%20Here')).status).toBe(404);
  });
});
