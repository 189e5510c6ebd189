// Digest benchmark (`npm run bench -- digest`): the real corpus (140,877 arXiv papers + Hugging Face signals, scored
// by the trending recompute), 10,000 confirmed subscribers with varied preferences, and `paperpulse worker`
// processes composing and delivering every digest to a local SMTP server (its own process). Reports wall time,
// rate, outcome counts and each process's peak RSS.
//
// Environment: DIGEST_SUBSCRIBERS (default 10000; "10000,100000" runs both), DIGEST_WORKERS (default "1"; "1,2"
// compares), DIGEST_CONCURRENCY (digests in flight per worker, default 8), DATABASE_URL=postgres://… (a server
// where the bench may create and drop databases) or DIGEST_POSTGRES=1 (a throwaway local cluster) to run on
// PostgreSQL, DIGEST_TIMEBOX_S (stop after that long, report the sustained rate), DIGEST_BENCH_BASE (keep the imported and
// scored SQLite base here and reuse it on the next run), PAPERPULSE_CORPUS_DIR.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { exited, removeDir, root, tempDir } from '../test/helpers/server.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { corpusFiles, timedImport } from './import.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { openPostgresStore } from '../src/store/postgres.js';
import type { Store } from '../src/store/store.js';
import { recomputeTrending } from '../src/rank/recompute.js';
import { planDigests } from '../src/digest/plan.js';
import { preferencesSchema, type Preferences } from '../src/model/subscriber.js';
import { seededRandom } from '../src/search/embed/rng.js';

const cli = path.join(root, 'bin/paperpulse.js');
const hfPapers = path.join(
  path.dirname(process.env.PAPERPULSE_CORPUS_DIR ?? '/work/shared/data/arxiv-corpus'),
  'hf-daily-papers/papers.jsonl',
);
const READY = 'bench:digest-base';
const SECRET = 'digest-bench-secret-0123456789abcdefghij';
const n = (x: number) => Math.round(x).toLocaleString('en-US');

const keywords = [
  'diffusion',
  'large language model',
  'reinforcement learning',
  'graph neural network',
  'transformer',
  'retrieval',
  'benchmark',
  'robot',
  'federated learning',
  'quantization',
  'agent',
  'vision-language',
  'reasoning',
  'speech',
  'medical image',
  'privacy',
  'mixture of experts',
  'kv cache',
  'protein',
  'code generation',
];
const zones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'America/Los_Angeles',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Asia/Kathmandu',
];

