// `npm run bench -- pg`: the scale-out figures on this machine, side by side with SQLite. A throwaway PostgreSQL
// cluster (the machine's binaries, production durability settings) and the real CLI:
//  1. ingest of the arXiv corpus (papers/s), SQLite vs PostgreSQL;
//  2. trending page throughput with 1 and 2 `serve --no-worker` processes (autocannon spreads its connections over
//     them, as a reverse proxy would), on each backend. The load generator runs on the same 2 cores: read the
//     2-process figures as "what the machine gives", not as a scaling law;
//  3. digest delivery with 1 vs 2 workers: a slot, filled in once digests exist (see digestSlot below).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openStore } from '../src/store/open.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { exited, freePort, removeDir, root, runCli, tempDir } from '../test/helpers/server.js';
import { corpusFiles } from './import.js';

const cli = path.join(root, 'bin/paperpulse.js');
const hfFile = path.resolve(root, '../shared/data/hf-daily-papers/papers.jsonl');
const n = (x: number) => Math.round(x).toLocaleString('en-US');
// Other work on the machine moves every figure: each one is printed with the 1-minute load average.
const loadavg = () => os.loadavg()[0]!.toFixed(1);

interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  /** DATABASE_URL for every process of this backend. */
  url: string;
}

/** Runs `paperpulse import FILES` against `url`; wall seconds and the papers it added. */
async function timedImport(url: string, dataDir: string, files: string[]) {
  const started = performance.now();
  const r = await runCli(['import', ...files], { DATABASE_URL: url, DATA_DIR: dataDir }, 1_800_000);
  const seconds = (performance.now() - started) / 1000;
  if (r.code !== 0 && r.code !== 65) throw new Error(`import exited with ${r.code}:\n${r.stderr}`);
  const papers = Number(/([\d,]+) new/.exec(r.stdout)?.[1]?.replaceAll(',', '') ?? NaN);
  return { seconds, papers, summary: r.stdout.trim() };
}

