// `paperpulse db backup` as operators run it, on both backends: SQLite through the online backup API (while a
// server has the file open), PostgreSQL through pg_dump, each verified and restorable.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { fixturePath } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { removeDir, runCli, startServer, tempDir } from '../helpers/server.js';

const run = promisify(execFile);
const samples = ['arxiv-corpus-sample.jsonl', 'hf-daily-sample.jsonl'].map(fixturePath);
const number = (s: string, re: RegExp) => Number(re.exec(s)?.[1]?.replace(/,/g, ''));

describe('db backup on SQLite', () => {
  let dir: string;
  let out: string;
  beforeAll(async () => {
    dir = tempDir();
    out = tempDir('paperpulse-backups-');
    const r = await runCli(['import', '--data-dir', dir, ...samples]);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => {
    removeDir(dir);
    removeDir(out);
  });

  test('backs up a served database to one verified file, and refuses to overwrite it', async () => {
    const server = await startServer({ dataDir: dir, args: ['--no-demo', '--no-worker'] });
    try {
      const target = path.join(out, 'nightly.db');
      const r = await runCli(['db', 'backup', '--data-dir', dir, '--to', target]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /^Backed up to .*nightly\.db \([\d.]+ MB\) in [\d.]+ s\. Verified: it reads back with/,
      );
      const papers = number(r.stdout, /reads back with ([\d,]+) papers/);
      const signals = number(r.stdout, /papers and ([\d,]+) signal observations/);
      expect(papers).toBeGreaterThan(50);
      expect(fs.readdirSync(out)).toEqual(['nightly.db']); // no .partial, no -wal/-shm

      const db = new SQLite(target, { readonly: true });
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
        expect((db.prepare('select count(*) as n from papers').get() as { n: number }).n).toBe(papers);
        expect((db.prepare('select count(*) as n from signals').get() as { n: number }).n).toBe(signals);
      } finally {
        db.close();
      }
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { papers: number };
      expect(health.papers).toBe(papers);

      const before = fs.statSync(target).mtimeMs;
      const again = await runCli(['db', 'backup', '--data-dir', dir, '--to', target]);
      expect(again.code).toBe(64);
      expect(again.stderr).toMatch(/nightly\.db already exists; choose another --to/);
      expect(fs.statSync(target).mtimeMs).toBe(before);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  test('without --to, writes a time-stamped file under DATA_DIR/backups', async () => {
    const r = await runCli(['db', 'backup'], { DATA_DIR: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = fs.readdirSync(path.join(dir, 'backups'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^paperpulse-\d{4}-\d\d-\d\dT\d{6}Z\.db$/);
  });

  test('a data dir without a database writes nothing and exits 66', async () => {
    const empty = tempDir();
    try {
      const r = await runCli(['db', 'backup', '--data-dir', empty]);
      expect(r.code).toBe(66);
      expect(r.stderr).toMatch(/Cannot back up .*paperpulse\.db: no such file/);
      expect(fs.readdirSync(empty)).toEqual([]);
    } finally {
      removeDir(empty);
    }
  });
});

describe('db backup on PostgreSQL', () => {
  let source: TestDatabase;
  let restored: TestDatabase;
  let out: string;
  beforeAll(async () => {
    source = await createTestDatabase();
    restored = await createTestDatabase();
    out = tempDir('paperpulse-backups-');
    const r = await runCli(['import', ...samples], { DATABASE_URL: source.url });
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(async () => {
    await source?.drop();
    await restored?.drop();
    removeDir(out);
  });

  test('runs pg_dump, verifies the dump by reading it back, and the dump restores to the same data', async () => {
    const target = path.join(out, 'paperpulse.dump');
    const r = await runCli(['db', 'backup', '--to', target], { DATABASE_URL: source.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Backed up to .*paperpulse\.dump .* Verified: it reads back with [\d,]+ papers/,
    );
    expect(r.stdout).toMatch(/Restore with: pg_restore --clean --if-exists --no-owner --dbname=URL /);
    expect(fs.readdirSync(out)).toEqual(['paperpulse.dump']);
    const papers = number(r.stdout, /reads back with ([\d,]+) papers/);
    const signals = number(r.stdout, /papers and ([\d,]+) signal observations/);

    await run('pg_restore', ['--no-owner', `--dbname=${restored.url}`, target]);
    const store = openPostgresStore(restored.url);
    try {
      expect(await store.paperCount()).toBe(papers);
      expect(await store.signalCount()).toBe(signals);
      expect(await store.migrate()).toEqual([]); // the schema's migration history came along
    } finally {
      await store.close();
    }
  });

  test('--print-command prints the pg_dump command without the password', async () => {
    const u = new URL(source.url);
    u.password = 's3cret';
    const r = await runCli(['db', 'backup', '--print-command', '--to', path.join(out, 'x.dump')], {
      DATABASE_URL: u.toString(),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^pg_dump --format=custom --no-owner --no-privileges --dbname=postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+ --file=.*x\.dump\n$/,
    );
    expect(r.stdout + r.stderr).not.toContain('s3cret');
    expect(r.stderr).toMatch(/the password is left out: put it in PGPASSWORD or ~\/\.pgpass/);
    expect(fs.existsSync(path.join(out, 'x.dump'))).toBe(false);
  });

  test('without pg_dump on PATH, prints the command to run and exits 69', async () => {
    const bin = tempDir('paperpulse-empty-bin-'); // node itself is started by its absolute path
    const r = await runCli(['db', 'backup', '--to', path.join(out, 'y.dump')], {
      DATABASE_URL: source.url,
      PATH: bin,
    }).finally(() => removeDir(bin));
    expect(r.code).toBe(69);
    expect(r.stdout).toMatch(/^pg_dump --format=custom /);
    expect(r.stderr).toMatch(/pg_dump is not on PATH, so nothing was written/);
  });
});
