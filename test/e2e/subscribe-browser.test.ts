// The subscriber journey in a real Chromium against a real server mailing a real SMTP server: subscribe (time
// zone from the browser), confirm from the email, change preferences, upvote with and without JavaScript, sign
// out and back in by magic link — with no CSP violations or console errors.
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, startServer, type RunningServer } from '../helpers/server.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

let server: RunningServer;
let browser: Browser;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
  [server, browser] = await Promise.all([
    // LINK_INTERVAL=0: the journey signs in again right after confirming (the throttle is tested over HTTP).
    startServer({
      env: { SMTP_URL: smtp.url, NODE_ENV: 'production', LINK_INTERVAL: '0' },
      timeoutMs: 100_000,
    }),
    launchBrowser(),
  ]);
  // A loaded machine (the demo import, Chromium start) can need more than the default minute.
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const reportCsp = `document.addEventListener('securitypolicyviolation', (e) =>
  window.__reportCsp(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));`;

async function newContext(options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const problems: string[] = [];
  if (options.javaScriptEnabled !== false) {
    await context.exposeFunction('__reportCsp', (s: string) => problems.push(`CSP: ${s}`));
    await context.addInitScript(reportCsp);
  }
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });
  return { context, problems };
}

/** Waits for a message to `to` with this subject; returns its first link under `prefix`, on the test server. */
async function mailedLink(to: string, subject: string, prefix: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.received.find(
      (m) => m.subject === subject && m.to && 'text' in m.to && m.to.text === to,
    );
    const m = mail && new RegExp(`https?://[^/\\s]+(${prefix}[^\\s"<>]*)`).exec(mail.text ?? '');
    if (m) return server.url + m[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no "${subject}" email to ${to} arrived`);
}

async function signedInPage(context: BrowserContext, link: string, button: string) {
  const page = await context.newPage();
  await page.goto(link);
  await Promise.all([page.waitForURL(/\/account/), page.getByRole('button', { name: button }).click()]);
  return page;
}

test('subscribe, confirm from the email, manage preferences, upvote, sign out and in again', async () => {
  const { context, problems } = await newContext({ timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  await page.goto(`${server.url}/subscribe`);
  // The server's default is UTC; the script put in the browser's zone.
  await expect.poll(() => page.locator('#pf-tz').inputValue()).toBe('Europe/Berlin');
  await page.getByLabel('Email address').fill('reader@example.org');
  await page.getByLabel('Keywords, separated by commas').fill('language models, agents');
  await page.getByRole('radio', { name: 'Weekly' }).check();
  await Promise.all([
    page.waitForURL(/\/subscribe$/),
    page.getByRole('button', { name: 'Subscribe' }).click(),
  ]);
  expect(await page.locator('h1').innerText()).toBe('Check your inbox');

  const confirm = await mailedLink(
    'reader@example.org',
    'Confirm your paperpulse digest',
    '/subscribe/confirm/',
  );
  const account = await signedInPage(context, confirm, 'Confirm my subscription');
  const text = await account.locator('main').innerText();
  expect(text).toContain('Your subscription is confirmed');
  expect(text).toContain('weekly on Monday at 08:00 (Europe/Berlin)');
  expect(text).toContain('about language models, agents');

  await account.getByLabel('Send after').selectOption('6');
  await Promise.all([
    account.waitForURL(/done=saved/),
    account.getByRole('button', { name: 'Save preferences' }).click(),
  ]);
  expect(await account.locator('main').innerText()).toContain('weekly on Monday at 06:00 (Europe/Berlin)');

  // Upvote in place (the script), then the state survives a reload.
  await account.goto(server.url + '/');
  const first = account.locator('article.paper').first();
  const href = (await first.locator('h2 a').getAttribute('href'))!;
  await account.goto(server.url + href);
  const upvote = account.getByRole('button', { name: '▲ Upvote' });
  await upvote.click();
  await expect.poll(() => account.getByRole('button', { name: '▲ Upvoted' }).count()).toBe(1);
  expect(account.url()).toBe(server.url + href);
  await account.reload();
  expect(await account.getByRole('button', { name: '▲ Upvoted' }).getAttribute('aria-pressed')).toBe('true');

  // Sign out, then back in with a magic link.
  await account.goto(`${server.url}/account`);
  await Promise.all([
    account.waitForURL(server.url + '/'),
    account.getByRole('button', { name: 'Sign out', exact: true }).click(),
  ]);
  await account.goto(`${server.url}/account`);
  await account.getByLabel('Email address').fill('reader@example.org');
  await account.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await account.waitForURL(/\/signin$/);
  const signIn = await mailedLink('reader@example.org', 'Your paperpulse sign-in link', '/signin/');
  const back = await signedInPage(context, signIn, 'Sign in');
  expect(await back.locator('main').innerText()).toContain('Signed in as reader@example.org');
  expect(problems).toEqual([]);
  await context.close();
}, 90_000);

test('the save button works without JavaScript (plain form post, redirected back)', async () => {
  const { context } = await newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/subscribe`);
  await page.getByLabel('Email address').fill('nojs@example.org');
  await Promise.all([
    page.waitForURL(/\/subscribe$/),
    page.getByRole('button', { name: 'Subscribe' }).click(),
  ]);
  // Without the script the zone stays at the server's default.
  const confirm = await mailedLink(
    'nojs@example.org',
    'Confirm your paperpulse digest',
    '/subscribe/confirm/',
  );
  const account = await signedInPage(context, confirm, 'Confirm my subscription');
  expect(await account.locator('main').innerText()).toContain('(UTC)');
  await account.goto(server.url + '/');
  const card = account.locator('article.paper').first();
  await Promise.all([
    account.waitForURL(server.url + '/'),
    card.getByRole('button', { name: '☆ Save' }).click(),
  ]);
  expect(
    await account.locator('article.paper').first().getByRole('button', { name: '★ Saved' }).count(),
  ).toBe(1);
  await account.goto(`${server.url}/account`);
  const title = await account.locator('#saved + ul li a').first().innerText();
  expect(title.length).toBeGreaterThan(5);
  await context.close();
}, 90_000);
