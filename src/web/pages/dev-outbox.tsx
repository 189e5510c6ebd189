// /dev/outbox (development only: NODE_ENV=development and no SMTP_URL): the messages paperpulse would have sent,
// newest first, each viewable as headers + text part, its HTML part, or the raw .eml. Registered by app.ts only
// when serve hands it an outbox, so in production the paths do not exist (404).
import fs from 'node:fs';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { OutboxMessenger } from '../../mail/outbox.js';
import type { simpleParser as SimpleParser } from 'mailparser';
import { Layout } from '../views/layout.js';
import { notFoundPage } from './not-found.js';

interface Parsed {
  subject: string;
  to: string;
  from: string;
  date: string;
  headers: [string, string][];
  text: string;
  html: string | undefined;
}

const shown = ['message-id', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post', 'auto-submitted'];

/** Parses a message with mailparser, a development dependency: present wherever NODE_ENV=development is used. */
async function parse(raw: Buffer): Promise<Parsed | undefined> {
  let simpleParser: typeof SimpleParser;
  try {
    ({ simpleParser } = await import('mailparser'));
  } catch {
    return undefined;
  }
  const m = await simpleParser(raw);
  const address = (a: typeof m.to) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));
  return {
    subject: m.subject ?? '(no subject)',
    to: address(m.to),
    from: address(m.from),
    date: m.date?.toISOString() ?? '',
    headers: m.headerLines
      .filter((h) => shown.includes(h.key))
      .map((h) => [h.line.slice(0, h.line.indexOf(':')), h.line.slice(h.line.indexOf(':') + 1).trim()]),
    text: m.text ?? '',
    html: typeof m.html === 'string' ? m.html : undefined,
  };
}

/** The outbox file named in the URL, if it is one (names are checked, never joined blindly). */
function fileOf(outbox: OutboxMessenger, name: string): string | undefined {
  if (!/^[A-Za-z0-9._@-]+\.eml$/.test(name)) return undefined;
  const file = path.join(outbox.dir, name);
  return fs.existsSync(file) ? file : undefined;
}

async function listPage(c: Context<AppEnv>, outbox: OutboxMessenger) {
  const entries = outbox.list().slice(0, 500);
  c.header('Cache-Control', 'no-store');
  const rows = await Promise.all(
    entries.map(async (e) => ({ ...e, parsed: await parse(fs.readFileSync(path.join(outbox.dir, e.file))) })),
  );
  return c.html(
    <Layout title="Outbox — paperpulse (development)" demo={c.var.demo}>
      <h1>Outbox</h1>
      <p>
        Without <code>SMTP_URL</code>, paperpulse writes every message to <code>{outbox.dir}</code> instead of
        sending it.{' '}
        {entries.length === 0 ? 'Nothing has been written yet.' : `${entries.length} shown, newest first.`}
      </p>
      <table>
        <thead>
          <tr>
            <th>Written</th>
            <th>To</th>
            <th>Subject</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.mtime.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td>{r.parsed?.to ?? ''}</td>
              <td>
                <a href={`/dev/outbox/${encodeURIComponent(r.file)}`}>{r.parsed?.subject ?? r.file}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>,
  );
}

async function messagePage(c: Context<AppEnv>, outbox: OutboxMessenger) {
  const name = c.req.param('file') ?? '';
  const file = fileOf(outbox, name);
  if (!file) return notFoundPage(c, 'No such message in the outbox.');
  const m = await parse(fs.readFileSync(file));
  const base = `/dev/outbox/${encodeURIComponent(name)}`;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <Layout title={`${m?.subject ?? name} — outbox`} demo={c.var.demo}>
      <p>
        <a href="/dev/outbox">← Outbox</a>
      </p>
      <h1>{m?.subject ?? name}</h1>
      {m ? (
        <table>
          <tbody>
            {[['From', m.from] as const, ['To', m.to] as const, ['Date', m.date] as const, ...m.headers].map(
              ([k, v]) => (
                <tr>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : (
        <p>Install the development dependencies (npm install) to see the message parsed.</p>
      )}
      <p>
        {m?.html ? <a href={`${base}/html`}>HTML part</a> : null}
        {m?.html ? ' · ' : null}
        <a href={`${base}/raw`}>Raw message (.eml)</a>
      </p>
      {m ? (
        <>
          <h2>Text part</h2>
          <pre>{m.text}</pre>
        </>
      ) : null}
    </Layout>,
  );
}

/** Adds /dev/outbox, /dev/outbox/:file, …/html and …/raw for `outbox`. */
export function devOutboxRoutes(app: Hono<AppEnv>, outbox: OutboxMessenger) {
  app.get('/dev/outbox', (c) => listPage(c, outbox));
  app.get('/dev/outbox/:file', (c) => messagePage(c, outbox));
  app.get('/dev/outbox/:file/html', async (c) => {
    const file = fileOf(outbox, c.req.param('file'));
    const m = file ? await parse(fs.readFileSync(file)) : undefined;
    if (!m?.html) return notFoundPage(c, 'This message has no HTML part.');
    // The site's CSP applies here too: no script runs, and inline styles are dropped by the browser.
    c.header('Cache-Control', 'no-store');
    return c.html(m.html);
  });
  app.get('/dev/outbox/:file/raw', (c) => {
    const file = fileOf(outbox, c.req.param('file'));
    if (!file) return notFoundPage(c, 'No such message in the outbox.');
    c.header('Content-Type', 'text/plain; charset=utf-8');
    c.header('Cache-Control', 'no-store');
    return c.body(fs.readFileSync(file));
  });
}
