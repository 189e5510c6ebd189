// Issue #8's delivery guarantee with real processes on one PostgreSQL database: two `serve --no-worker` web
// processes and three `paperpulse worker` processes; 5,000 confirmed subscribers; three planners racing to plan
// the same period; one worker SIGKILLed mid-run and started again. Afterwards every subscriber has exactly one
// digest row, sent, and received exactly one distinct Message-ID (a redelivery after the kill carries the same
// Message-ID, which receivers drop — see "Digests" in docs/architecture.md).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { defaultPreferences } from '../../src/model/subscriber.js';
import { planDigests } from '../../src/digest/plan.js';
import { recomputeTrending } from '../../src/rank/recompute.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { deliveriesById, faultySmtp, type FaultySmtp } from '../helpers/smtp-faults.js';
import { paper, signal } from '../helpers/papers.js';
import { exited, removeDir, root, startServer, tempDir, type RunningServer } from '../helpers/server.js';

const N = 5000;
const WORKERS = 3;
const CONCURRENCY = 4;
const DAY = new Date().toISOString().slice(0, 10);
const SECRET = 'e2e-scale-out-secret-0123456789abcdefghij';

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('scale-out: 2 web + 3 worker processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let store: Store;
  let smtp: FaultySmtp;
  let dataDir: string;
  const webs: RunningServer[] = [];
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    store = openPostgresStore(db.url);
    await store.migrate();
    const papers = Array.from({ length: 120 }, (_, i) =>
      paper(`2611.4${String(i).padStart(4, '0')}`, {
        title: `Scale-out paper ${i} on ${['diffusion', 'retrieval', 'agents'][i % 3]}`,
        categories: [i % 3 ? 'cs.LG' : 'cs.CL'],
        primaryCategory: i % 3 ? 'cs.LG' : 'cs.CL',
        firstSeen: DAY,
      }),
    );
    const observed = new Date(Date.now() - 3600_000).toISOString();
    await store.importBatch({ papers, signals: papers.map((p, i) => signal(p.id, 1 + (i % 17), observed)) });
    await recomputeTrending(store, { mode: 'full', now: new Date() });
    // Send hour 0 in every zone: each subscriber is due today, wherever the test runs and whatever the hour.
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];
    const list = Array.from({ length: N }, (_, i) => ({
      email: `reader${i}@example.org`,
      status: 'active' as const,
      preferences: {
        ...defaultPreferences(),
        sendHour: 0,
        timeZone: zones[i % zones.length]!,
        categories: i % 4 === 0 ? ['cs.CL'] : [],
        keywords: i % 7 === 0 ? ['retrieval'] : [],
        maxPapers: 5,
        skipEmpty: false,
      },
      confirmedAt: new Date().toISOString(),
    }));
    for (let i = 0; i < N; i += 1000) await store.importSubscribers(list.slice(i, i + 1000), new Date());
    smtp = await faultySmtp();
    // A few ms per recipient keeps each worker's batch in flight, so the kill lands mid-send.
    smtp.faults.delayMs = 3;
    dataDir = tempDir('paperpulse-scale-out-');
    const env = {
      DATABASE_URL: db.url,
      SECRET_KEY: SECRET,
      PUBLIC_URL: 'https://papers.example.org',
      LOG_LEVEL: 'warn',
    };
    for (let i = 0; i < 2; i++) {
      webs.push(await startServer({ args: ['--no-worker', '--no-demo'], env, timeoutMs: 120_000 }));
    }
  }, 300_000);
  afterAll(async () => {
    for (const c of workers) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(webs.map((w) => w.stop()));
    await store?.close();
    await smtp?.stop();
    await db?.drop();
    if (dataDir) removeDir(dataDir);
  });

  const startWorker = () => {
    const args = ['worker', '--no-schedule', '--lease', '3', '--poll', '50'];
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/paperpulse.js'), ...args, '--digest-concurrency', String(CONCURRENCY)],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          DATA_DIR: dataDir,
          SMTP_URL: smtp.url,
          SMTP_RATE: '0',
          PUBLIC_URL: 'https://papers.example.org',
          SECRET_KEY: SECRET,
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      },
    );
    workers.push(child);
    return child;
  };

  test('every subscriber gets exactly one digest though planners race and a worker is killed', async () => {
    // Three planners at once (as three schedulers would): the period is planned once, by whoever comes first.
    const added = await Promise.all([0, 1, 2].map(() => planDigests(store, { now: new Date(), day: DAY })));
    expect(added.reduce((a, b) => a + b, 0)).toBe(N);
    expect(await store.digestCounts()).toMatchObject({ queued: N });

    const started = Date.now();
    const running = Array.from({ length: WORKERS }, startWorker);
    await until(() => smtp.received.length >= N / 5, 'a fifth of the digests', 300_000);
    // The web processes keep serving while the workers send (and send nothing themselves: no SMTP_URL).
    for (const w of webs) expect((await fetch(`${w.url}/`)).status).toBe(200);
    running[0]!.kill('SIGKILL');
    await exited(running[0]!);
    const killedAt = smtp.received.length;
    startWorker();
    await until(async () => (await store.digestCounts()).sent === N, 'every digest sent', 600_000);
    const seconds = (Date.now() - started) / 1000;

    expect(await store.digestCounts()).toMatchObject({ sent: N, queued: 0, sending: 0, failed: 0 });
    const byId = deliveriesById(smtp.received);
    expect(byId.size).toBe(N);
    // Per subscriber: exactly one distinct Message-ID.
    const idsByAddress = new Map<string, Set<string>>();
    for (const m of smtp.received) {
      const to = m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : undefined;
      const ids = idsByAddress.get(to ?? '') ?? new Set<string>();
      ids.add(m.messageId ?? '');
      idsByAddress.set(to ?? '', ids);
    }
    expect(idsByAddress.size).toBe(N);
    expect([...idsByAddress.values()].every((ids) => ids.size === 1)).toBe(true);
    const redelivered = [...byId.values()].filter((n) => n > 1).length;
    // A redelivery can only be a message the relay accepted in the instant before the kill: at most one per
    // message the killed worker had in flight.
    expect(redelivered).toBeLessThanOrEqual(CONCURRENCY);
    for (const w of webs) expect((await fetch(`${w.url}/healthz`)).status).toBe(200);
    console.log(
      `scale-out e2e: ${N} digests by ${WORKERS} workers in ${seconds.toFixed(1)} s (${(N / seconds).toFixed(0)}/s); ` +
        `killed one after ${killedAt} deliveries; ${smtp.received.length} deliveries, ${redelivered} redelivered Message-IDs`,
    );
    for (const w of workers.slice(1)) {
      w.kill('SIGTERM');
      expect(await exited(w)).toBe(0);
    }
  }, 900_000);
});
