// `paperpulse digest run|preview` as a user runs them (the built CLI, a real SQLite file, no SMTP_URL so mail goes
// to DATA_DIR/outbox): dry run, preview, a real run, a re-run that sends nothing, and usage errors.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { defaultPreferences } from '../../src/model/subscriber.js';
import { paper } from '../helpers/papers.js';
import { exited, removeDir, root, tempDir } from '../helpers/server.js';

const DAY = '2026-11-30';

async function cli(dataDir: string, ...args: string[]) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/paperpulse.js'), ...args, '--data-dir', dataDir],
    {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        SMTP_URL: '',
        DATABASE_URL: '',
        PUBLIC_URL: 'https://papers.example.org',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const code = await exited(child);
  return { code, stdout, stderr };
}

describe('paperpulse digest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('paperpulse-digest-cli-');
    const store = openSqliteStore(path.join(dir, 'paperpulse.db'));
    await store.migrate();
    await store.importBatch({
      papers: [
        paper('2611.50001', { title: 'Graph networks for weather', categories: ['cs.LG'], firstSeen: DAY }),
        paper('2611.50002', { title: 'Parsing with transformers', categories: ['cs.CL'], firstSeen: DAY }),
      ],
      signals: [],
    });
    for (const [email, categories] of [
      ['lg@example.org', ['cs.LG']],
      ['cl@example.org', ['cs.CL']],
    ] as const) {
      const s = await store.requestSubscription(
        email,
        { ...defaultPreferences(), categories: [...categories] },
        new Date(),
      );
      await store.confirmSubscriber(s.id, new Date());
    }
    await store.close();
  });
  afterAll(() => removeDir(dir));

  it('dry run prints who would get what and stores nothing', async () => {
    const r = await cli(dir, 'digest', 'run', '--dry-run', '--date', DAY);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `lg@example.org  ${DAY}  1 papers:\n    2611.50001  Graph networks for weather`,
    );
    expect(r.stdout).toContain(
      `cl@example.org  ${DAY}  1 papers:\n    2611.50002  Parsing with transformers`,
    );
    expect(r.stdout).toContain('Dry run: 2 digests due (0 with nothing new); nothing was sent or stored.');
    expect(fs.existsSync(path.join(dir, 'outbox'))).toBe(false);
  });

  it('preview renders one digest without sending it', async () => {
    const r = await cli(dir, 'digest', 'preview', '--to', 'LG@example.org', '--date', DAY);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('paperpulse — trending papers for Mon, Nov 30');
    expect(r.stdout).toContain('1. Graph networks for weather');
    expect(r.stdout).toMatch(/Read: https:\/\/papers\.example\.org\/r\/v1\./);
    const eml = path.join(dir, 'preview.eml');
    expect(
      (
        await cli(
          dir,
          'digest',
          'preview',
          '--to',
          'cl@example.org',
          '--date',
          DAY,
          '--format',
          'eml',
          '-o',
          eml,
        )
      ).code,
    ).toBe(0);
    expect(fs.readFileSync(eml, 'utf8')).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(fs.existsSync(path.join(dir, 'outbox'))).toBe(false);
  });

  it('sends each digest once into the outbox; a re-run sends nothing', async () => {
    const first = await cli(dir, 'digest', 'run', '--date', DAY);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Planned 2 digests; 2 sent, 0 skipped .* 0 failed, 0 still queued in .* via outbox\./m,
    );
    expect(fs.readdirSync(path.join(dir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    const again = await cli(dir, 'digest', 'run', '--date', DAY);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Planned 0 digests; 0 sent/m);
    expect(fs.readdirSync(path.join(dir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
  });

  it('says what is wrong with bad usage', async () => {
    const nobody = await cli(dir, 'digest', 'run', '--to', 'nobody@example.org');
    expect(nobody.code).toBe(64);
    expect(nobody.stderr).toContain('No subscriber with the address nobody@example.org');
    const bad = await cli(dir, 'digest', 'run', '--date', '2026-13-45');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--date must be a day like 2026-11-30');
  });
});
