// Two `paperpulse worker` processes on one PostgreSQL database drain a queue of real ingest jobs (hf-daily, one day
// each, from a local fixture server). The worker holding the first job is killed with SIGKILL mid-request: the
// other takes the job over when its lease expires, and every job is done exactly once.
import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { fixturePath } from '../helpers/fixtures.js';
import {
  startFixtureServer,
  type FixtureServer,
  type Recorded,
  type Reply,
} from '../helpers/http-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { exited, root } from '../helpers/server.js';

const json = { 'content-type': 'application/json; charset=utf-8' };
const days = Array.from({ length: 20 }, (_, i) => `2025-09-${String(i + 1).padStart(2, '0')}`);
const STALL = days[0]!;
const FULL = '2025-09-17';
const fullDay = fs.readFileSync(fixturePath('sources/hf-daily/2025-09-17.json'), 'utf8');

/** Resolves when `check` returns true, checking every 50 ms. */
async function until(check: () => Promise<boolean> | boolean) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}

describe('two workers on one PostgreSQL queue', () => {
  let db: TestDatabase;
  let store: Store;
  let server: FixtureServer;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    store = openPostgresStore(db.url);
    await store.migrate();
    const hits = new Map<string, number>();
    server = await startFixtureServer({
      '/api/daily_papers': (req: Recorded): Reply => {
        const day = req.query.get('date') ?? '';
        hits.set(day, (hits.get(day) ?? 0) + 1);
        // The first request for the first day never gets its answer in time: its worker is killed meanwhile.
        if (day === STALL && hits.get(day) === 1) return { delayMs: 120_000, body: '[]', headers: json };
        return { body: day === FULL ? fullDay : '[]', headers: json };
      },
    });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await store?.close();
    await server?.close();
    await db?.drop();
  });

  const startWorker = () => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/paperpulse.js'), 'worker', '--no-schedule', '--lease', '2', '--poll', '50'],
      { cwd: root, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'info' }, stdio: 'ignore' },
    );
    children.push(child);
    return child;
  };

  test('a killed worker loses nothing: its job is taken over and every job is done once', async () => {
    const ids: number[] = [];
    for (const [i, day] of days.entries()) {
      const { job } = await store.enqueueJob({
        kind: 'ingest-source',
        key: `test:hf-daily:${day}`,
        payload: { source: 'hf-daily', from: day, until: day, baseUrl: server.url, intervalMs: 0 },
        // Oldest first, so the stalling day is the first job claimed.
        runAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
      });
      ids.push(job.id);
    }
    const workers = [startWorker(), startWorker()];
    await until(() => server.requests.some((r) => r.query.get('date') === STALL));
    const holder = (await store.jobById(ids[0]!))!.leaseOwner!;
    const victim = workers.find((w) => holder.includes(`:${w.pid}:`))!;
    expect(victim).toBeDefined();
    victim.kill('SIGKILL');
    await exited(victim);

    const jobs = async () => Promise.all(ids.map((id) => store.jobById(id)));
    await until(async () => (await jobs()).every((j) => j?.state === 'done'));
    const done = await jobs();
    // The killed worker's job ran twice (once cut short), every other job once.
    expect(done.map((j) => j!.attempts)).toEqual([2, ...days.slice(1).map(() => 1)]);
    const requests = (day: string) => server.requests.filter((r) => r.query.get('date') === day).length;
    expect(days.map(requests)).toEqual([2, ...days.slice(1).map(() => 1)]);
    const items = JSON.parse(fullDay) as unknown[];
    expect(await store.paperCount()).toBe(items.length);

    // The survivor stops gracefully on SIGTERM.
    const survivor = workers.find((w) => w !== victim)!;
    survivor.kill('SIGTERM');
    expect(await exited(survivor)).toBe(0);
  });
});
