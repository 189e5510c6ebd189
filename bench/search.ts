// Search benchmark: SciFact quality (nDCG@10) and, on the real arXiv corpus, index build time/size/memory,
// engine latency for 50 one-term and 50 multi-term queries, the same through HTTP, and SQLite FTS5 side by side.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { SegmentBuilder } from '../src/search/build.js';
import { dayNumber, type IndexDoc } from '../src/search/doc.js';
import { searchSegments } from '../src/search/engine.js';
import { readIndex, writeIndex } from '../src/search/persist.js';
import { parseQuery } from '../src/search/query.js';
import { SearchService } from '../src/search/service.js';
import { analyzers } from '../src/search/tokenize.js';
import { topK } from '../src/search/topk.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { importFile, emptySummary } from '../src/ingest/import.js';
import { createApp } from '../src/web/app.js';
import { removeDir, tempDir } from '../test/helpers/server.js';
import { corpusFiles } from './import.js';
import { loadScifact, scifactDir, scifactNdcg } from './scifact.js';
import { multiTerm, oneTerm } from './search-queries.js';
import { scifactSemanticTable } from './scifact-semantic.js';
import {
  cachedModel,
  indexVectors,
  printRecall,
  printRows,
  servedSemanticBench,
  semanticLatency,
} from './search-semantic.js';
import os from 'node:os';

/** The served model is kept here between runs, so `search-1m` need not train it again. */
const benchCacheDir =
  process.env.PAPERPULSE_BENCH_CACHE ?? path.join(os.tmpdir(), 'paperpulse-bench-semantic');
import { paperText, trainLsa } from '../src/search/embed/train.js';
import { serve as listen } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

const RUNS = 5;
const K = 20;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1));
const peakRssMb = () =>
  Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/** Times `fn` for every query: one warm-up pass, then RUNS passes; returns all samples in ms. */
function timeQueries(queries: string[], fn: (q: string) => unknown): number[] {
  for (const q of queries) fn(q);
  const samples: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const q of queries) {
      const t = performance.now();
      fn(q);
      samples.push(performance.now() - t);
    }
  }
  return samples;
}
async function timeQueriesAsync(queries: string[], fn: (q: string) => Promise<unknown>): Promise<number[]> {
  for (const q of queries) await fn(q);
  const samples: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const q of queries) {
      const t = performance.now();
      await fn(q);
      samples.push(performance.now() - t);
    }
  }
  return samples;
}

interface CorpusRow {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  published: string | null;
  first_seen: string;
}

