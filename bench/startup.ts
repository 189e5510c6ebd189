// Startup benchmark: time from spawning `paperpulse serve` to the first 200 from GET /.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { exited, freePort, removeDir, root, tempDir } from '../test/helpers/server.js';
import { corpusFiles, timedImport } from './import.js';

const cli = path.join(root, 'bin/paperpulse.js');
const runs = 3;

/** Spawns `serve` on `dataDir`, returns ms until GET / first answers 200, then stops the server. */
export async function timeToFirstPage(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const gone = exited(child);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}:\n${stderr}`);
      const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      if (res) await res.arrayBuffer();
      if (res?.status === 200) return performance.now() - started;
      if (performance.now() - started > 120_000)
        throw new Error(`serve did not answer within 120 s:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await gone;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(label: string, dirForRun: (i: number) => string): Promise<[string, number[]]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeToFirstPage(dirForRun(i)));
  const shown = times.map((t) => t.toFixed(0)).join(', ');
  console.log(`startup ${label}: median ${median(times).toFixed(0)} ms (runs: ${shown} ms)`);
  return [label, times];
}

/** Measures (a) empty dir with demo import, (b) that dir filled, (c) the full corpus; prints a table. */
export async function startupBench(corpusDataDir?: string): Promise<void> {
  const empties = Array.from({ length: runs }, () => tempDir('paperpulse-bench-'));
  let ownCorpusDir: string | undefined;
  try {
    const rows = [
      await measure('(a) empty data dir, imports demo', (i) => empties[i]!),
      await measure('(b) same dir, demo already there', (i) => empties[i]!),
    ];
    let full = corpusDataDir;
    if (!full) {
      const files = corpusFiles('startup (c)');
      if (files) {
        ownCorpusDir = full = tempDir('paperpulse-bench-');
        console.log(`startup: importing the corpus once for (c)…`);
        await timedImport(full, files);
      }
    }
    if (full) rows.push(await measure('(c) full corpus, 140,877 papers', () => full));
    console.log(`\n| case | median (ms) | runs (ms) |\n|---|---:|---|`);
    for (const [label, times] of rows) {
      console.log(
        `| ${label} | ${median(times).toFixed(0)} | ${times.map((t) => t.toFixed(0)).join(', ')} |`,
      );
    }
  } finally {
    for (const dir of empties) removeDir(dir);
    if (ownCorpusDir) removeDir(ownCorpusDir);
  }
}
