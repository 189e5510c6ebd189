// Import benchmark: the real CLI imports the whole arXiv corpus into an empty data dir, then again (idempotent re-run).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exited, removeDir, root, tempDir } from '../test/helpers/server.js';

const corpusDir = process.env.PAPERPULSE_CORPUS_DIR ?? '/work/shared/data/arxiv-corpus';
const cli = path.join(root, 'bin/paperpulse.js');
const hasTime = fs.existsSync('/usr/bin/time');

export interface ImportRun {
  seconds: number;
  /** Peak resident set size of the import process, MB (1 MB = 1024 KiB). */
  peakRssMb: number;
  /** The CLI's one-line summary. */
  summary: string;
}

export interface ImportFigures {
  files: number;
  papers: number;
  first: ImportRun;
  second: ImportRun;
  /** Where the corpus was imported; the caller removes it. */
  dataDir: string;
}

/** The corpus files (sorted), or undefined with a message when the folder or files are missing. */
export function corpusFiles(what = 'import bench'): string[] | undefined {
  const files = fs.existsSync(corpusDir)
    ? fs.readdirSync(corpusDir).filter((f) => /^corpus-.*\.jsonl\.gz$/.test(f))
    : [];
  if (files.length === 0) {
    console.log(`${what} skipped: no corpus-*.jsonl.gz in ${corpusDir} (set PAPERPULSE_CORPUS_DIR).`);
    return undefined;
  }
  return files.sort().map((f) => path.join(corpusDir, f));
}

/** Reads VmHWM (peak RSS, KiB) of `pid` every 50 ms until stopped; returns the highest value seen. */
function pollPeakRss(pid: number): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // The process has exited.
    }
  }, 50);
  return () => (clearInterval(timer), peak);
}

/** Runs `paperpulse import FILES` into `dataDir` and measures wall time and peak RSS; throws if it fails. */
export async function timedImport(dataDir: string, files: string[]): Promise<ImportRun> {
  const argv = [process.execPath, cli, 'import', '--data-dir', dataDir, ...files];
  const started = performance.now();
  const child = hasTime
    ? spawn('/usr/bin/time', ['-v', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  const stopPolling = hasTime ? () => 0 : pollPeakRss(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const code = await exited(child);
  const seconds = (performance.now() - started) / 1000;
  const polled = stopPolling();
  if (code !== 0) throw new Error(`import exited with ${code}:\n${stderr}`);
  const kib = hasTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) : polled;
  return { seconds, peakRssMb: kib / 1024, summary: stdout.trim() };
}

/** Imports the corpus twice into a fresh temp dir and prints one line per figure; undefined if no corpus. */
export async function importBench(): Promise<ImportFigures | undefined> {
  const files = corpusFiles();
  if (!files) return undefined;
  const dataDir = tempDir('paperpulse-bench-');
  try {
    console.log(
      `import: ${files.length} files from ${corpusDir} (peak RSS via ${hasTime ? '/usr/bin/time -v' : '/proc VmHWM'})`,
    );
    const first = await timedImport(dataDir, files);
    const papers = Number(/([\d,]+) new/.exec(first.summary)?.[1]?.replaceAll(',', '') ?? NaN);
    console.log(`  CLI said: ${first.summary}`);
    console.log(
      `import first run: ${first.seconds.toFixed(1)} s wall, ${papers.toLocaleString('en-US')} papers, ` +
        `${Math.round(papers / first.seconds).toLocaleString('en-US')} papers/s, peak RSS ${first.peakRssMb.toFixed(0)} MB`,
    );
    const second = await timedImport(dataDir, files);
    console.log(`  CLI said: ${second.summary}`);
    console.log(
      `import re-run (idempotent): ${second.seconds.toFixed(1)} s wall, peak RSS ${second.peakRssMb.toFixed(0)} MB`,
    );
    console.log(`import first/re-run ratio: ${(first.seconds / second.seconds).toFixed(2)}`);
    return { files: files.length, papers, first, second, dataDir };
  } catch (e) {
    removeDir(dataDir);
    throw e;
  }
}