/** Streams the corpus rows from the gzip JSON-lines files. */
async function* corpusRows(files: string[]): AsyncGenerator<CorpusRow> {
  for (const file of files) {
    const lines = readline.createInterface({
      input: fs.createReadStream(file).pipe(zlib.createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of lines) if (line.trim()) yield JSON.parse(line) as CorpusRow;
  }
}

const docOfRow = (r: CorpusRow): IndexDoc => ({
  id: r.id,
  title: r.title,
  abstract: r.abstract,
  authors: r.authors,
  categories: r.categories,
  day: dayNumber(r.published) || dayNumber(r.first_seen),
  hasCode: false,
});

async function scifact() {
  const data = loadScifact();
  if (!data) {
    console.log(`search (SciFact) skipped: no corpus.jsonl in ${scifactDir} (set PAPERPULSE_SCIFACT_DIR).`);
    return;
  }
  console.log(
    `SciFact test split (${data.qrels.size} queries, ${data.docs.length} docs), nDCG@10, BM25 k1=1.2 b=0.75, title ×2:`,
  );
  console.log('| analyzer | nDCG@10 |\n|---|---:|');
  for (const name of ['porter', 's-stem', 'none'] as const) {
    const v = await scifactNdcg(data, analyzers[name]);
    console.log(`| ${name}${name === 'porter' ? ' (used)' : ''} | ${v.toFixed(4)} |`);
  }
  console.log('(published BM25 figure, BEIR paper: 0.665)\n');
  console.log('SciFact by mode (hybrid = keyword score / best + 0.5 × cosine; RRF k=60 for comparison):');
  await scifactSemanticTable(data);
  console.log('');
}

/**
 * The engine on a synthetic ~1M-paper corpus built from the real one: 7 copies, each pairing every title and
 * author list with another paper's abstract, under new ids. Engine only (FTS5 at this size takes minutes to build).
 */
export async function searchBench1M(): Promise<void> {
  const files = corpusFiles('search-1m');
  if (!files) return;
  const rows: CorpusRow[] = [];
  for await (const row of corpusRows(files)) rows.push(row);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const b = new SegmentBuilder();
  const copies = 7;
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const other = rows[(i * 31 + c * 7919) % rows.length]!;
      b.add(docOfRow({ ...r, id: `${r.id}s${c}`, abstract: c === 0 ? r.abstract : other.abstract }));
    }
  }
  const seg = await b.finish();
  const buildS = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const bytes = Object.values(seg.a).reduce(
    (s: number, a: unknown) => s + ((a as ArrayBufferView).byteLength ?? 0),
    0,
  );
  console.log(
    `synthetic corpus: ${seg.docCount.toLocaleString('en-US')} papers, ${seg.a.postDocs.length.toLocaleString('en-US')} postings; ` +
      `build ${buildS.toFixed(0)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s), arrays ${(bytes / 1e6).toFixed(0)} MB, ` +
      `bench process peak RSS ${peakRssMb().toFixed(0)} MB (includes the corpus rows held in memory)`,
  );
  const views = [{ seg }];
  const engine = (q: string) => searchSegments(views, parseQuery(q), { k: K, sort: 'relevance' });
  const keywordRows: [string, string, number[]][] = [];
  for (const [label, qs] of [
    ['one-term', oneTerm],
    ['multi-term', multiTerm],
  ] as const) {
    keywordRows.push([label, 'keyword engine (top-20 + total), 1M', timeQueries(qs, engine)]);
  }

  // Vectors for the synthetic papers: the model is trained on the 140,877 real papers (training on the
  // synthetic copies would learn nothing new: they are the same texts recombined) and embeds every synthetic
  // paper, as the service embeds papers that arrive after training.
  let t2 = performance.now();
  const cached = cachedModel(benchCacheDir);
  const model = cached ?? trainLsa(rows.map((r) => ({ id: r.id, text: paperText(r) }))).model;
  const trainS = (performance.now() - t2) / 1000;
  const d = model.dimension;
  const ids = seg.a.ids;
  const floats = new Float32Array(ids.length * d);
  t2 = performance.now();
  for (let c = 0, n = 0; c < copies; c++) {
    for (let i = 0; i < rows.length; i++, n++) {
      const r = rows[i]!;
      const other = rows[(i * 31 + c * 7919) % rows.length]!;
      const v = model.embed([
        paperText({ title: r.title, abstract: c === 0 ? r.abstract : other.abstract }),
      ])[0]!;
      floats.set(v, n * d);
    }
  }
  const embedS = (performance.now() - t2) / 1000;
  console.log(
    `semantic: LSA trained on the ${rows.length.toLocaleString('en-US')} real papers (${cached ? `model of the last \`search\` run, from ${benchCacheDir}, loaded` : 'trained'} in ${trainS.toFixed(0)} s); ` +
      `${ids.length.toLocaleString('en-US')} synthetic papers embedded in ${embedS.toFixed(0)} s`,
  );
  rows.length = 0;
  const vectors = indexVectors(ids, d, floats, '1M synthetic');
  printRecall(model, vectors);
  const semanticRows = semanticLatency(model, vectors, seg, timeQueries);
  console.log(
    `bench process peak RSS ${peakRssMb().toFixed(0)} MB (corpus rows, keyword arrays, vectors and IVF)`,
  );
  printRows([...keywordRows, ...semanticRows], pct);
}

/** Runs the search benchmarks and prints the figures. */
export async function searchBench(): Promise<void> {
  await scifact();
  const files = corpusFiles('search (corpus)');
  if (!files) return;
  const dir = tempDir('paperpulse-bench-search-');
  try {
    // 1. Engine: build from the files, persist, reload.
    const rssBefore = rssMb();
    let t = performance.now();
    const b = new SegmentBuilder();
    for await (const row of corpusRows(files)) b.add(docOfRow(row));
    const built = await b.finish();
    const buildS = (performance.now() - t) / 1000;
    const buildPeak = peakRssMb();
    t = performance.now();
    const manifest = writeIndex(path.join(dir, 'index'), built, 0);
    const writeS = (performance.now() - t) / 1000;
    t = performance.now();
    const { seg } = readIndex(path.join(dir, 'index'));
    const loadS = (performance.now() - t) / 1000;
    const papers = seg.docCount;
    const sections = manifest.sections.map((s) => `${s.name} ${(s.bytes / 1e6).toFixed(1)}`).join(', ');
    console.log(
      `corpus: ${papers.toLocaleString('en-US')} papers, ${seg.a.terms.length.toLocaleString('en-US')} terms, ${seg.a.postDocs.length.toLocaleString('en-US')} postings`,
    );
    console.log(
      `index build ${buildS.toFixed(1)} s (reading + tokenising + impacts), write ${writeS.toFixed(1)} s, load with checksum ${loadS.toFixed(2)} s; ` +
        `size ${(manifest.bytes / 1e6).toFixed(1)} MB; bench process peak RSS ${buildPeak.toFixed(0)} MB (was ${rssBefore.toFixed(0)} MB before)`,
    );

    const views = [{ seg }];
    const engine = (q: string) => searchSegments(views, parseQuery(q), { k: K, sort: 'relevance' });
    const pureTopK = (q: string) => {
      const ids = new Map<number, number>();
      for (const w of parseQuery(q).words) {
        const term = analyzers.porter.term(w);
        const id = term === undefined ? undefined : seg.termId(term);
        if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
      }
      return topK(
        seg,
        [...ids].map(([id, weight]) => ({ id, weight })),
        K,
      );
    };

    // 2. FTS5 over the same rows, same fields, Porter stemming, title weight 2.
    t = performance.now();
    const db = new SQLite(path.join(dir, 'fts.db'));
    db.pragma('journal_mode = WAL');
    db.exec(
      `create virtual table fts using fts5(title, abstract, authors, tokenize = 'porter unicode61 remove_diacritics 2')`,
    );
    const insert = db.prepare('insert into fts (rowid, title, abstract, authors) values (?, ?, ?, ?)');
    let rowid = 0;
    let batch: CorpusRow[] = [];
    const flush = db.transaction((rows: CorpusRow[]) => {
      for (const r of rows) insert.run(++rowid, r.title, r.abstract, r.authors.join(', '));
    });
    for await (const row of corpusRows(files)) {
      batch.push(row);
      if (batch.length === 5000) {
        flush(batch);
        batch = [];
      }
    }
    flush(batch);
    db.exec(`insert into fts(fts) values ('optimize')`);
    const ftsBuildS = (performance.now() - t) / 1000;
    const ftsBytes = fs.statSync(path.join(dir, 'fts.db')).size;
    const select = db.prepare(
      'select rowid from fts where fts match ? order by bm25(fts, 2.0, 1.0, 1.0) limit 20',
    );
    // Same OR semantics as the engine: each word quoted (no FTS5 syntax from the query leaks through).
    const fts = (q: string) =>
      select.all(
        parseQuery(q)
          .words.map((w) => `"${w}"`)
          .join(' OR '),
      );
    console.log(`index sections (MB): ${sections}`);
    console.log(`FTS5 build ${ftsBuildS.toFixed(1)} s, database size ${(ftsBytes / 1e6).toFixed(1)} MB`);

    const rows: [string, string, number[]][] = [];
    for (const [label, qs] of [
      ['one-term', oneTerm],
      ['multi-term', multiTerm],
    ] as const) {
      rows.push([label, 'engine (top-20 + total + filters)', timeQueries(qs, engine)]);
      rows.push([label, 'engine top-k only', timeQueries(qs, pureTopK)]);
      rows.push([label, 'SQLite FTS5 ORDER BY bm25() LIMIT 20', timeQueries(qs, fts)]);
    }
    db.close();

    // 3. Through HTTP (app.request, no socket): a real store with the corpus, the service's own index.
    console.log('importing the corpus into a SQLite store for the HTTP figures…');
    const store = openSqliteStore(path.join(dir, 'paperpulse.db'));
    await store.migrate();
    const summary = emptySummary();
    for (const f of files) await importFile(store, f, { format: 'arxiv-corpus' }, summary);
    // The service's own log lines about the semantic model (training time in its worker thread, storing).
    const log = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          const msg = (JSON.parse(line) as { msg?: string }).msg ?? '';
          if (/semantic model .* (trained|stored)/.test(msg)) console.log(`  service: ${msg}`);
        },
      },
    );
    // Its own data dir: the service builds its index from the store, as `serve` does on first start.
    const serviceDir = path.join(dir, 'service');
    const search = new SearchService({ store, log, dataDir: serviceDir });
    t = performance.now();
    await search.start(60_000);
    // Both the keyword index and the semantic model (hybrid is the API's default mode).
    await search.idle();
    const serviceBuildS = (performance.now() - t) / 1000;
    console.log(
      `serve's path from the store (${summary.inserted.toLocaleString('en-US')} papers): keyword index + semantic training (worker thread) + IVF + storing model and vectors: ${serviceBuildS.toFixed(1)} s; bench process peak RSS so far ${peakRssMb().toFixed(0)} MB`,
    );
    // Engine figures for semantic, hybrid and similar papers on exactly what the service serves.
    servedSemanticBench(path.join(serviceDir, 'index'), seg, timeQueries, pct, benchCacheDir);
    // One client asking many times: lift the per-client API rate limit for the bench.
    const rateLimit = { limit: 1_000_000, windowSeconds: 60 };
    const app = createApp({ store, log, publicUrl: 'http://bench.test', search, rateLimit });
    const http = async (q: string) => {
      const res = await app.request(`/api/search?q=${encodeURIComponent(q)}&limit=20`);
      if (res.status !== 200) throw new Error(`/api/search answered ${res.status}`);
      await res.arrayBuffer();
    };
    rows.push(['one-term', 'HTTP /api/search hybrid (app.request)', await timeQueriesAsync(oneTerm, http)]);
    rows.push([
      'multi-term',
      'HTTP /api/search hybrid (app.request)',
      await timeQueriesAsync(multiTerm, http),
    ]);
    // Through a real socket on 127.0.0.1 (Node's HTTP server and fetch), hybrid (the default) and keyword.
    const server = listen({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const overSocket = (mode: string) => async (q: string) => {
      const res = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}&limit=20&mode=${mode}`);
      if (res.status !== 200) throw new Error(`/api/search answered ${res.status}`);
      const body = (await res.json()) as { mode?: string };
      if (mode === 'hybrid' && body.mode !== 'hybrid') throw new Error(`answered in mode ${body.mode}`);
    };
    for (const mode of ['hybrid', 'keyword']) {
      rows.push([
        'one-term',
        `HTTP /api/search ${mode} (socket)`,
        await timeQueriesAsync(oneTerm, overSocket(mode)),
      ]);
      rows.push([
        'multi-term',
        `HTTP /api/search ${mode} (socket)`,
        await timeQueriesAsync(multiTerm, overSocket(mode)),
      ]);
    }
    const ids = (await store.papersChangedSince(0, 50_000)).map((c) => c.paper.id);
    const similarIds = Array.from({ length: 50 }, (_, i) => ids[(i * 2819) % ids.length]!);
    rows.push([
      '50 papers',
      'HTTP /api/papers/:id/similar (socket)',
      await timeQueriesAsync(similarIds, async (id) => {
        const res = await fetch(`${base}/api/papers/${id}/similar`);
        if (res.status !== 200) throw new Error(`similar answered ${res.status}`);
        await res.arrayBuffer();
      }),
    ]);
    await new Promise((resolve) => server.close(resolve));
    const st = search.semantic?.status();
    console.log(
      `semantic index as served: ${st?.state}, model ${st?.model}, ${st?.docs} papers; vectors in the store: ${st?.model ? await store.vectorCount(st.model) : 0}`,
    );
    await search.stop();
    await store.close();

    console.log(`\nlatency, ${RUNS} warm passes × 50 queries per class, ms:`);
    console.log('| queries | what | p50 | p95 | FTS5 / this (p50, p95) |\n|---|---|---:|---:|---:|');
    for (const [label, what, samples] of rows) {
      const ftsRow = rows.find((r) => r[0] === label && r[1].startsWith('SQLite'))?.[2];
      const ratio = !ftsRow
        ? '–'
        : what.startsWith('SQLite')
          ? '1×'
          : `${(pct(ftsRow, 50) / pct(samples, 50)).toFixed(0)}×, ${(pct(ftsRow, 95) / pct(samples, 95)).toFixed(0)}×`;
      console.log(`| ${label} | ${what} | ${ms(pct(samples, 50))} | ${ms(pct(samples, 95))} | ${ratio} |`);
    }
    console.log(
      `\nsizes: engine index ${(manifest.bytes / 1e6).toFixed(1)} MB vs FTS5 database ${(ftsBytes / 1e6).toFixed(1)} MB (${(ftsBytes / manifest.bytes).toFixed(2)}×); build ${buildS.toFixed(1)} s vs ${ftsBuildS.toFixed(1)} s`,
    );
  } finally {
    removeDir(dir);
  }
}
