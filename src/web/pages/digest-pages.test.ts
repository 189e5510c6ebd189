// The digest's web side through app.request(): /r/:token (counted once, expired links still reach the paper) and
// /dev/outbox (only when the app is given an outbox, i.e. development without SMTP_URL).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { paper } from '../../../test/helpers/papers.js';
import { createApp } from '../app.js';
import { TokenSigner } from '../../mail/tokens.js';
import { Links } from '../../mail/links.js';
import { OutboxMessenger } from '../../mail/outbox.js';
import { digestEmail } from '../../mail/digest-email.js';
import { defaultPreferences } from '../../model/subscriber.js';
import { parseClickSubject } from './digest-click.js';

const log = pino({ level: 'silent' });
const SECRET = 'web-digest-test-secret-0123456789abcdefgh';
const PUBLIC = 'https://papers.example.org';

describe('digest pages', () => {
  let t: TempStore;
  let outbox: OutboxMessenger;
  const signer = new TokenSigner(SECRET);
  const links = new Links(PUBLIC, signer);
  const mail = () => ({ links, signer, messenger: outbox, from: 'paperpulse <digest@papers.example.org>' });
  let subscriberId: number;
  beforeAll(async () => {
    t = await tempStore('sqlite');
    outbox = new OutboxMessenger(path.join(t.dir, 'outbox'));
    await t.store.importBatch({ papers: [paper('2611.40001'), paper('hep-th/9901001')], signals: [] });
    const s = await t.store.requestSubscription('reader@example.org', defaultPreferences(), new Date());
    subscriberId = s.id;
  });
  afterAll(() => t?.cleanup());

  it('parses click subjects, old-style ids and weekly periods included', () => {
    expect(parseClickSubject('7:2611.40001:2026-11-30')).toEqual({
      subscriberId: 7,
      paperId: '2611.40001',
      period: '2026-11-30',
    });
    expect(parseClickSubject('7:hep-th/9901001:2026-W48')?.paperId).toBe('hep-th/9901001');
    expect(parseClickSubject('7:not an id:2026-W48')).toBeUndefined();
    expect(parseClickSubject('x:2611.40001:2026-11-30')).toBeUndefined();
  });

  it('/r/:token counts a valid click once; an expired link still redirects without counting', async () => {
    const app = createApp({ store: t.store, log, publicUrl: PUBLIC, mail: mail() });
    const url = new URL(links.click(subscriberId, 'hep-th/9901001', '2026-W48'));
    const res = await app.request(url.pathname);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/papers/hep-th/9901001');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Signed a year and a day ago with a one-year lifetime.
    const past = new TokenSigner(SECRET, () => Date.now() - 366 * 86_400_000);
    const old = new Links(PUBLIC, past).click(subscriberId, '2611.40001', '2025-11-29');
    const expired = await app.request(new URL(old).pathname);
    expect(expired.status).toBe(302);
    expect(expired.headers.get('location')).toBe('/papers/2611.40001');
    const signals = await t.store.signalsForPaper('2611.40001', '2100-01-01T00:00:00Z');
    expect(signals.pp_clicks).toBeUndefined();
    expect((await t.store.signalsForPaper('hep-th/9901001', '2100-01-01T00:00:00Z')).pp_clicks).toBe(1);
    // Without mail settings nothing can be verified: still a redirect, never a count.
    const bare = createApp({ store: t.store, log, publicUrl: PUBLIC });
    expect((await bare.request(url.pathname)).status).toBe(302);
    expect((await t.store.signalsForPaper('hep-th/9901001', '2100-01-01T00:00:00Z')).pp_clicks).toBe(1);
  });

  it('/dev/outbox lists and shows written messages only when given an outbox', async () => {
    const email = digestEmail({
      to: 'reader@example.org',
      from: 'paperpulse <digest@papers.example.org>',
      publicUrl: PUBLIC,
      subscriberId: String(subscriberId),
      period: '2026-11-30',
      frequency: 'daily',
      periodLabel: 'Mon, Nov 30',
      items: [],
      unsubscribeUrl: links.unsubscribe(subscriberId),
      unsubscribeMailto: 'mailto:digest@papers.example.org?subject=unsubscribe',
      manageUrl: links.manage(),
    });
    await outbox.send(email);
    const prod = createApp({ store: t.store, log, publicUrl: PUBLIC, mail: mail() });
    expect((await prod.request('/dev/outbox')).status).toBe(404);
    const dev = createApp({ store: t.store, log, publicUrl: PUBLIC, mail: mail(), devOutbox: outbox });
    const list = await dev.request('/dev/outbox');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const html = await list.text();
    expect(html).toContain('paperpulse: nothing new for Mon, Nov 30');
    const href = /href="(\/dev\/outbox\/[^"]+\.eml)"/.exec(html)![1]!;
    const view = await (await dev.request(href)).text();
    expect(view).toContain('List-Unsubscribe-Post');
    expect(view).toContain('List-Unsubscribe=One-Click');
    expect(view).toContain('reader@example.org');
    expect((await dev.request(`${href}/html`)).status).toBe(200);
    const raw = await dev.request(`${href}/raw`);
    expect(await raw.text()).toContain('Message-ID: <digest.');
    expect((await dev.request('/dev/outbox/..%2Fpaperpulse.db')).status).toBe(404);
    expect((await dev.request('/dev/outbox/missing.eml')).status).toBe(404);
  });
});