/** Starts `serve --no-worker` on `url` with its own data dir; resolves once its search index is loaded. */
async function startWeb(url: string, dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve', '--no-worker', '--no-demo', '--no-schedule'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (log += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (log += s));
  const deadline = Date.now() + 600_000;
  // Both derived indexes must be loaded (not being built) before the load starts, or the build competes.
  while (!(/search index loaded/.test(log) && /semantic model \S+ loaded/.test(log))) {
    if (child.exitCode !== null) throw new Error(`serve exited:\n${log}`);
    if (Date.now() > deadline) throw new Error(`serve did not load its index within 10 minutes:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url: `http://127.0.0.1:${port}`, child };
}

interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** autocannon on the trending page of `webs` (connections spread evenly), 50 connections for 10 s. */
async function load(webs: string[]): Promise<Throughput> {
  for (const w of webs) await (await fetch(`${w}/`)).arrayBuffer(); // first render fills each cache
  const r = await autocannon({
    // autocannon takes several URLs and deals the connections round-robin (its typings say one string).
    url: webs.map((w) => `${w}/`) as unknown as string,
    connections: 50,
    duration: 10,
    headers: { 'accept-encoding': 'gzip, br' },
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

/** Copies the derived index of `from` into a new data dir for another web process (same store, same cursor). */
function cloneDataDir(from: string): string {
  const to = tempDir('paperpulse-bench-web-');
  fs.cpSync(path.join(from, 'index'), path.join(to, 'index'), { recursive: true });
  return to;
}

/**
 * Digest delivery with 1 vs 2 workers — SLOT for the lead once digests (issue #6) are in: enqueue the digests of
 * N confirmed subscribers on `backend`, start 1 (then 2) `paperpulse worker` processes with SMTP_URL pointing at
 * test/helpers/smtp.ts, and time until every digest is sent; print messages/s per worker count.
 */
function digestSlot(backend: Backend): string {
  return `digest delivery (${backend.name}): not measured yet — slot in bench/pg.ts digestSlot()`;
}

/** Runs the PostgreSQL scale-out benchmark and prints each figure next to SQLite's. */
export async function pgBench(): Promise<void> {
  const files = corpusFiles('pg bench');
  if (!files) return;
  const extra = fs.existsSync(hfFile) ? [hfFile] : [];
  console.log(
    `pg: ${files.length} corpus files${extra.length ? ' + Hugging Face signals' : ''}; ` +
      `${os.cpus().length} CPUs shared by the servers, the load generator and PostgreSQL`,
  );
  const cluster = await startPostgresCluster({ durable: true });
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir('paperpulse-bench-pg-');
    dirs.push(d);
    return d;
  };
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const pgUrl = cluster.url.replace(/\/postgres$/, '/bench');
    const sqliteDir = dir();
    const backends: Backend[] = [
      { name: 'SQLite', url: `sqlite:${path.join(sqliteDir, 'paperpulse.db')}` },
      { name: 'PostgreSQL', url: pgUrl },
    ];

    // 1. Ingest, one backend after the other, each into an empty store.
    const ingest = new Map<string, { seconds: number; papers: number }>();
    for (const b of backends) {
      const r = await timedImport(b.url, sqliteDir, files);
      ingest.set(b.name, r);
      console.log(
        `ingest ${b.name}: ${n(r.papers)} papers in ${r.seconds.toFixed(1)} s = ${n(r.papers / r.seconds)} papers/s ` +
          `(load average ${loadavg()})`,
      );
      if (extra.length) await timedImport(b.url, sqliteDir, extra);
    }
    // The trending scores (computed by workers in a deployment): computed here before the load, or every web
    // process would start a catch-up recompute of the whole corpus while it is measured.
    const recompute = new Map<string, number>();
    for (const b of backends) {
      const started = performance.now();
      const r = await runCli(
        ['trending', 'recompute'],
        { DATABASE_URL: b.url, DATA_DIR: sqliteDir },
        1_800_000,
      );
      if (r.code !== 0) throw new Error(`trending recompute failed:\n${r.stderr}`);
      recompute.set(b.name, (performance.now() - started) / 1000);
      console.log(`trending recompute ${b.name}: ${r.stdout.trim()} (load average ${loadavg()})`);
    }
    const [si, pi] = [ingest.get('SQLite')!, ingest.get('PostgreSQL')!];
    console.log(
      `ingest PostgreSQL/SQLite: ${(pi.papers / pi.seconds / (si.papers / si.seconds)).toFixed(2)}×`,
    );

    // One derived index, built once from PostgreSQL (first). Both stores were filled by the same import, so they assign
    // the same change sequence numbers; the index is then valid for either (checked, else rebuilt per backend).
    const seqs = await Promise.all(
      backends.map(async (b) => {
        const s = openStore({ dataDir: sqliteDir, databaseUrl: b.url });
        try {
          return await s.changeSeq();
        } finally {
          await s.close();
        }
      }),
    );
    const base = new Map<string, string>();
    for (const b of [...backends].reverse()) {
      if (b.name === 'SQLite' && seqs[0] === seqs[1] && base.has('PostgreSQL')) {
        base.set(b.name, base.get('PostgreSQL')!);
        continue;
      }
      const d = dir();
      const started = performance.now();
      const r = await runCli(['index', 'rebuild'], { DATABASE_URL: b.url, DATA_DIR: d }, 1_800_000);
      if (r.code !== 0) throw new Error(`index rebuild failed:\n${r.stderr}`);
      console.log(`index rebuild from ${b.name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
      base.set(b.name, d);
    }
    // 2. Trending page throughput, 1 and 2 web processes per backend.
    const results = new Map<string, Throughput>();
    for (const b of backends) {
      for (const count of [1, 2]) {
        const dataDirs = [base.get(b.name)!];
        while (dataDirs.length < count) dataDirs.push(cloneDataDir(dataDirs[0]!));
        dirs.push(...dataDirs.slice(1));
        const webs = await Promise.all(dataDirs.map((d) => startWeb(b.url, d)));
        try {
          const t = await load(webs.map((w) => w.url));
          const rss = webs.map((w) => {
            const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${w.child.pid}/status`, 'utf8'));
            return m ? `${Math.round(Number(m[1]) / 1024)} MB` : '?';
          });
          results.set(`${b.name}:${count}`, t);
          console.log(
            `trending page, ${b.name}, ${count} web process${count > 1 ? 'es' : ''}: ${n(t.rps)} req/s, ` +
              `p50 ${t.p50} ms, p99 ${t.p99} ms, ${t.non2xx} non-2xx, RSS ${rss.join(' + ')} ` +
              `(load average ${loadavg()})`,
          );
        } finally {
          for (const w of webs) w.child.kill('SIGTERM');
          await Promise.all(webs.map((w) => exited(w.child)));
        }
      }
    }

    // 3. Digest delivery (slot).
    for (const b of backends) console.log(digestSlot(b));

    console.log('\nside by side (ratios: PostgreSQL / SQLite, and 2 / 1 web processes)');
    const r = (k: string) => results.get(k)!.rps;
    console.log(
      `  ingest papers/s        SQLite ${n(si.papers / si.seconds)}  PostgreSQL ${n(pi.papers / pi.seconds)}  ` +
        `ratio ${(pi.papers / pi.seconds / (si.papers / si.seconds)).toFixed(2)}`,
    );
    for (const count of [1, 2]) {
      console.log(
        `  trending req/s, ${count} web  SQLite ${n(r(`SQLite:${count}`))}  PostgreSQL ${n(r(`PostgreSQL:${count}`))}  ` +
          `ratio ${(r(`PostgreSQL:${count}`) / r(`SQLite:${count}`)).toFixed(2)}`,
      );
    }
    console.log(
      `  trending recompute s    SQLite ${recompute.get('SQLite')!.toFixed(1)}  ` +
        `PostgreSQL ${recompute.get('PostgreSQL')!.toFixed(1)} (wall, including process start)`,
    );
    for (const name of ['SQLite', 'PostgreSQL']) {
      console.log(`  ${name} 2 web / 1 web: ${(r(`${name}:2`) / r(`${name}:1`)).toFixed(2)}×`);
    }
    console.log('  digest delivery 1 vs 2 workers: pending (digestSlot)');
  } finally {
    await cluster.stop();
    for (const d of dirs) removeDir(d);
  }
}
