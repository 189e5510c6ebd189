// The site in a real Chromium against a real server with the demo corpus: content, forms, navigation,
// CSP cleanliness, small screens, dark mode, keyboard access; also saves screenshots.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, root, startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// Reports CSP violations to the test through a binding (works even though the page's CSP forbids inline script).
const reportCsp = `document.addEventListener('securitypolicyviolation', (e) =>
  window.__reportCsp(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));`;

/** Opens `pathname` in a new context; `problems` collects console errors, page errors and CSP violations. */
async function open(pathname: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const problems: string[] = [];
  await context.exposeFunction('__reportCsp', (s: string) => problems.push(`CSP: ${s}`));
  await context.addInitScript(reportCsp);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const res = await page.goto(server.url + pathname);
  expect(res?.status()).toBe(200);
  return { page, problems, close: () => context.close() };
}

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the trending list shows at least 20 papers, each with title link, authors, abstract and arXiv link', async () => {
  const { page, problems, close } = await open('/');
  const cards = await page.$$eval('article.paper', (articles) =>
    articles.map((a) => ({
      title: a.querySelector('h2 a')?.textContent?.trim() ?? '',
      href: a.querySelector('h2 a')?.getAttribute('href') ?? '',
      authors: (a.querySelector('.meta')?.textContent ?? '').split(' · ')[0]?.trim() ?? '',
      abstract: a.querySelector('.abstract')?.textContent?.trim() ?? '',
      arxiv: Array.from(a.querySelectorAll('a')).some((l) => /^https:\/\/arxiv\.org\/abs\//.test(l.href)),
    })),
  );
  expect(cards.length).toBeGreaterThanOrEqual(20);
  for (const card of cards) {
    expect(card.title, JSON.stringify(card)).not.toBe('');
    expect(card.href).toMatch(/^\/papers\/./);
    expect(card.authors, card.title).toMatch(/\p{L}/u);
    expect(card.abstract.length, card.title).toBeGreaterThan(50);
    expect(card.arxiv, card.title).toBe(true);
  }
  expect(problems).toEqual([]);
  await close();
});

test('the subscribe box takes an address and says to check the inbox', async () => {
  const { page, problems, close } = await open('/');
  await expect
    .poll(() => page.locator('.subscribe h2').textContent())
    .toBe('Get trending papers in your email inbox once a day!');
  const button = page.getByRole('button', { name: 'Subscribe' });
  expect(await button.isVisible()).toBe(true);
  await page.getByLabel('Email address').fill('reader@example.org');
  await Promise.all([page.waitForURL(/\/subscribe$/), button.click()]);
  expect(await page.locator('main').innerText()).toMatch(/Check your inbox/);
  expect(problems).toEqual([]);
  await close();
});

test('clicking the first title opens its paper page with the same title and an Abstract heading', async () => {
  const { page, problems, close } = await open('/');
  const link = page.locator('article.paper h2 a').first();
  const title = (await link.innerText()).trim();
  await Promise.all([page.waitForURL(/\/papers\/.+/), link.click()]);
  expect((await page.locator('h1').innerText()).trim()).toBe(title);
  expect(await page.getByRole('heading', { name: 'Abstract', exact: true }).isVisible()).toBe(true);
  expect(problems).toEqual([]);
  await close();
});

test('pages log no console errors and no CSP violations', async () => {
  for (const pathname of ['/', '/?view=week', '/about']) {
    const { page, problems, close } = await open(pathname);
    const paper = await (await page.$('article.paper h2 a'))?.getAttribute('href');
    if (paper) await page.goto(server.url + paper);
    expect(problems, pathname).toEqual([]);
    await close();
  }
}, 60_000);

test('at 360 px wide nothing scrolls sideways', async () => {
  const { page, problems, close } = await open('/', { viewport: { width: 360, height: 740 } });
  const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await scrollWidth()).toBeLessThanOrEqual(360);
  await page.locator('article.paper h2 a').first().click();
  await page.waitForURL(/\/papers\/.+/);
  expect(await scrollWidth()).toBeLessThanOrEqual(360);
  expect(problems).toEqual([]);
  await close();
});

test('dark mode changes the page background', async () => {
  const light = await open('/', { colorScheme: 'light' });
  const dark = await open('/', { colorScheme: 'dark' });
  expect(await bodyBackground(dark.page)).not.toBe(await bodyBackground(light.page));
  await light.close();
  await dark.close();
});

test('the first Tab focuses a visible "Skip to content" link', async () => {
  const { page, close } = await open('/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const box = el?.getBoundingClientRect();
    return { text: el?.textContent?.trim(), href: el?.getAttribute('href'), left: box?.left ?? -1 };
  });
  expect(focused).toMatchObject({ text: 'Skip to content', href: '#main' });
  expect(focused.left).toBeGreaterThanOrEqual(0);
  await close();
});

// Screenshots go to test-results/ (kept by CI as artifacts); UPDATE_SCREENSHOTS=1 refreshes the README's copies.
test('saves screenshots of the trending page (1280x900, light and dark)', async () => {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs' : 'test-results';
  for (const [scheme, name] of [
    ['light', 'screenshot.png'],
    ['dark', 'screenshot-dark.png'],
  ] as const) {
    const { page, close } = await open('/', { colorScheme: scheme });
    const file = path.join(root, dir, name);
    await page.screenshot({ path: file, fullPage: false });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    await close();
  }
});

test('a reader clicks through trending → paper → author → category, without JavaScript errors', async () => {
  const { page, problems, close } = await open('/');
  const shots = path.join(root, 'test-results');
  fs.mkdirSync(shots, { recursive: true });
  const title = (await page.locator('article.paper h2 a').first().textContent())!.trim();
  await page.locator('article.paper h2 a').first().click();
  await page.waitForURL(/\/papers\//);
  expect((await page.locator('h1').textContent())!.trim()).toBe(title);
  await page.screenshot({ path: path.join(shots, 'click-1-paper.png') });

  const author = (await page.locator('a.author').first().textContent())!.trim();
  await page.locator('a.author').first().click();
  await page.waitForURL(/\/authors\//);
  expect(await page.locator('h1').textContent()).toBe(`Papers by ${author}`);
  expect(await page.locator('article.paper h2 a', { hasText: title }).count()).toBe(1);
  await page.screenshot({ path: path.join(shots, 'click-2-author.png') });

  const category = (await page.locator('article.paper a.chip').first().textContent())!.trim();
  await page.locator('article.paper a.chip').first().click();
  await page.waitForURL(/\/c\//);
  expect(await page.locator('h1').textContent()).toBe(`Trending in ${category}`);
  await page.locator('.tabs a', { hasText: 'All time' }).click();
  await page.waitForURL(/view=all/);
  expect(await page.locator('.tabs a[aria-current="page"]').textContent()).toBe('All time');
  expect(await page.locator('article.paper').count()).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(shots, 'click-3-category.png') });
  expect(problems).toEqual([]);
  await close();
});
