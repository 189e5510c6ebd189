// Semantic and hybrid figures on the real corpus: LSA training time and size, then query embedding + exact
// vector search + fusion latency for the benchmark's queries, and similar-papers latency.
import path from 'node:path';
import type { Segment } from '../src/search/segment.js';
import { searchSegments } from '../src/search/engine.js';
import { defaultLsa } from '../src/search/embed/embedder.js';
import { readSemantic, writeSemantic } from '../src/search/embed/persist.js';
import { paperText, trainLsa } from '../src/search/embed/train.js';
import { VectorSet } from '../src/search/embed/vectors.js';
import { scoreFusion } from '../src/search/fusion.js';
import { FUSION_DEPTH } from '../src/search/hybrid.js';
import { parseQuery } from '../src/search/query.js';
import { multiTerm, oneTerm } from './search-queries.js';

type Timer = (queries: string[], fn: (q: string) => unknown) => number[];

/** Trains on `docs`, persists and reloads beside `dir`, and prints the latency table rows. */
export function semanticCorpusBench(
  docs: { id: string; title: string; abstract: string }[],
  seg: Segment,
  dir: string,
  time: Timer,
  pct: (xs: number[], p: number) => number,
): void {
  const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1));
  let t = performance.now();
  const trained = trainLsa(docs.map((d) => ({ id: d.id, text: paperText(d) })));
  const trainS = (performance.now() - t) / 1000;
  const manifest = writeSemantic(
    path.join(dir, 'semantic'),
    trained.model,
    new VectorSet(trained.ids, trained.model.dimension, trained.vectors),
    0,
  );
  t = performance.now();
  const { model, vectors } = readSemantic(path.join(dir, 'semantic'));
  const loadS = (performance.now() - t) / 1000;
  console.log(
    `semantic model (LSA d=${defaultLsa.dimension}, ${model.vocab.length.toLocaleString('en-US')} features): ` +
      `train ${trainS.toFixed(1)} s, file ${(manifest.bytes / 1e6).toFixed(1)} MB (int8 vectors), load with checksum ${loadS.toFixed(2)} s`,
  );
  const views = [{ seg }];
  const embed = (q: string) => model.embed([parseQuery(q).words.join(' ')])[0]!;
  const semantic = (q: string) => vectors.search(embed(q), FUSION_DEPTH);
  const exact = (q: string) => vectors.searchExact(embed(q), FUSION_DEPTH);
  // Recall of the two-stage search against the exact one, top-100 and top-10, over all benchmark queries.
  let found100 = 0;
  let found10 = 0;
  const all = [...oneTerm, ...multiTerm];
  for (const q of all) {
    const want = exact(q).map((h) => h.row);
    const got = new Set(semantic(q).map((h) => h.row));
    found100 += want.filter((r) => got.has(r)).length / Math.max(1, want.length);
    found10 += want.slice(0, 10).filter((r) => got.has(r)).length / Math.max(1, Math.min(10, want.length));
  }
  console.log(
    `two-stage vector search recall vs exact: top-100 ${(found100 / all.length).toFixed(3)}, top-10 ${(found10 / all.length).toFixed(3)}`,
  );
  const hybrid = (q: string) => {
    const qv = embed(q);
    const kw = searchSegments(views, parseQuery(q), { k: FUSION_DEPTH, sort: 'relevance' }).hits;
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
  const someIds = Array.from({ length: 50 }, (_, i) => vectors.ids[(i * 2819) % vectors.size]!);
  const similar = (id: string) => vectors.search(vectors.vector(vectors.rowOf(id)!), 11);
  // (similar papers use the same two-stage search)
  console.log('| queries | what | p50 | p95 |\n|---|---|---:|---:|');
  for (const [label, qs] of [
    ['one-term', oneTerm],
    ['multi-term', multiTerm],
  ] as const) {
    for (const [what, fn] of [
      ['query embedding only', embed],
      ['semantic, exact scan (embed + top-100)', exact],
      ['semantic, two-stage (embed + top-100)', semantic],
      ['hybrid (embed + top-100 + keyword top-100 + fusion)', hybrid],
    ] as const) {
      const s = time(qs, fn);
      console.log(`| ${label} | ${what} | ${ms(pct(s, 50))} | ${ms(pct(s, 95))} |`);
    }
  }
  const s = time(someIds, similar);
  console.log(`| 50 papers | similar papers (two-stage top-10) | ${ms(pct(s, 50))} | ${ms(pct(s, 95))} |`);
}
