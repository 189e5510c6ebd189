import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { digestEmail, shorten, type DigestData } from './digest-email.js';
import { MailSendError } from './email.js';
import { OutboxMessenger, outboxFileName } from './outbox.js';
import { SmtpMessenger } from './smtp.js';

const data = (over: Partial<DigestData> = {}): DigestData => ({
  to: 'reader@example.org',
  from: 'paperpulse <digest@papers.example.org>',
  publicUrl: 'https://papers.example.org',
  subscriberId: 's42',
  period: '2026-11-30',
  frequency: 'daily',
  periodLabel: 'Nov 30',
  items: [
    {
      id: '2509.22186',
      title: 'MinerU2.5: A Decoupled <Vision-Language> Model & "friends"',
      authors: ['Junbo Niu', 'Zheng Liu', 'Zhuangcheng Gu', 'Bin Wang', 'Linke Ouyang'],
      abstract: 'We introduce MinerU2.5, a 1.2B-parameter document parsing model. '.repeat(10),
      why: ['62 upvotes', '45k GitHub stars', 'listed 2 days ago'],
      pageUrl: 'https://papers.example.org/r/v1.abc.def',
      absUrl: 'https://arxiv.org/abs/2509.22186',
      pdfUrl: 'https://arxiv.org/pdf/2509.22186',
      codeUrl: 'https://github.com/opendatalab/MinerU',
    },
  ],
  unsubscribeUrl: 'https://papers.example.org/unsubscribe/v1.tok.sig',
  unsubscribeMailto: 'mailto:unsubscribe@papers.example.org?subject=unsubscribe%20v1.tok.sig',
  manageUrl: 'https://papers.example.org/manage',
  ...over,
});

const rawHeader = (m: ParsedMail, key: string) => m.headerLines.find((h) => h.key === key)?.line;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-mail-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('digest email', () => {
  it('carries the compliance headers, a stable Message-ID and both parts from the same data', async () => {
    const outbox = new OutboxMessenger(path.join(dir, 'outbox'));
    const email = digestEmail(data());
    await outbox.send(email);
    const file = path.join(outbox.dir, outboxFileName(email.messageId));
    const m = await simpleParser(fs.readFileSync(file));
    expect(m.messageId).toBe('<digest.s42.2026-11-30@papers.example.org>');
    expect(m.subject).toBe('paperpulse: 1 trending paper for Nov 30');
    expect(rawHeader(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // mailparser groups the List-* headers (RFC 2369) under "list".
    const list = m.headers.get('list') as { id: { id: string }; unsubscribe: { url: string; mail: string } };
    expect(list.id.id).toBe('daily-digest.papers.example.org');
    expect(list.unsubscribe.url).toBe('https://papers.example.org/unsubscribe/v1.tok.sig');
    expect(list.unsubscribe.mail).toContain('unsubscribe@papers.example.org');
    expect(m.text).toContain('MinerU2.5: A Decoupled <Vision-Language> Model & "friends"');
    expect(m.text).toContain('Why: 62 upvotes · 45k GitHub stars · listed 2 days ago');
    expect(m.text).toContain(
      'Unsubscribe (one click, takes effect at once): https://papers.example.org/unsubscribe/v1.tok.sig',
    );
    const html = m.html as string;
    expect(html).toContain('MinerU2.5: A Decoupled &lt;Vision-Language&gt; Model &amp; &quot;friends&quot;');
    expect(html).not.toContain('<Vision-Language>');
    expect(html).not.toMatch(/<img|<script|src="http/i);
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('href="https://papers.example.org/unsubscribe/v1.tok.sig"');
  });

  it('shortens abstracts at a word boundary', () => {
    expect(shorten('short')).toBe('short');
    const s = shorten('word '.repeat(100), 50);
    expect(s.length).toBeLessThanOrEqual(51);
    expect(s.endsWith('word…')).toBe(true);
  });

  it('writes a message to the outbox once, however often it is sent', async () => {
    const outbox = new OutboxMessenger(path.join(dir, 'once'));
    const email = digestEmail(data({ period: '2026-12-01' }));
    await outbox.send(email);
    const file = path.join(outbox.dir, outboxFileName(email.messageId));
    const first = fs.readFileSync(file);
    await outbox.send({ ...email, subject: 'changed' });
    expect(fs.readFileSync(file).equals(first)).toBe(true);
    expect(outbox.list().map((e) => e.file)).toEqual([outboxFileName(email.messageId)]);
    expect(fs.readdirSync(outbox.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports an unwritable outbox as a permanent failure naming the file', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const outbox = new OutboxMessenger(blocker);
    const err = await outbox.send(digestEmail(data())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailSendError);
    expect((err as MailSendError).transient).toBe(false);
    expect((err as Error).message).toContain('not-a-dir');
  });
});

describe('SMTP messenger', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it('delivers the same message the outbox would write', async () => {
    const m = new SmtpMessenger({ url: smtp.url, timeoutMs: 5000 });
    try {
      await m.send(digestEmail(data({ to: 'alice@example.org' })));
    } finally {
      await m.close();
    }
    const got = smtp.received.find((r) => r.messageId === '<digest.s42.2026-11-30@papers.example.org>')!;
    expect(got).toBeDefined();
    expect((got.to as { text: string }).text).toBe('alice@example.org');
    expect(rawHeader(got, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(got.text).toContain('MinerU2.5');
    expect(got.html).toContain('&lt;Vision-Language&gt;');
  });

  it.each([
    ['tempfail@example.org', true, /temporarily refused the message \(451\)/],
    ['reject@example.org', false, /refused the message \(550\)/],
  ])('sorts a refusal for %s into transient=%s', async (to, transient, message) => {
    const m = new SmtpMessenger({ url: smtp.url, timeoutMs: 5000 });
    try {
      const err = await m.send(digestEmail(data({ to }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MailSendError);
      expect((err as MailSendError).transient).toBe(transient);
      expect((err as Error).message).toMatch(message);
    } finally {
      await m.close();
    }
  });

  it('treats a dead SMTP server as a transient failure', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const m = new SmtpMessenger({ url: `smtp://127.0.0.1:${port}`, timeoutMs: 2000 });
    try {
      const err = await m.send(digestEmail(data())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MailSendError);
      expect((err as MailSendError).transient).toBe(true);
      expect((err as Error).message).toMatch(/Cannot reach the SMTP server/);
    } finally {
      await m.close();
    }
  });
});

describe('openMessenger', () => {
  it('uses the local outbox without SMTP_URL and the relay with it', async () => {
    const { openMessenger } = await import('./open.js');
    const outbox = openMessenger({ dataDir: dir, smtpUrl: undefined });
    expect(outbox.kind).toBe('outbox');
    expect((outbox as OutboxMessenger).dir).toBe(path.join(dir, 'outbox'));
    const relay = openMessenger({ dataDir: dir, smtpUrl: 'smtp://127.0.0.1:2525' });
    expect(relay.kind).toBe('smtp');
    await relay.close();
  });
});
