// HTTP throughput benchmark: autocannon against a real `paperpulse serve` process on the full corpus
// (140,877 arXiv papers plus the Hugging Face signals), compared with issue #7's targets as ratios.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { exited, freePort, removeDir, root, runCli, tempDir } from '../test/helpers/server.js';
import { corpusFiles } from './import.js';

const hfFile = path.resolve(root, '../shared/data/hf-daily-papers/papers.jsonl');

interface Target {
  path: string;
  label: string;
  minRps: number;
  maxP99Ms?: number;
}

const targets: Target[] = [
  { path: '/', label: 'trending page', minRps: 1000, maxP99Ms: 50 },
  { path: '/papers/2509.22186', label: 'paper page', minRps: 1000 },
  { path: '/api/trending', label: '/api/trending', minRps: 2000 },
];

/** Imports the corpus into `dir` once (skipped when it is already there). */
async function prepare(dir: string, files: string[]) {
  if (fs.existsSync(path.join(dir, 'paperpulse.db'))) return;
  const extra = fs.existsSync(hfFile) ? [hfFile] : [];
  const r = await runCli(['import', '--data-dir', dir, ...files, ...extra], {}, 600_000);
  if (r.code !== 0 && r.code !== 65) throw new Error(`import failed (${r.code}): ${r.stderr}`);
}

/** Runs the HTTP benchmark; prints req/s and latency per URL and the ratio to each target. */
export async function httpBench(): Promise<void> {
  const files = corpusFiles('http bench');
  if (!files) return;
  const dir = process.env.PAPERPULSE_BENCH_DIR ?? tempDir('paperpulse-http-');
  await prepare(dir, files);
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin/paperpulse.js'), 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (log += s));
  const gone = exited(child);
  try {
    // Derived work at start (the search index build) would compete with the load: wait until it is done.
    const started = Date.now();
    while (
      !/search index (rebuilt|loaded|is up to date|ready)/i.test(log) &&
      Date.now() - started < 600_000
    ) {
      if (child.exitCode !== null) throw new Error(`serve exited:\n${log}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(
      `http: autocannon, 50 connections, 10 s per URL, Accept-Encoding gzip/br, one server process`,
    );
    for (const t of targets) {
      const url = `http://127.0.0.1:${port}${t.path}`;
      await (await fetch(url)).arrayBuffer(); // warm: first render fills the caches
      const r = await autocannon({
        url,
        connections: 50,
        duration: 10,
        headers: { 'accept-encoding': 'gzip, br' },
      });
      const rps = r.requests.average;
      const p99 = r.latency.p99;
      const ratio = (rps / t.minRps).toFixed(2);
      const latency = t.maxP99Ms ? `, p99 ${p99} ms vs ≤ ${t.maxP99Ms} ms target` : `, p99 ${p99} ms`;
      console.log(
        `http ${t.label}: ${Math.round(rps)} req/s (${ratio}× the ${t.minRps} req/s target), p50 ${r.latency.p50} ms${latency}, ${r.non2xx} non-2xx, ${r.errors} errors`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await gone;
    if (!process.env.PAPERPULSE_BENCH_DIR) removeDir(dir);
  }
}
