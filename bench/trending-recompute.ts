// `npm run bench -- trending-recompute`: the trending recompute job on the real corpus. The CLI imports the
// 140,877-paper arXiv corpus and the Hugging Face daily rows (their upvotes, comments and stars as signals) into
// an SQLite store; then a full recompute, an incremental one after 1,000 new observations, an hourly decay
// refresh, an idempotent re-run, and serving queries against the precomputed table are timed.
import path from 'node:path';
import { corpusFiles, timedImport } from './import.js';
import { removeDir, tempDir } from '../test/helpers/server.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { recomputeTrending } from '../src/rank/recompute.js';
import type { Store } from '../src/store/store.js';

const hfFile = path.join(
  process.env.PAPERPULSE_SHARED_DATA ?? '/work/shared/data',
  'hf-daily-papers/papers.jsonl',
);

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function latency(store: Store, q: Parameters<Store['trendingPage']>[0], runs = 30): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await store.trendingPage(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
  return `${at(0.5)}/${at(0.95)} ms`;
}

/** Imports, recomputes and prints the figures. */
export async function trendingRecomputeBench(): Promise<void> {
  const files = corpusFiles('trending-recompute bench');
  if (!files) return;
  const dataDir = tempDir('paperpulse-bench-trending-');
  try {
    const imp = await timedImport(dataDir, [...files, hfFile]);
    console.log(
      `trending-recompute: imported in ${imp.seconds.toFixed(1)} s — ${imp.summary.split('\n')[0]}`,
    );
    const store = openSqliteStore(path.join(dataDir, 'paperpulse.db'));
    try {
      const papers = await store.paperCount();
      const signals = await store.signalCount();
      const latest = await store.latestActivityDay();
      // Score as of the data's last day, as a server would on this (stale) data; the clock is real for timing.
      const now = new Date(`${latest}T12:00:00Z`);
      const full = await recomputeTrending(store, { mode: 'full', now });
      console.log(
        `  full recompute: ${full.papers.toLocaleString('en-US')} papers (${signals.toLocaleString('en-US')} observations of ${papers.toLocaleString('en-US')} papers) in ${s(full.ms)}, ` +
          `${Math.round(full.papers / (full.ms / 1000)).toLocaleString('en-US')} papers/s, ${full.batches} batches of 500`,
      );
      // 1,000 new observations (a busy hour of polling) on papers of the last month.
      const recent = await store.trendingPage({ order: 'all', limit: 1000, offset: 0 });
      const at = new Date(now.getTime() + 3_600_000).toISOString();
      await store.importBatch({
        papers: [],
        signals: recent.rows.map((r, i) => ({
          paperId: r.paperId,
          kind: 'hf_upvotes' as const,
          value: (r.detail.totals.hf_upvotes ?? 0) + 1 + (i % 7),
          observedAt: at,
          source: 'bench',
        })),
      });
      const later = new Date(now.getTime() + 2 * 3_600_000);
      const inc = await recomputeTrending(store, { mode: 'incremental', now: later });
      console.log(
        `  incremental after 1,000 new observations: ${inc.papers.toLocaleString('en-US')} papers in ${(inc.ms / 1000).toFixed(2)} s`,
      );
      const idle = await recomputeTrending(store, { mode: 'incremental', now: later });
      console.log(
        `  incremental with nothing new: ${idle.papers.toLocaleString('en-US')} papers in ${(idle.ms / 1000).toFixed(2)} s`,
      );
      const decay = await recomputeTrending(store, { mode: 'incremental', decay: true, now: later });
      console.log(
        `  hourly decay refresh: ${decay.papers.toLocaleString('en-US')} papers in ${(decay.ms / 1000).toFixed(2)} s`,
      );
      console.log(
        `  serving (p50/p95 of 30, 30 entries): trending ${await latency(store, { order: 'trending', limit: 30, offset: 0 })}, ` +
          `all time ${await latency(store, { order: 'all', limit: 30, offset: 0 })}, ` +
          `month window ${await latency(store, { order: 'window', from: `${latest!.slice(0, 8)}01`, to: latest!, limit: 30, offset: 0 })}, ` +
          `cs.CV trending ${await latency(store, { order: 'trending', category: 'cs.CV', limit: 30, offset: 0 })}, ` +
          `has code ${await latency(store, { order: 'trending', hasCode: true, limit: 30, offset: 0 })}`,
      );
    } finally {
      await store.close();
    }
  } finally {
    removeDir(dataDir);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await trendingRecomputeBench();