/** Imports the corpus and HF signals into an SQLite base once and scores it; returns the base db file. */
async function prepareBase(): Promise<{ file: string; dir: string; temporary: boolean } | undefined> {
  const files = corpusFiles('digest bench');
  if (!files) return undefined;
  const dir = process.env.DIGEST_BENCH_BASE ?? tempDir('paperpulse-digest-base-');
  const file = path.join(dir, 'paperpulse.db');
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(file)) {
    const store = openSqliteStore(file);
    const ready = await store.getMeta(READY);
    await store.close();
    if (ready) {
      console.log(`digest: reusing the scored base in ${dir} (${ready})`);
      return { file, dir, temporary: false };
    }
  }
  const inputs = fs.existsSync(hfPapers) ? [...files, hfPapers] : files;
  const imported = await timedImport(dir, inputs);
  console.log(`digest: base imported in ${imported.seconds.toFixed(0)} s: ${imported.summary}`);
  const store = openSqliteStore(file);
  const started = performance.now();
  const r = await recomputeTrending(store, { mode: 'full' });
  console.log(
    `digest: trending scores for ${n(r.papers)} papers in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  await store.setMeta(READY, `${n(await store.paperCount())} papers, scored ${new Date().toISOString()}`);
  await store.close();
  return { file, dir, temporary: !process.env.DIGEST_BENCH_BASE };
}

/** Varied preferences: a few categories, keywords or authors (or none), daily mostly, zones around the world. */
function preferences(rand: () => number, categories: string[], authors: string[]): Preferences {
  const pick = <T>(xs: T[], k: number) =>
    Array.from({ length: k }, () => xs[Math.floor(rand() * xs.length)]!);
  const r = rand();
  return preferencesSchema.parse({
    categories: r < 0.7 ? [...new Set(pick(categories, 1 + Math.floor(rand() * 3)))] : [],
    keywords: rand() < 0.5 ? [...new Set(pick(keywords, 1 + Math.floor(rand() * 3)))] : [],
    authors: rand() < 0.2 ? [...new Set(pick(authors, 1 + Math.floor(rand() * 2)))] : [],
    frequency: rand() < 0.9 ? 'daily' : 'weekly',
    weekday: Math.floor(rand() * 7),
    sendHour: Math.floor(rand() * 24),
    timeZone: zones[Math.floor(rand() * zones.length)],
    maxPapers: 5 + Math.floor(rand() * 16),
    skipEmpty: rand() < 0.8,
    arxivCalendar: rand() < 0.1,
  });
}

async function addSubscribers(store: Store, count: number, day: string): Promise<void> {
  const rand = seededRandom(42);
  const categories = (await store.categoryCounts()).slice(0, 40).map((c) => c.category);
  const recent = await store.listPapers({ to: day, limit: 500 });
  const authors = [...new Set(recent.flatMap((p) => p.authors))];
  const confirmedAt = '2025-01-01T00:00:00.000Z';
  for (let i = 0; i < count; i++) {
    await store.importSubscriber(
      {
        email: `reader${i}@bench.example.org`,
        status: 'active',
        preferences: preferences(rand, categories, authors),
        confirmedAt,
        createdAt: confirmedAt,
      },
      new Date(),
    );
  }
}

/** CPU seconds (user + system) a live process has used so far; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Peak RSS (VmHWM, MB) of a live process; 0 once it is gone. */
function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

interface Sink {
  url: string;
  count(): Promise<{ messages: number; distinct: number; bytes: number }>;
  stop(): void;
}

async function startSink(): Promise<Sink> {
  const child = fork(path.join(root, 'bench/smtp-sink.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { messages: number; distinct: number; bytes: number }));
        child.send('count');
      }),
    stop: () => child.disconnect(),
  };
}

/** A fresh database for one run: a copy of the SQLite base, or a new PostgreSQL database filled by `db copy`. */
async function runDatabase(
  base: string,
  dir: string,
): Promise<{ url: string; store: Store; drop(): Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server?.startsWith('postgres')) {
    const file = path.join(dir, 'paperpulse.db');
    fs.copyFileSync(base, file);
    return { url: `sqlite:${file}`, store: openSqliteStore(file), drop: () => Promise.resolve() };
  }
  const name = `paperpulse_digest_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  const started = performance.now();
  const copy = spawn(process.execPath, [cli, 'db', 'copy', '--from', `sqlite:${base}`, '--to', url], {
    stdio: 'inherit',
  });
  if ((await exited(copy)) !== 0) throw new Error('db copy into PostgreSQL failed');
  const store = openPostgresStore(url);
  await store.migrate();
  await recomputeTrending(store, { mode: 'full' });
  console.log(
    `digest: PostgreSQL database ${name} filled and scored in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return {
    url,
    store,
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function runOnce(
  base: string,
  subscribers: number,
  workers: number,
  concurrency: number,
): Promise<void> {
  const dir = tempDir('paperpulse-digest-run-');
  const db = await runDatabase(base, dir);
  const { store } = db;
  const children: ChildProcess[] = [];
  const sink = await startSink();
  try {
    const day = (await store.listPapers({ limit: 1 }))[0]!.firstSeen;
    let t = performance.now();
    await addSubscribers(store, subscribers, day);
    console.log(
      `digest: ${n(subscribers)} subscribers added in ${((performance.now() - t) / 1000).toFixed(1)} s; digest day ${day}`,
    );
    const started = performance.now();
    const planned = await planDigests(store, { now: new Date(), day });
    const planSeconds = (performance.now() - started) / 1000;
    const env = {
      ...process.env,
      DATA_DIR: dir,
      DATABASE_URL: db.url,
      SMTP_URL: sink.url,
      SMTP_RATE: '0',
      PUBLIC_URL: 'https://papers.example.org',
      SECRET_KEY: SECRET,
      LOG_LEVEL: 'warn',
    };
    for (let i = 0; i < workers; i++) {
      // DIGEST_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the workers.
      const nodeArgs = (process.env.DIGEST_NODE_ARGS ?? '').split(' ').filter(Boolean);
      const args = [
        ...nodeArgs,
        cli,
        'worker',
        '--no-schedule',
        '--poll',
        '50',
        '--digest-concurrency',
        String(concurrency),
      ];
      children.push(spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    }
    const peaks = children.map(() => 0);
    const cpu = children.map(() => 0);
    let counts = await store.digestCounts();
    // DIGEST_TIMEBOX_S: stop measuring after that long and report the sustained rate (for 100,000 subscribers).
    const timebox = Number(process.env.DIGEST_TIMEBOX_S ?? 0) * 1000;
    while (counts.queued + counts.sending > 0) {
      if (timebox && performance.now() - started > timebox) break;
      await new Promise((r) => setTimeout(r, 200));
      children.forEach((c, i) => {
        peaks[i] = Math.max(peaks[i]!, peakRss(c.pid!));
        cpu[i] = Math.max(cpu[i]!, cpuSeconds(c.pid!));
      });
      if (children.every((c) => c.exitCode !== null))
        throw new Error('every worker exited before the digests were sent');
      counts = await store.digestCounts();
    }
    const seconds = (performance.now() - started) / 1000;
    const got = await sink.count();
    t = seconds;
    const done = planned - counts.queued - counts.sending;
    const partial =
      done < planned
        ? `TIME-BOXED: ${n(done)} of ${n(planned)} done in ${t.toFixed(1)} s, projected ${n(planned / (done / t))} s for all; `
        : '';
    console.log(
      `digest ${n(subscribers)} subscribers, ${workers} worker${workers > 1 ? 's' : ''} × ${concurrency} on ${store.backend}: ` +
        partial +
        `${t.toFixed(1)} s wall (planning ${planSeconds.toFixed(1)} s), ${n(done / t)} digests/s; ` +
        `${n(counts.sent)} sent, ${n(counts.skipped)} skipped (nothing new / no announcement), ${n(counts.failed)} failed; ` +
        `SMTP got ${n(got.messages)} messages (${n(got.distinct)} distinct Message-IDs, ${(got.bytes / 1e6).toFixed(0)} MB); ` +
        `peak RSS per worker ${peaks.map((p) => `${p.toFixed(0)} MB`).join(', ')}, ` +
        `CPU per worker ${cpu.map((c) => `${c.toFixed(1)} s`).join(', ')}`,
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => exited(c)));
    sink.stop();
    await store.close();
    await db.drop();
    removeDir(dir);
  }
}

/** Runs the digest benchmark for each subscriber count and worker count asked for. */
export async function digestBench(): Promise<void> {
  const base = await prepareBase();
  if (!base) return;
  // DIGEST_POSTGRES=1 without DATABASE_URL: a throwaway cluster with production durability settings.
  const cluster =
    process.env.DIGEST_POSTGRES === '1' && !process.env.DATABASE_URL
      ? await startPostgresCluster({ durable: true })
      : undefined;
  if (cluster) process.env.DATABASE_URL = cluster.url;
  try {
    const sizes = (process.env.DIGEST_SUBSCRIBERS ?? '10000').split(',').map(Number);
    const workerCounts = (process.env.DIGEST_WORKERS ?? '1').split(',').map(Number);
    const concurrency = Number(process.env.DIGEST_CONCURRENCY ?? 8);
    for (const size of sizes) for (const w of workerCounts) await runOnce(base.file, size, w, concurrency);
  } finally {
    if (cluster) {
      delete process.env.DATABASE_URL;
      await cluster.stop();
    }
    if (base.temporary) removeDir(base.dir);
  }
}
