// Digests end to end through a real SMTP server (smtp-server, parsed with mailparser) and real stores: planned once,
// composed from the stored papers and trending scores, sent exactly once with the compliance headers, clicks
// counted; and the faults — SMTP down at start, a connection dropped mid-batch, 4xx then success, 5xx for good, a
// sender that died after the relay's OK — each leave every due subscriber with exactly one digest.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { ParsedMail } from 'mailparser';
import { backends, tempStore, type Backend, type TempStore } from '../../test/helpers/store.js';
import { paper, signal } from '../../test/helpers/papers.js';
import { deliveriesById, faultySmtp, type FaultySmtp } from '../../test/helpers/smtp-faults.js';
import type { Store } from '../store/store.js';
import { defaultPreferences, type Preferences } from '../model/subscriber.js';
import { recomputeTrending } from '../rank/recompute.js';
import { createWorker } from '../jobs/worker.js';
import { sendDigestTask } from '../jobs/tasks/send-digest.js';
import { TokenSigner } from '../mail/tokens.js';
import { OutboxMessenger } from '../mail/outbox.js';
import { createApp } from '../web/app.js';
import { openDigestSender, type DigestSender } from './sender.js';
import { planDigests, SEND_DIGEST } from './plan.js';
import { composeFor, deliverDigest } from './deliver.js';
import { renderDigest } from './render.js';

const log = pino({ level: 'silent' });
const SECRET = 'digest-test-secret-0123456789-abcdefghij';
const PUBLIC = 'https://papers.example.org';
const DAY = '2026-11-30';

/** A week of listings in three categories with Hugging Face upvotes, scored by the real recompute. */
async function seed(store: Store) {
  const papers = [
    paper('2611.20001', {
      title: 'Diffusion models for protein design',
      abstract: 'We train a diffusion model on protein backbones and release the code.',
      authors: ['Grace Hopper', 'Alan Turing'],
      categories: ['cs.LG', 'q-bio.BM'],
      primaryCategory: 'cs.LG',
      codeUrls: ['https://github.com/example/protein-diffusion'],
      firstSeen: '2026-11-29',
    }),
    paper('2611.20002', {
      title: 'Sparse attention with a <tiny> KV cache & friends',
      abstract: 'A KV cache that grows sublinearly with the context length.',
      categories: ['cs.CL'],
      primaryCategory: 'cs.CL',
      firstSeen: DAY,
    }),
    paper('2611.20003', {
      title: 'Vision transformers at scale',
      abstract: 'Scaling laws for image models. '.repeat(30),
      categories: ['cs.CV'],
      primaryCategory: 'cs.CV',
      firstSeen: '2026-11-28',
    }),
    paper('2611.20004', {
      title: 'Policy gradients revisited',
      abstract: 'Reinforcement learning without a critic.',
      categories: ['cs.LG'],
      primaryCategory: 'cs.LG',
      firstSeen: DAY,
    }),
  ];
  const signals = [
    signal('2611.20001', 5, '2026-11-29T10:00:00.000Z'),
    signal('2611.20001', 40, '2026-11-30T10:00:00.000Z'),
    signal('2611.20003', 80, '2026-11-29T10:00:00.000Z'),
    signal('2611.20002', 3, '2026-11-30T10:00:00.000Z'),
  ];
  await store.importBatch({ papers, signals });
  await recomputeTrending(store, { mode: 'full', now: new Date('2026-11-30T12:00:00Z') });
}

interface Harness {
  t: TempStore;
  store: Store;
  smtp: FaultySmtp;
  sender: DigestSender;
  /** Moves the worker's and sender's clock forward (to make backed-off retries due without sleeping). */
  advance(ms: number): void;
  subscribe(email: string, prefs?: Partial<Preferences>): Promise<number>;
  /** Plans DAY's digests and runs the queued digest jobs until none is due. */
  run(plan?: boolean): Promise<void>;
  close(): Promise<void>;
}

