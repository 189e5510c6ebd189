import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { paper } from '../../../test/helpers/papers.js';
import { importDemo } from '../../ingest/demo.js';
import { SearchService } from '../../search/service.js';
import { createApp } from '../app.js';

let t: TempStore;
let app: ReturnType<typeof createApp>;
let search: SearchService;
const log = pino({ level: 'silent' });
const page = async (url: string) => {
  const res = await app.request(url);
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  t = await tempStore();
  await importDemo(t.store);
  await t.store.importBatch({
    papers: [
      paper('2512.99999', {
        title: 'Zyxquartz <script>alert(1)</script> attention',
        abstract: 'A zyxquartz method; <img src=x onerror=alert(2)> & more.',
        authors: ['Mallory <b>Evil</b>'],
      }),
    ],
    signals: [],
  });
  search = new SearchService({ store: t.store, log, dataDir: t.dir });
  await search.start(60_000);
  await search.index.idle();
  app = createApp({ store: t.store, log, publicUrl: 'http://paperpulse.test', search });
});
afterAll(async () => {
  await search.stop();
  await t.cleanup();
});

describe('GET /search', () => {
  it('shows results with highlighted, escaped snippets', async () => {
    const html = await page('/search?q=zyxquartz');
    expect(html).toContain('<mark>Zyxquartz</mark>');
    expect(html).toContain('<mark>zyxquartz</mark>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/1 paper match/);
  });

  it('lists filters and sort orders as links that keep the query', async () => {
    const html = await page('/search?q=robot');
    expect(html).toMatch(/href="\/search\?q=robot\+cat%3Acs\.RO"/);
    expect(html).toMatch(/href="\/search\?q=robot&amp;sort=date"/);
    expect(html).toContain('aria-current="page">Relevance');
    const filtered = await page('/search?q=robot+cat%3Acs.RO');
    // An active filter links back to the query without it.
    expect(filtered).toContain('href="/search?q=robot"');
    expect(filtered).toContain('aria-pressed="true"');
  });

  it('paginates', async () => {
    const first = await page('/search?q=model');
    expect(first).toContain('href="/search?q=model&amp;offset=20"');
    const second = await page('/search?q=model&offset=20');
    expect(second).toContain('Previous');
    expect(second).toMatch(/<span class="rank" aria-hidden="true">21<\/span>/);
  });

  it('has a search box in the header of every page, filled on the search page', async () => {
    expect(await page('/')).toMatch(/<form class="search" action="\/search" method="get" role="search">/);
    expect(await page('/search?q=%22kv+cache%22')).toContain('value="&quot;kv cache&quot;"');
  });

  it('shows help for an empty query and survives hostile ones', async () => {
    expect(await page('/search')).toContain('author:hinton');
    for (const q of ['"', '-', '%00', '((', 'x'.repeat(3000), 'limit=-1']) {
      expect(await page(`/search?q=${encodeURIComponent(q)}&limit=abc`)).toContain('<h1>');
    }
  });

  it('says when the index is still being built', async () => {
    const building = new SearchService({ store: t.store, log, dataDir: t.dir + '/other' });
    await building.start(60_000);
    const other = createApp({ store: t.store, log, publicUrl: 'http://paperpulse.test', search: building });
    const html = await (await other.request('/search?q=model')).text();
    await building.stop();
    expect(html).toContain('The search index is being built');
  });
});
