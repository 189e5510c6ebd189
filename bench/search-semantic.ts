// Semantic and hybrid figures on a corpus: LSA training time and size, the IVF index (build time, size, recall
// against exact search), then latency of query embedding, exact and IVF vector search, hybrid (embedding + IVF
// top-100 + keyword top-100 + fusion, as the service does) and similar papers.
import fs from 'node:fs';
import path from 'node:path';
import type { Segment } from '../src/search/segment.js';
import { searchSegments } from '../src/search/engine.js';
import { defaultLsa, type LsaModel } from '../src/search/embed/embedder.js';
import { buildIvf } from '../src/search/embed/ivf.js';
import { readSemantic } from '../src/search/embed/persist.js';
import { VectorSet, dequantize, ivfProbe, quantize } from '../src/search/embed/vectors.js';
import { scoreFusion } from '../src/search/fusion.js';
import { FUSION_DEPTH } from '../src/search/hybrid.js';
import { parseQuery } from '../src/search/query.js';
import { multiTerm, oneTerm } from './search-queries.js';

type Timer = (queries: string[], fn: (q: string) => unknown) => number[];
type Pct = (xs: number[], p: number) => number;
export type LatencyRow = [queries: string, what: string, samples: number[]];

const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1));

/** Served vectors (int8 round trip, as stored) with an IVF index; prints build time and size. */
export function indexVectors(ids: string[], d: number, floats: Float32Array, label: string): VectorSet {
  const q = quantize(floats, ids.length, d);
  const data = dequantize(q.codes, q.scales, d);
  const t = performance.now();
  const ivf = buildIvf(data, d);
  const s = (performance.now() - t) / 1000;
  const bytes = [ivf.centroids, ivf.listStart, ivf.order, ivf.codes, ivf.scales].reduce(
    (n, a) => n + a.byteLength,
    0,
  );
  console.log(
    `IVF index, ${label}: ${ids.length.toLocaleString('en-US')} × ${d}, ${ivf.listStart.length - 1} cells, probe ${ivfProbe(ivf.listStart.length - 1)}; ` +
      `build ${s.toFixed(1)} s, ${(bytes / 1e6).toFixed(1)} MB (int8 codes + centroids + order), float32 rows ${(data.byteLength / 1e6).toFixed(1)} MB`,
  );
  return new VectorSet(ids, d, data, ivf);
}

/** Recall of the IVF search against the exact scan over the benchmark queries and 50 papers' neighbours. */
export function printRecall(model: LsaModel, vectors: VectorSet): void {
  const embed = (q: string) => model.embed([parseQuery(q).words.join(' ')])[0]!;
  let found100 = 0;
  let found10 = 0;
  const all = [...oneTerm, ...multiTerm];
  for (const q of all) {
    const want = vectors.searchExact(embed(q), FUSION_DEPTH).map((h) => h.row);
    const got = new Set(vectors.search(embed(q), FUSION_DEPTH).map((h) => h.row));
    found100 += want.filter((r) => got.has(r)).length / Math.max(1, want.length);
    found10 += want.slice(0, 10).filter((r) => got.has(r)).length / Math.max(1, Math.min(10, want.length));
  }
  let sim = 0;
  for (let i = 0; i < 50; i++) {
    const row = (i * 2819) % vectors.size;
    const skip = (r: number) => r === row;
    const want = vectors.searchExact(vectors.vector(row), 10, skip).map((h) => h.row);
    const got = new Set(vectors.search(vectors.vector(row), 10, skip).map((h) => h.row));
    sim += want.filter((r) => got.has(r)).length / 10;
  }
  console.log(
    `IVF recall vs exact: queries top-100 ${(found100 / all.length).toFixed(3)}, top-10 ${(found10 / all.length).toFixed(3)}; similar papers top-10 ${(sim / 50).toFixed(3)}`,
  );
}