async function harness(backend: Backend, smtpListening = true): Promise<Harness> {
  const t = await tempStore(backend);
  await seed(t.store);
  const smtp = await faultySmtp({ listening: smtpListening });
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const config = { smtpUrl: smtp.url, smtpRate: 0, dataDir: t.dir, publicUrl: PUBLIC, mailFrom: undefined };
  const sender = openDigestSender(config, SECRET, t.store, log, { now });
  const send = sendDigestTask(sender);
  return {
    t,
    store: t.store,
    smtp,
    sender,
    advance: (ms) => (offset += ms),
    async subscribe(email, prefs = {}) {
      const s = await t.store.requestSubscription(email, { ...defaultPreferences(), ...prefs }, now());
      await t.store.confirmSubscriber(s.id, now());
      return s.id;
    },
    async run(plan = true) {
      if (plan) await planDigests(t.store, { now: now(), day: DAY });
      const worker = createWorker({
        store: t.store,
        log,
        tasks: { [send.kind]: send },
        concurrency: 3,
        untilIdle: true,
        now,
      });
      await worker.run();
    },
    async close() {
      await sender.messenger.close();
      await smtp.stop();
      await t.cleanup();
    },
  };
}

const header = (m: ParsedMail, key: string) => m.headerLines.find((h) => h.key === key)?.line;
const byTo = (h: Harness, email: string) =>
  h.smtp.received.filter((m) => (m.to as { text: string }).text === email);

