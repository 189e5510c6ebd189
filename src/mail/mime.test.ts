// The MIME builder against a real parser (mailparser): what goes in comes out, whatever the characters.
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { buildMime, quotedPrintable } from './mime.js';
import type { Email } from './email.js';

const email = (over: Partial<Email> = {}): Email => ({
  to: 'Zoë Example <zoe@example.org>',
  from: 'paper.pulse <digest@papers.example.org>',
  subject: 'Trending: “Schrödinger” bridges — and a very long subject line that has to be folded somewhere',
  text: 'Line one\n.starts with a dot\ntrailing space \nünïcödé ✓ =equals=\n' + 'x'.repeat(200),
  html: '<p style="color:#0b57d0">Grüße &amp; <b>bold</b></p>\n' + '<td>'.repeat(100),
  messageId: '<digest.1.2026-11-30@papers.example.org>',
  headers: {
    'List-Unsubscribe': `<https://papers.example.org/unsubscribe/v1.${'a'.repeat(120)}>, <mailto:digest@papers.example.org?subject=unsubscribe>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  date: new Date('2026-11-30T08:00:00Z'),
  ...over,
});

describe('buildMime', () => {
  it('round-trips headers, names, both parts and every character through mailparser', async () => {
    const e = email();
    const raw = buildMime(e);
    const lines = raw.toString('utf8').split('\r\n');
    expect(lines.every((l) => l.length <= 998)).toBe(true);
    expect(raw.toString('utf8')).not.toMatch(/[^\r]\n/);
    const m = await simpleParser(raw);
    expect(m.subject).toBe(e.subject);
    expect(m.from?.value[0]).toEqual({ name: 'paper.pulse', address: 'digest@papers.example.org' });
    expect(m.to && !Array.isArray(m.to) ? m.to.value[0] : undefined).toEqual({
      name: 'Zoë Example',
      address: 'zoe@example.org',
    });
    expect(m.messageId).toBe(e.messageId);
    expect(m.date?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(m.text).toBe(e.text);
    expect(m.html).toBe(e.html);
    const list = m.headers.get('list') as { unsubscribe: { url: string } };
    expect(list.unsubscribe.url).toBe(`https://papers.example.org/unsubscribe/v1.${'a'.repeat(120)}`);
    expect(m.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
  });

  it('keeps quoted-printable lines within 76 characters and encodes what must be', () => {
    const qp = quotedPrintable(`${'é'.repeat(40)} end \n=`);
    for (const l of qp.split('\r\n')) expect(l.length).toBeLessThanOrEqual(76);
    expect(qp).toContain('end=20');
    expect(qp.endsWith('=3D')).toBe(true);
    // ASCII lines take the fast path: same rules.
    for (const n of [74, 75, 76, 77, 150, 151]) {
      const line = `${'a'.repeat(n - 1)} `;
      const out = quotedPrintable(line).split('\r\n');
      for (const l of out) expect(l.length).toBeLessThanOrEqual(76);
      expect(out.join('').replace(/=\r?$/gm, '').replace(/=$/g, '')).toMatch(/=20$/);
      expect(
        out
          .map((l) => l.replace(/=$/, ''))
          .join('')
          .replace('=20', ' '),
      ).toBe(line);
    }
  });
});
