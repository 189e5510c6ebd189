// Failures of the parts around a scaled-out deployment, against real processes on a PostgreSQL cluster of the
// file's own (restarting the run's shared cluster would disturb the other test files):
//  - PostgreSQL restarts while a web process and a worker run: requests fail fast with 503 + Retry-After, and
//    both recover by themselves once the database is back;
//  - PostgreSQL restarts during an ingest: the run stops with exit 75 and a message, and the same command
//    resumes from its checkpoint with nothing lost or doubled;
//  - a web process's search index is deleted while it serves: search keeps answering, the index is rebuilt;
//  - processes with their own data dirs agree on the instance key (kept in the database).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { apiPage, type FixturePaper } from '../fixtures/sources/render.js';
import { fixturePath } from '../helpers/fixtures.js';
import {
  startFixtureServer,
  type FixtureServer,
  type Recorded,
  type Reply,
} from '../helpers/http-fixtures.js';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';
import {
  exited,
  removeDir,
  root,
  runCli,
  startServer,
  tempDir,
  type RunningServer,
} from '../helpers/server.js';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

/** A new database in the file's cluster; its URL. */
async function createDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Resolves when `check` returns true, checking every 50 ms; rejects after `ms`. */
async function until(check: () => Promise<boolean> | boolean, ms = 20_000, what = 'condition') {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const samples = ['arxiv-corpus-sample.jsonl', 'hf-daily-sample.jsonl'].map(fixturePath);

describe('PostgreSQL restarts while a web process and a worker run', { timeout: 120_000 }, () => {
  let url: string;
  let web: RunningServer;
  let worker: ChildProcess;
  let workerLog = '';
  let fixtures: FixtureServer;
  beforeAll(async () => {
    url = await createDatabase('serving');
    const imported = await runCli(['import', ...samples], { DATABASE_URL: url });
    expect(imported.code, imported.stderr).toBe(0);
    fixtures = await startFixtureServer({
      '/api/daily_papers': { body: '[]', headers: { 'content-type': 'application/json' } },
    });
    web = await startServer({ args: ['--no-demo', '--no-worker'], env: { DATABASE_URL: url } });
    worker = spawn(
      process.execPath,
      [path.join(root, 'bin/paperpulse.js'), 'worker', '--no-schedule', '--poll', '100'],
      { cwd: root, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'info' }, stdio: 'pipe' },
    );
    worker.stdout!.setEncoding('utf8').on('data', (s: string) => (workerLog += s));
    worker.stderr!.setEncoding('utf8').on('data', (s: string) => (workerLog += s));
    await until(() => /worker started/.test(workerLog), 30_000, 'the worker to start');
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await web?.stop();
    await fixtures?.close();
  });

  test('requests fail fast with 503 and Retry-After, then everything recovers without a restart', async () => {
    const id = (JSON.parse(fs.readFileSync(samples[0]!, 'utf8').split('\n')[0]!) as { id: string }).id;
    const paths = [
      '/',
      '/api/trending',
      `/papers/${id}`,
      `/api/papers/${id}`,
      '/feed.atom',
      '/about',
      '/healthz',
    ];
    const get = async (p: string) => {
      const started = performance.now();
      const res = await fetch(`${web.url}${p}`, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      return {
        p,
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        ms: performance.now() - started,
      };
    };
    for (const p of paths) expect((await get(p)).status, p).toBe(200);

    await cluster.restart(async () => {
      // Past the app's one-second cache of the data version, every request needs the database.
      await new Promise((r) => setTimeout(r, 1200));
      for (const p of paths) {
        const r = await get(p);
        expect(r, p).toMatchObject({ status: 503, retryAfter: '5' });
        // Fast: a refused connection is not waited on (the pool's 5 s connect timeout is for silent hosts).
        expect(r.ms, p).toBeLessThan(1000);
      }
      const body = (await (await fetch(`${web.url}/api/trending`)).json()) as { error: { code: string } };
      expect(body.error.code).toBe('store_unavailable');
      const health = (await (await fetch(`${web.url}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('unavailable');
    });

    // Back: the pools replace their dead connections by themselves.
    await until(async () => (await get('/healthz')).status === 200, 10_000, '/healthz to answer 200');
    for (const p of paths) expect((await get(p)).status, p).toBe(200);

    // The worker kept polling through the outage and runs new work without being restarted.
    const store = openPostgresStore(url);
    try {
      const { job } = await store.enqueueJob({
        kind: 'ingest-source',
        key: 'test:after-restart',
        payload: {
          source: 'hf-daily',
          from: '2025-09-17',
          until: '2025-09-17',
          baseUrl: fixtures.url,
          intervalMs: 0,
        },
      });
      await until(async () => (await store.jobById(job.id))?.state === 'done', 30_000, 'the job').catch(
        async (e: Error) => {
          const state = JSON.stringify(await store.jobById(job.id));
          throw new Error(`${e.message}: ${state}\n--- worker log ---\n${workerLog.slice(-3000)}`);
        },
      );
      // On its first attempt: no connection the restart left dead was handed to it.
      expect((await store.jobById(job.id))!.attempts).toBe(1);
    } finally {
      await store.close();
    }
    expect(workerLog).toMatch(/could not claim a job/);
    expect(worker.exitCode).toBeNull();
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
    expect(await web.stop()).toBe(0);
  });
});

test('processes with different data dirs on one database sign with one key', async () => {
  const url = await createDatabase('signing');
  const dirs = [tempDir(), tempDir()];
  try {
    const secrets = await Promise.all(
      dirs.map((d) => runCli(['subscribers', 'webhook-secret'], { DATABASE_URL: url, DATA_DIR: d })),
    );
    for (const r of secrets) expect(r.code, r.stderr).toBe(0);
    expect(secrets[0]!.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(secrets[1]!.stdout).toBe(secrets[0]!.stdout);
  } finally {
    dirs.forEach(removeDir);
  }
});

describe('PostgreSQL restarts during an ingest', { timeout: 120_000 }, () => {
  const pool = JSON.parse(
    fs.readFileSync(fixturePath('sources/arxiv-api/pool.json'), 'utf8'),
  ) as FixturePaper[];
  const inRange = pool.filter(
    (p) => p.categories.includes('cs.CL') && p.versions[0]! >= '2025-09-25' && p.versions[0]! < '2025-10-02',
  );
  let fixtures: FixtureServer;
  beforeAll(async () => {
    const minute = (iso: string) => new Date(iso).toISOString().replace(/[-T:]/g, '').slice(0, 12);
    let stalled = false;
    fixtures = await startFixtureServer({
      // Answers like the arXiv API from the fixture pool; the first request for the third page is held back
      // until the test has stopped the database, so the page arrives with nowhere to go.
      '/api/query': (req: Recorded): Reply => {
        const m = /^cat:(\S+) AND submittedDate:\[(\d{12}) TO (\d{12})\]$/.exec(
          req.query.get('search_query')!,
        )!;
        const hits = pool.filter(
          (p) =>
            p.categories.includes(m[1]!) &&
            minute(p.versions[0]!) >= m[2]! &&
            minute(p.versions[0]!) <= m[3]!,
        );
        const start = Number(req.query.get('start'));
        const max = Number(req.query.get('max_results'));
        const body = apiPage(req.url, hits.length, start, max, hits.slice(start, start + max));
        const reply: Reply = { body, headers: { 'content-type': 'application/atom+xml' } };
        if (start === 10 && !stalled) {
          stalled = true;
          return { ...reply, delayMs: 3000 };
        }
        return reply;
      },
    });
  });
  afterAll(async () => {
    await fixtures?.close();
  });

  test('the run stops with exit 75 and what to do; the same command resumes with nothing lost or doubled', async () => {
    const url = await createDatabase('ingesting');
    const migrated = await runCli(['db', 'migrate'], { DATABASE_URL: url });
    expect(migrated.code, migrated.stderr).toBe(0);
    const args = [
      'ingest',
      'arxiv-api',
      '--category',
      'cs.CL',
      '--from',
      '2025-09-25',
      '--until',
      '2025-10-01',
    ];
    const flags = ['--page-size', '5', '--interval', '0', '--retries', '0', '--base-url', fixtures.url];
    const env = { DATABASE_URL: url };

    const first = runCli([...args, ...flags], env, 60_000);
    await until(() => fixtures.requests.some((r) => r.query.get('start') === '10'), 20_000, 'the third page');
    let stopped: Awaited<typeof first> | undefined;
    await cluster.restart(async () => {
      stopped = await first;
    });
    expect(stopped!.code, stopped!.stderr).toBe(75);
    expect(stopped!.stderr).toMatch(/read 10 records from 2 pages .*: 10 new/);
    expect(stopped!.stderr).toMatch(
      /arxiv-api stopped: The PostgreSQL database at 127\.0\.0\.1:\d+\/ingesting is unreachable .*Everything up to .* is saved and the checkpoint points after it; run the same command again to resume\./s,
    );

    const before = fixtures.requests.length;
    const again = await runCli([...args, ...flags], env, 60_000);
    expect(again.code, again.stderr).toBe(0);
    // Resumed at the page that was lost, not from the start.
    expect(fixtures.requests[before]!.query.get('start')).toBe('10');
    expect(again.stdout).toMatch(new RegExp(`: ${inRange.length - 10} new, 0 updated, 0 unchanged`));

    const store = openPostgresStore(url);
    try {
      expect(await store.paperCount()).toBe(inRange.length);
      const stored = await store.papersByIds(inRange.map((p) => p.id));
      expect(stored.map((p) => p.id).sort()).toEqual(inRange.map((p) => p.id).sort());
      expect(JSON.parse((await store.getMeta('ingest:arxiv-api:cs.CL'))!)).toMatchObject({ done: true });
    } finally {
      await store.close();
    }
    const third = await runCli([...args, ...flags], env, 60_000);
    expect(third.stdout).toMatch(/nothing changed/);
  });
});

describe('a web process loses its search index while serving', { timeout: 120_000 }, () => {
  test('search keeps answering, the index is rebuilt from PostgreSQL, and it follows other writers', async () => {
    const url = await createDatabase('searching');
    const imported = await runCli(['import', samples[0]!], { DATABASE_URL: url });
    expect(imported.code, imported.stderr).toBe(0);
    const web = await startServer({ args: ['--no-demo', '--no-worker'], env: { DATABASE_URL: url } });
    try {
      type Body = { total: number; index: { state: string }; results: { id: string }[] };
      const search = async () =>
        (await (await fetch(`${web.url}/api/search?q=learning&mode=keyword`)).json()) as Body;
      await until(async () => (await search()).index.state === 'ready', 30_000, 'the index');
      const before = await search();
      expect(before.total).toBeGreaterThan(0);
      const dir = path.join(web.dataDir, 'index');
      expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true);

      fs.rmSync(dir, { recursive: true });
      // Every answer meanwhile is the full one; the files come back within a few sync ticks.
      const answers: Body[] = [];
      await until(
        async () => {
          answers.push(await search());
          return fs.existsSync(path.join(dir, 'manifest.json')) && /search index rebuilt/.test(web.logs());
        },
        30_000,
        'the index files to be rebuilt',
      );
      for (const a of answers) {
        expect(a.index.state).toBe('ready');
        expect(a.results.map((r) => r.id)).toEqual(before.results.map((r) => r.id));
      }
      expect(web.logs()).toMatch(
        /the index files in .* were deleted; answering from memory while rebuilding/,
      );
      const health = (await (await fetch(`${web.url}/healthz`)).json()) as { search: { degraded: unknown } };
      expect(health.search.degraded).toBeNull();
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
        docCount: number;
      };
      expect(manifest.docCount).toBe(50);

      // A web-only process follows what other processes write to PostgreSQL: an import's paper is searchable
      // within a few sync ticks (a 2007 physics paper; nothing in the corpus sample mentions diphotons).
      const imported2 = await runCli(['import', fixturePath('kaggle-sample.jsonl')], { DATABASE_URL: url });
      expect(imported2.code, imported2.stderr).toBe(0);
      const found = async () =>
        ((await (await fetch(`${web.url}/api/search?q=diphoton&mode=keyword`)).json()) as Body).results;
      await until(async () => (await found()).some((r) => r.id === '0704.0001'), 15_000, 'the new paper');
    } finally {
      expect(await web.stop()).toBe(0);
    }
  });
});