describe.each(backends)('%s: digests through a real SMTP server', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(backend);
  });
  afterAll(() => h?.close());

  it('sends each due subscriber one digest with both parts, the compliance headers and tracked links', async () => {
    const ml = await h.subscribe('ml@example.org', { categories: ['cs.LG'] });
    await h.subscribe('nlp@example.org', { keywords: ['kv cache'] });
    await h.subscribe('all@example.org', { maxPapers: 3 });
    await h.run();
    expect(h.smtp.received).toHaveLength(3);
    const [m] = byTo(h, 'ml@example.org');
    expect(m!.messageId).toBe(`<digest.${ml}.${DAY}@papers.example.org>`);
    expect(m!.subject).toBe('paperpulse: 2 trending papers for Mon, Nov 30');
    expect(header(m!, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const list = m!.headers.get('list') as { id: { id: string }; unsubscribe: { url: string; mail: string } };
    expect(list.id.id).toBe('daily-digest.papers.example.org');
    expect(list.unsubscribe.url).toMatch(/^https:\/\/papers\.example\.org\/unsubscribe\/v1\./);
    expect(list.unsubscribe.mail).toContain('digest@papers.example.org');
    // Both parts carry the same papers in the same order: the one by followed interest and trending first.
    const text = m!.text!;
    expect(text.indexOf('Diffusion models for protein design')).toBeLessThan(
      text.indexOf('Policy gradients'),
    );
    expect(text).toContain('Code: https://github.com/example/protein-diffusion');
    expect(text).toMatch(/Why: \+\d+ upvotes/);
    const html = m!.html as string;
    expect(html).toContain('Diffusion models for protein design');
    expect(html).toContain('href="https://arxiv.org/pdf/2611.20001"');
    expect(html).not.toMatch(/<img|<script/i);
    const [nlp] = byTo(h, 'nlp@example.org');
    expect(nlp!.html).toContain('Sparse attention with a &lt;tiny&gt; KV cache &amp; friends');
    expect(nlp!.text).toContain('matches “kv cache”');
    expect(byTo(h, 'all@example.org')[0]!.subject).toBe('paperpulse: 3 trending papers for Mon, Nov 30');

    // The paper link counts one click per (subscriber, paper, period), then redirects to the paper page.
    const click = /Read: (https:\/\/\S+)/.exec(text)![1]!;
    expect(click).toMatch(/^https:\/\/papers\.example\.org\/r\/v1\./);
    const signer = new TokenSigner(SECRET);
    const app = createApp({
      store: h.store,
      log,
      publicUrl: PUBLIC,
      mail: { links: h.sender.links, signer, messenger: h.sender.messenger, from: h.sender.from },
    });
    const path = new URL(click).pathname;
    for (let i = 0; i < 2; i++) {
      const res = await app.request(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/papers/2611.20001');
    }
    expect((await h.store.signalsForPaper('2611.20001', '2100-01-01T00:00:00Z')).pp_clicks).toBe(1);
    // A tampered token still reaches the paper, without counting; an unreadable one is a 404.
    const tampered = path.slice(0, -3) + 'AAA';
    expect((await app.request(tampered)).headers.get('location')).toBe('/papers/2611.20001');
    expect((await app.request('/r/not-a-token')).status).toBe(404);
    expect((await h.store.signalsForPaper('2611.20001', '2100-01-01T00:00:00Z')).pp_clicks).toBe(1);

    // Running again (any number of planners and workers) sends nothing more.
    await h.run();
    await h.run();
    expect(h.smtp.received).toHaveLength(3);
    expect([...deliveriesById(h.smtp.received).values()]).toEqual([1, 1, 1]);
    expect(await h.store.digestFor(ml, DAY)).toMatchObject({
      state: 'sent',
      attempts: 1,
      paperIds: ['2611.20001', '2611.20004'],
    });
  });

  it('never mails a suppressed or departed subscriber, and skips a digest with nothing new', async () => {
    const bounced = await h.subscribe('bounced@example.org');
    const gone = await h.subscribe('gone@example.org');
    const nothing = await h.subscribe('nothing@example.org', { keywords: ['quantum chromodynamics'] });
    await planDigests(h.store, { now: new Date(), day: DAY });
    // Between planning and sending: a hard bounce and an unsubscribe take effect at once.
    await h.store.recordBounce('bounced@example.org', 'hard', 3, new Date());
    await h.store.setSubscriberStatus(gone, 'unsubscribed', new Date());
    await h.run(false);
    expect(await h.store.digestFor(bounced, DAY)).toMatchObject({ state: 'suppressed' });
    expect(await h.store.digestFor(gone, DAY)).toMatchObject({
      state: 'skipped',
      lastError: 'subscriber is unsubscribed',
    });
    expect(await h.store.digestFor(nothing, DAY)).toMatchObject({
      state: 'skipped',
      lastError: 'no new papers matched the preferences',
    });
    expect(h.smtp.received.map((m) => (m.to as { text: string }).text)).not.toContain('bounced@example.org');
    expect(h.smtp.received).toHaveLength(3);
  });
});

describe('sqlite: SMTP faults', () => {
  let h: Harness;
  afterEach(() => h?.close());
  const HOUR = 3_600_000;

  it('SMTP down at start: every digest waits, then goes out once when the relay is back', async () => {
    h = await harness('sqlite', false);
    const ids = await Promise.all(['a', 'b', 'c', 'd'].map((x) => h.subscribe(`${x}@example.org`)));
    await h.run();
    for (const id of ids) {
      const d = await h.store.digestFor(id, DAY);
      expect(d).toMatchObject({ state: 'queued', attempts: 1 });
      expect(d!.lastError).toMatch(/Cannot reach the SMTP server/);
    }
    await h.smtp.start();
    await h.run(); // nothing is due yet: the retries wait for their backoff
    expect(h.smtp.received).toHaveLength(0);
    h.advance(HOUR);
    await h.run();
    expect([...deliveriesById(h.smtp.received).values()]).toEqual([1, 1, 1, 1]);
    for (const id of ids)
      expect(await h.store.digestFor(id, DAY)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('a connection dropped mid-batch loses nothing and doubles nothing', async () => {
    h = await harness('sqlite');
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => h.subscribe(`r${i}@example.org`)));
    h.smtp.faults.dropAtMessages = new Set([3, 6]);
    await h.run();
    expect(h.smtp.dropped).toBe(2);
    expect(h.smtp.received).toHaveLength(6);
    h.advance(HOUR);
    await h.run();
    expect(h.smtp.received).toHaveLength(8);
    expect([...deliveriesById(h.smtp.received).values()].every((n) => n === 1)).toBe(true);
    const states = await Promise.all(ids.map(async (id) => (await h.store.digestFor(id, DAY))!.state));
    expect(states.every((s) => s === 'sent')).toBe(true);
  });

  it('4xx then success: retried with backoff and sent once; 5xx: failed for good, never retried', async () => {
    h = await harness('sqlite');
    const busy = await h.subscribe('busy@example.org');
    const reject = await h.subscribe('reject-me@example.org');
    const fine = await h.subscribe('fine@example.org');
    h.smtp.faults.tempFailAttempts = (to) => (to === 'busy@example.org' ? 2 : 0);
    h.smtp.faults.reject = (to) => to.startsWith('reject');
    await h.run();
    expect(await h.store.digestFor(fine, DAY)).toMatchObject({ state: 'sent' });
    expect(await h.store.digestFor(busy, DAY)).toMatchObject({ state: 'queued', attempts: 1 });
    expect((await h.store.digestFor(busy, DAY))!.lastError).toMatch(
      /temporarily refused the message \(451\)/,
    );
    const failed = (await h.store.digestFor(reject, DAY))!;
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/refused the message \(550\)/);
    const job = await h.store.enqueueJob({ kind: SEND_DIGEST.kind, key: `digest:${reject}:${DAY}` });
    expect(job.job).toMatchObject({ state: 'failed', attempts: 1 });
    for (let i = 0; i < 3; i++) {
      h.advance(HOUR);
      await h.run();
    }
    expect(await h.store.digestFor(busy, DAY)).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
    expect(h.smtp.attempts.get('reject-me@example.org')).toBe(1);
    expect([...deliveriesById(h.smtp.received).values()]).toEqual([1, 1]);
  });

  it('gives up after the last attempt and says so', async () => {
    h = await harness('sqlite');
    const id = await h.subscribe('never@example.org');
    h.smtp.faults.tempFailAttempts = () => 1000;
    for (let i = 0; i < SEND_DIGEST.maxAttempts + 2; i++) {
      await h.run();
      h.advance(2 * HOUR);
    }
    const d = (await h.store.digestFor(id, DAY))!;
    expect(d).toMatchObject({ state: 'failed', attempts: SEND_DIGEST.maxAttempts });
    expect(d.lastError).toMatch(new RegExp(`^gave up after ${SEND_DIGEST.maxAttempts} attempts: .*451`));
  });

  it('a sender killed after the relay accepted: re-sent once under the same Message-ID (at-least-once)', async () => {
    h = await harness('sqlite');
    const id = await h.subscribe('crash@example.org');
    await planDigests(h.store, { now: new Date(), day: DAY });
    // What a sender does up to the relay's OK; then it is killed before recording "sent" (its lease runs out).
    const digest = (await h.store.claimDigest(id, DAY, 'dead', new Date(Date.now() + 500), new Date()))!;
    const subscriber = (await h.store.subscriberById(id))!;
    const items = await composeFor(h.sender, subscriber, await h.sender.pools.get(DAY));
    const email = renderDigest(h.sender, subscriber, DAY, items);
    const ids = items.map((i) => i.paper.id);
    await h.store.saveDigestContent(digest.id, 'dead', ids, email.messageId, new Date());
    await h.sender.messenger.send(email);
    h.advance(HOUR);
    await h.run(false);
    const got = byTo(h, 'crash@example.org');
    expect(got).toHaveLength(2);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(1);
    expect(got[1]!.subject).toBe(got[0]!.subject);
    expect(await h.store.digestFor(id, DAY)).toMatchObject({ state: 'sent', attempts: 2, paperIds: ids });
  });
});

describe('outbox (no SMTP_URL)', () => {
  it('writes each digest once, even when a sender died after writing it', async () => {
    const t = await tempStore('sqlite');
    try {
      await seed(t.store);
      const dir = path.join(t.dir, 'outbox');
      const outbox = new OutboxMessenger(dir);
      const sender = openDigestSender(
        {
          smtpUrl: undefined,
          smtpRate: 0,
          dataDir: t.dir,
          publicUrl: PUBLIC,
          mailFrom: 'news@papers.example.org',
        },
        SECRET,
        t.store,
        log,
        { messenger: outbox },
      );
      const s = await t.store.requestSubscription('o@example.org', defaultPreferences(), new Date());
      await t.store.confirmSubscriber(s.id, new Date());
      await planDigests(t.store, { now: new Date(), day: DAY });
      const digest = (await t.store.claimDigest(s.id, DAY, 'dead', new Date(Date.now() - 1), new Date()))!;
      // The dead sender had composed and written the message but not recorded it.
      const subscriber = (await t.store.subscriberById(s.id))!;
      const email = renderDigest(sender, subscriber, DAY, []);
      await outbox.send(email);
      await t.store.saveDigestContent(digest.id, 'dead', [], email.messageId, new Date());
      const outcome = await deliverDigest(
        sender,
        { subscriberId: s.id, period: DAY },
        {
          owner: 'cli',
          until: new Date(Date.now() + 60_000),
          lastAttempt: false,
        },
      );
      expect(outcome).toBe('sent');
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.eml'))).toEqual([
        `digest.${s.id}.${DAY}@papers.example.org.eml`,
      ]);
      expect(sender.from).toBe('paperpulse <news@papers.example.org>');
    } finally {
      await t.cleanup();
    }
  });
});
