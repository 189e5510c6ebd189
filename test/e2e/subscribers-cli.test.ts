// `paperpulse subscribers …` as an operator runs it (the built CLI, on a temp DATA_DIR):
// import with rejected lines listed, list, export round trip, bounce/complaint, webhook-secret.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDir } from '../helpers/server.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { derivedWebhookSecret } from '../../src/mail/accounts.js';

/** Runs the built CLI (`npm run build` first, as for every e2e test). */
const cli = (args: string[], env: Record<string, string>) => runCli(args, { LOG_LEVEL: 'warn', ...env });

describe('paperpulse subscribers', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = tempDir();
    env = { DATA_DIR: dir, SECRET_KEY: 'cli-test-secret-0123456789abcdef0123456789', SOFT_BOUNCE_LIMIT: '2' };
  });
  afterAll(() => removeDir(dir));

  it('imports valid lines, lists each rejected one with its line and reason, and exits 65', async () => {
    const file = path.join(dir, 'in.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({
          email: 'Ada@Example.org',
          status: 'active',
          preferences: { keywords: ['kv cache'] },
        }),
        JSON.stringify({ email: 'bob@example.org', status: 'paused', confirmedAt: '2025-01-02T03:04:05Z' }),
        JSON.stringify({ email: 'not-an-address', status: 'active' }),
        JSON.stringify({ email: 'cy@example.org', status: 'sleeping' }),
        '{broken json',
        JSON.stringify({
          email: 'dee@example.org',
          status: 'active',
          preferences: { timeZone: 'Mars/Base' },
        }),
      ].join('\n') + '\n',
    );
    const r = await cli(['subscribers', 'import', file], env);
    expect(r.stdout).toBe(`Imported subscribers from ${file}: 2 new, 0 updated, 4 rejected.\n`);
    expect(r.stderr).toContain(`${file}:3: rejected: email: not an email address`);
    expect(r.stderr).toContain(
      `${file}:4: rejected: status: status must be one of pending, active, paused, unsubscribed`,
    );
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/\./g, '\\.')}:5: rejected: .*JSON`, 'i'));
    expect(r.stderr).toContain(
      `${file}:6: rejected: preferences.timeZone: an IANA time zone such as Europe/Berlin`,
    );
    expect(r.code).toBe(65);
    const again = await cli(['subscribers', 'import', file], env);
    expect(again.stdout).toContain('0 new, 2 updated, 4 rejected');
  });

  it('lists subscribers with their state and the counts', async () => {
    const r = await cli(['subscribers', 'list'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1\tada@example\.org\tactive\t-\t\S+\n2\tbob@example\.org\tpaused\t-\t\S+\n$/);
    expect(r.stderr).toContain('1 active, 1 paused, 0 pending, 0 unsubscribed; 0 suppressed.');
    const paused = await cli(['subscribers', 'list', '--status', 'paused'], env);
    expect(paused.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('records bounces and complaints; suppressed addresses show in list and export', async () => {
    const soft = await cli(['subscribers', 'bounce', '--soft', 'bob@example.org'], env);
    expect(soft.stdout).toBe('bob@example.org: 1 of 2 soft bounces before suppression.\n');
    const second = await cli(['subscribers', 'bounce', 'bob@example.org', '--soft'], env);
    expect(second.stdout).toMatch(
      /^bob@example\.org is suppressed \(soft_bounces, since .+\): it is never mailed again\.\n$/,
    );
    const complaint = await cli(['subscribers', 'complaint', 'ADA@example.org'], env);
    expect(complaint.stdout).toMatch(/^ada@example\.org is suppressed \(complaint/);
    const unknown = await cli(['subscribers', 'bounce', 'who@example.org'], env);
    expect(unknown.code).toBe(65);
    expect(unknown.stderr).toContain('No subscriber has the address who@example.org');
    expect((await cli(['subscribers', 'list'], env)).stdout).toContain('suppressed:complaint');
  });

  it('exports JSON lines that import into another instance unchanged', async () => {
    const out = path.join(dir, 'out.jsonl');
    const r = await cli(['subscribers', 'export', '--out', out], env);
    expect(r.stderr).toBe(`Exported 2 subscribers to ${out}.\n`);
    const lines = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({
      email: 'ada@example.org',
      status: 'active',
      preferences: { keywords: ['kv cache'], timeZone: 'UTC' },
      suppressed: { reason: 'complaint' },
    });
    const other = tempDir();
    try {
      const imported = await cli(['subscribers', 'import', out], { ...env, DATA_DIR: other });
      expect(imported.code).toBe(0);
      const a = openSqliteStore(path.join(dir, 'paperpulse.db'));
      const b = openSqliteStore(path.join(other, 'paperpulse.db'));
      try {
        const strip = (s: Awaited<ReturnType<typeof a.listSubscribers>>) =>
          s.map(
            ({ id: _i, updatedAt: _u, lastLinkSentAt: _l, softBounces: _b, sessionVersion: _v, ...rest }) =>
              rest,
          );
        expect(strip(await b.listSubscribers({ limit: 10 }))).toEqual(
          strip(await a.listSubscribers({ limit: 10 })),
        );
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      removeDir(other);
    }
  });

  it('prints the webhook key: WEBHOOK_SECRET, or the one derived from SECRET_KEY', async () => {
    expect((await cli(['subscribers', 'webhook-secret'], env)).stdout).toBe(
      `${derivedWebhookSecret(env.SECRET_KEY!)}\n`,
    );
    const set = await cli(['subscribers', 'webhook-secret'], {
      ...env,
      WEBHOOK_SECRET: 'an-operator-chosen-secret',
    });
    expect(set.stdout).toBe('an-operator-chosen-secret\n');
  });
});
