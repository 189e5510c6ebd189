// A reader's journey in a real Chromium against a real `paperpulse serve` process: trending → paper → author →
// search (and its feed) → subscribe, at 360 px and on a desktop, with screenshots saved to
// test-results/journey/ (CI keeps test-results/ as artifacts); the same site by keyboard only, with JavaScript
// off, and with hostile paper text that must never run. Selectors are roles and labels, as a reader sees them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  launchBrowser,
  removeDir,
  root,
  runCli,
  startServer,
  tempDir,
  type RunningServer,
} from '../helpers/server.js';
import { parseFeed } from '../helpers/feedparser.js';

let server: RunningServer;
let browser: Browser;
let dataDir: string;
const shots = path.join(root, 'test-results', 'journey');

const hostile = {
  id: '2512.99901',
  title: 'JOURNEYXSS <script>alert("title")</script><img src=x onerror=alert("img")> attention',
  abstract:
    'Hostile abstract <svg onload=alert("svg")> with <a href="javascript:alert(1)">a link</a> and attention.',
  authors: ['Mallory <b onmouseover=alert("author")>Evil</b>', 'Trudy Journey'],
  categories: ['cs.CR'],
  primary_category: 'cs.CR',
  comment: '<iframe src="javascript:alert(2)"></iframe>',
  code_urls: ['javascript:alert(3)'],
  first_seen: '2025-12-18',
  signals: [{ kind: 'hf_upvotes', value: 5, observed_at: '2025-12-18T00:00:00Z' }],
};

beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  dataDir = tempDir('paperpulse-journey-');
  const extra = path.join(dataDir, 'hostile.jsonl.gz');
  fs.writeFileSync(extra, zlib.gzipSync(JSON.stringify(hostile) + '\n'));
  const demo = ['arxiv-week-2025-09-26.jsonl.gz', 'seed-page.jsonl', 'hf-daily.jsonl'].map((f) =>
    path.join(root, 'demo', f),
  );
  const imported = await runCli(['import', '--data-dir', dataDir, ...demo, extra], {}, 120_000);
  expect(imported.code, imported.stderr).toBe(0);
  [server, browser] = await Promise.all([startServer({ dataDir, timeoutMs: 60_000 }), launchBrowser()]);
  // The search index builds in the background after start; the journey searches, so wait until it can.
  for (let i = 0; i < 600; i++) {
    const r = (await (await fetch(`${server.url}/api/search?q=attention&mode=keyword`)).json()) as {
      index: { state: string };
    };
    if (r.index.state === 'ready') break;
    await new Promise((res) => setTimeout(res, 250));
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeDir(dataDir);
});

const sizes = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 900 } };

/** A new browser context; `problems` collects console errors, page errors, dialogs (alert()) and CSP reports. */
async function context(options: BrowserContextOptions = {}) {
  const ctx = await browser.newContext({ viewport: sizes.desktop, ...options });
  const problems: string[] = [];
  if (options.javaScriptEnabled !== false) {
    await ctx.exposeFunction('__reportCsp', (s: string) => problems.push(`CSP: ${s}`));
    await ctx.addInitScript(
      `document.addEventListener('securitypolicyviolation', (e) => window.__reportCsp(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));`,
    );
  }
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems, close: () => ctx.close() };
}

/** Elements that stick out past the right edge of the viewport (empty when nothing scrolls sideways). */
const sticking = (page: Page) =>
  page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= w) return [];
    return Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > w + 1)
      .slice(-5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').trim().slice(0, 50)}`);
  });

async function shot(page: Page, name: string) {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  expect(fs.statSync(file).size).toBeGreaterThan(5_000);
}