/** Latency rows for one model, vector set and keyword segment. */
export function semanticLatency(
  model: LsaModel,
  vectors: VectorSet,
  seg: Segment,
  time: Timer,
): LatencyRow[] {
  const views = [{ seg }];
  const embed = (q: string) => model.embed([parseQuery(q).words.join(' ')])[0]!;
  const exact = (q: string) => vectors.searchExact(embed(q), FUSION_DEPTH);
  const ivf = (q: string) => vectors.search(embed(q), FUSION_DEPTH);
  const hybrid = (q: string) => {
    const parsed = parseQuery(q);
    const qv = model.embed([parsed.words.join(' ')])[0]!;
    const kw = searchSegments(views, parsed, { k: FUSION_DEPTH, sort: 'relevance' }).hits;
    const near = vectors.search(qv, FUSION_DEPTH);
    const cos = (id: string) => {
      const r = vectors.rowOf(id);
      if (r === undefined) return 0;
      const v = vectors.vector(r);
      let s = 0;
      for (let j = 0; j < v.length; j++) s += v[j]! * qv[j]!;
      return s;
    };
    return scoreFusion(
      kw,
      cos,
      near.map((h) => vectors.ids[h.row]!),
    );
  };
  const rows: LatencyRow[] = [];
  for (const [label, qs] of [
    ['one-term', oneTerm],
    ['multi-term', multiTerm],
  ] as const) {
    rows.push([label, 'query embedding only', time(qs, embed)]);
    rows.push([label, 'semantic, exact scan (embed + top-100)', time(qs, exact)]);
    rows.push([label, 'semantic, IVF (embed + top-100)', time(qs, ivf)]);
    rows.push([label, 'hybrid (embed + IVF top-100 + keyword top-100 + fusion)', time(qs, hybrid)]);
  }
  // Similar papers as the service runs them: the paper's own vector, IVF top-10 without the paper itself.
  const someIds = Array.from({ length: 50 }, (_, i) => vectors.ids[(i * 2819) % vectors.size]!);
  const similar = (id: string) => {
    const row = vectors.rowOf(id)!;
    return vectors.search(vectors.vector(row), 10, (r) => r === row);
  };
  rows.push(['50 papers', 'similar papers (IVF top-10)', time(someIds, similar)]);
  return rows;
}

/** Prints latency rows as a markdown table. */
export function printRows(rows: LatencyRow[], pct: Pct): void {
  console.log('| queries | what | p50 | p95 |\n|---|---|---:|---:|');
  for (const [label, what, s] of rows)
    console.log(`| ${label} | ${what} | ${ms(pct(s, 50))} | ${ms(pct(s, 95))} |`);
}

/**
 * The model and vectors a SearchService trained and indexed (its DATA_DIR/index): prints their size and load
 * time, the IVF recall, and the latency table; copies them to `cacheDir` for the 1M bench.
 */
export function servedSemanticBench(
  indexDir: string,
  seg: Segment,
  time: Timer,
  pct: Pct,
  cacheDir: string,
): { model: LsaModel; vectors: VectorSet; rows: LatencyRow[] } {
  const t = performance.now();
  const { model, vectors, manifest } = readSemantic(indexDir);
  const loadS = (performance.now() - t) / 1000;
  console.log(
    `semantic model as served (LSA d=${defaultLsa.dimension}, ${model.vocab.length.toLocaleString('en-US')} features): ` +
      `file ${(manifest.bytes / 1e6).toFixed(1)} MB (model + int8 vectors + IVF with ${manifest.ivfLists} cells), load with checksum ${loadS.toFixed(2)} s`,
  );
  fs.mkdirSync(cacheDir, { recursive: true });
  for (const f of ['semantic.json', manifest.file])
    fs.copyFileSync(path.join(indexDir, f), path.join(cacheDir, f));
  printRecall(model, vectors);
  const rows = semanticLatency(model, vectors, seg, time);
  printRows(rows, pct);
  return { model, vectors, rows };
}

/** A model trained on the real corpus by an earlier `search` bench run, if cached. */
export function cachedModel(cacheDir: string): LsaModel | undefined {
  try {
    return readSemantic(cacheDir).model;
  } catch {
    return undefined;
  }
}
