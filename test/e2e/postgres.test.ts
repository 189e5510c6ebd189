// The CLI on PostgreSQL as an operator runs it: move an SQLite instance over with `db copy`, then serve from
// PostgreSQL; and what an unreachable DATABASE_URL looks like.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixturePath } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { freePort, removeDir, runCli, startServer, tempDir } from '../helpers/server.js';

describe('moving an instance from SQLite to PostgreSQL', () => {
  let dir: string;
  let db: TestDatabase;
  beforeAll(async () => {
    dir = tempDir();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    removeDir(dir);
  });

  test('db copy moves everything, a re-run has nothing left to do, and serve answers from PostgreSQL', async () => {
    const files = ['arxiv-corpus-sample.jsonl', 'hf-daily-sample.jsonl'].map(fixturePath);
    const imported = await runCli(['import', ...files], { DATA_DIR: dir });
    expect(imported.code, imported.stderr).toBe(0);

    const from = `sqlite:${path.join(dir, 'paperpulse.db')}`;
    const copied = await runCli(['db', 'copy', '--from', from, '--to', db.url, '--batch-size', '20']);
    expect(copied.code, copied.stderr).toBe(0);
    const papers = Number(/the target holds ([\d,]+) papers/.exec(copied.stdout)?.[1]?.replace(/,/g, ''));
    expect(papers).toBeGreaterThan(50);
    expect(copied.stdout).toMatch(/^Copied [\d,]+ papers .* Verified/);

    const again = await runCli(['db', 'copy', '--from', from, '--to', db.url]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Resumed and copied 0 papers \(0 new\) and 0 signal observations/);

    const server = await startServer({ args: ['--no-demo'], env: { DATABASE_URL: db.url } });
    try {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as {
        store: string;
        papers: number;
      };
      expect(health).toMatchObject({ store: 'postgres', papers });
      const res = await fetch(`${server.url}/api/trending?window=all&limit=5`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { total: number; results: { id: string }[] };
      expect(body.total).toBe(papers);
      const listed = body.results;
      expect(listed.length).toBe(5);
      const one = await fetch(`${server.url}/api/papers/${listed[0]!.id}`);
      expect(one.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  test('db copy from a file that does not exist copies nothing and exits 66', async () => {
    const missing = path.join(dir, 'nope.db');
    const r = await runCli(['db', 'copy', '--from', `sqlite:${missing}`, '--to', db.url]);
    expect(r.code).toBe(66);
    expect(r.stderr).toContain(`Cannot read ${missing}: no such file`);
  });
});

// PostgreSQL restarting under serve and worker processes: test/e2e/reliability.test.ts.

test('an unreachable DATABASE_URL stops the command with exit 75 (try later) and says what to check', async () => {
  const port = await freePort();
  const r = await runCli(['db', 'migrate'], {
    DATABASE_URL: `postgres://paperpulse:pw@127.0.0.1:${port}/papers`,
  });
  expect(r.code).toBe(75);
  expect(r.stderr).toMatch(
    /PostgreSQL database at 127\.0\.0\.1:\d+\/papers is unreachable \(.*ECONNREFUSED.*\)/,
  );
  expect(r.stderr).toContain('DATABASE_URL');
  expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
});