describe.each(Object.entries(sizes))('journey on a %s', (label, viewport) => {
  test('trending → paper → author → search and its feed → subscribe', async () => {
    const { page, problems, close } = await context({ viewport });
    const step = async (name: string) => {
      expect(await sticking(page), `${name} scrolls sideways at ${viewport.width} px`).toEqual([]);
      await shot(page, `${label}-${name}`);
    };
    await page.goto(server.url + '/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Trending/);
    await step('1-trending');

    // The first paper of the list, by its title link.
    const firstTitle = page.locator('main ol li').first().getByRole('heading').getByRole('link');
    const title = (await firstTitle.textContent())!.trim();
    await Promise.all([page.waitForURL(/\/papers\//), firstTitle.click()]);
    expect((await page.getByRole('heading', { level: 1 }).textContent())!.trim()).toBe(title);
    await expect.poll(() => page.getByRole('heading', { name: 'Abstract' }).count()).toBe(1);
    await step('2-paper');

    const author = page.locator('main a[href^="/authors/"]').first();
    const name = (await author.textContent())!.trim();
    await Promise.all([page.waitForURL(/\/authors\//), author.click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Papers by ${name}`);
    expect(await page.getByRole('link', { name: title }).count()).toBeGreaterThan(0);
    await step('3-author');

    // Search with the site's search box for a word of the paper's title.
    const word = title.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w)) ?? title.split(/\s+/)[0]!;
    await page.getByRole('searchbox', { name: 'Search papers' }).fill(word);
    await Promise.all([
      page.waitForURL(/\/search\?q=/),
      page.getByRole('searchbox', { name: 'Search papers' }).press('Enter'),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Search results');
    expect(await page.locator('main ol li').count()).toBeGreaterThan(0);
    // The search advertises its feed, and the feed is valid.
    const feedHref = await page
      .locator('link[rel="alternate"][type="application/atom+xml"]')
      .getAttribute('href');
    expect(feedHref).toBe(`/search/feed.atom?q=${encodeURIComponent(word)}`);
    const feed = parseFeed(await (await fetch(server.url + feedHref!)).text());
    expect(feed.bozo).toBe(0);
    expect(feed.entries.length).toBeGreaterThan(0);
    await step('4-search');

    await page.goto(server.url + '/subscribe');
    await page.getByLabel('Email address').first().fill(`journey-${label}@example.org`);
    await step('5-subscribe');
    await Promise.all([
      page.waitForURL(/\/subscribe/),
      page.getByRole('main').getByRole('button', { name: 'Subscribe' }).first().click(),
    ]);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/Check your inbox/);
    await step('6-subscribed');
    expect(problems).toEqual([]);
    await close();
  });
});

test('keyboard only: skip link first, a visible focus ring on everything, Enter follows links', async () => {
  const { page, problems, close } = await context();
  await page.goto(server.url + '/');
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const r = el.getBoundingClientRect();
    return { text: el.textContent, visible: r.left >= 0 && r.width > 0 };
  });
  expect(skip).toEqual({ text: 'Skip to content', visible: true });
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => location.hash)).toBe('#main');
  // The next Tab continues inside the main content, not back at the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
  // Every focusable element reached by Tab shows a focus ring of at least 2 px.
  await page.goto(server.url + '/');
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return {
        what: `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40)}`,
        ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        hidden: el.getAttribute('tabindex') === '-1',
      };
    });
    if (f.hidden) continue;
    expect(f.ring, `no visible focus on ${f.what}`).toBe(true);
    seen.push(f.what);
  }
  expect(seen.some((w) => w.startsWith('a '))).toBe(true);
  expect(seen.some((w) => w.startsWith('input') || w.startsWith('button'))).toBe(true);
  // Reach the first paper title by Tab alone, and open it with Enter.
  const target = await page
    .locator('main ol li')
    .first()
    .getByRole('heading')
    .getByRole('link')
    .getAttribute('href');
  await page.goto(server.url + '/');
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((href) => document.activeElement?.getAttribute('href') === href, target);
  }
  expect(reached).toBe(true);
  await Promise.all([page.waitForURL(/\/papers\//), page.keyboard.press('Enter')]);
  expect(new URL(page.url()).pathname).toBe(target);
  expect(problems).toEqual([]);
  await close();
});

test('with JavaScript off every page works: lists, paper, author, search, feeds links, subscribe form', async () => {
  const { page, close } = await context({ javaScriptEnabled: false });
  for (const p of ['/', '/c/cs.LG', '/papers/2509.22186', '/about', '/api']) {
    const res = await page.goto(server.url + p);
    expect(res?.status(), p).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).count(), p).toBe(1);
  }
  await page.goto(server.url + '/');
  await page.getByRole('searchbox', { name: 'Search papers' }).fill('attention');
  await Promise.all([
    page.waitForURL(/\/search\?q=attention/),
    page.getByRole('searchbox', { name: 'Search papers' }).press('Enter'),
  ]);
  expect(await page.locator('main ol li').count()).toBeGreaterThan(0);
  // Paging is a plain link.
  const next = page.getByRole('link', { name: /Next/ });
  if ((await next.count()) > 0) {
    await Promise.all([page.waitForURL(/offset=/), next.first().click()]);
    expect(await page.locator('main ol li').count()).toBeGreaterThan(0);
  }
  await page.goto(server.url + '/subscribe');
  await page.getByLabel('Email address').first().fill('nojs@example.org');
  await Promise.all([
    page.waitForURL(/\/subscribe/),
    page.getByRole('main').getByRole('button', { name: 'Subscribe' }).first().click(),
  ]);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Check your inbox/);
  await shot(page, 'nojs-subscribed');
  await close();
});

test('hostile paper text never runs in the browser, on any page that shows it', async () => {
  const { page, problems, close } = await context();
  const author = encodeURIComponent(hostile.authors[0]!);
  for (const p of [
    '/c/cs.CR?view=all',
    `/papers/${hostile.id}`,
    `/authors/${author}`,
    '/search?q=JOURNEYXSS',
    `/search?q=${encodeURIComponent('<script>alert(1)</script>')}`,
  ]) {
    const res = await page.goto(server.url + p);
    expect(res?.status(), p).toBe(200);
    const dom = await page.evaluate(() => ({
      inline: document.querySelectorAll('script:not([src])').length,
      handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
        Array.from(el.attributes)
          .filter((a) => a.name.startsWith('on'))
          .map((a) => `${el.tagName} ${a.name}`),
      ),
      jsLinks: Array.from(document.querySelectorAll('a[href], iframe, img')).filter((el) =>
        /^\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
      ).length,
      frames: document.querySelectorAll('iframe, img, svg:not([aria-hidden]) foreignObject').length,
    }));
    expect(dom, p).toEqual({ inline: 0, handlers: [], jsLinks: 0, frames: 0 });
  }
  await page.goto(`${server.url}/papers/${hostile.id}`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
    '<script>alert("title")</script>',
  );
  await shot(page, 'hostile-paper');
  // Long unbroken hostile words wrap on a phone too.
  await page.setViewportSize(sizes.phone);
  for (const p of [`/papers/${hostile.id}`, `/authors/${author}`]) {
    await page.goto(server.url + p);
    expect(await sticking(page), p).toEqual([]);
  }
  expect(problems).toEqual([]);
  await close();
});
