// SciFact nDCG@10 for keyword, semantic (LSA) and hybrid ranking (score fusion as served, and RRF k=60 for
// comparison), for a few model settings.
import { searchSegments } from '../src/search/engine.js';
import { defaultLsa, type LsaSettings } from '../src/search/embed/embedder.js';
import { paperText, trainLsa } from '../src/search/embed/train.js';
import { buildIvf } from '../src/search/embed/ivf.js';
import { VectorSet, dequantize, quantize } from '../src/search/embed/vectors.js';
import { reciprocalRankFusion, scoreFusion } from '../src/search/fusion.js';
import { FUSION_DEPTH } from '../src/search/hybrid.js';
import { parseQuery } from '../src/search/query.js';
import type { loadScifact } from './scifact.js';
import { ndcgAt10, scifactSegment } from './scifact.js';

type Data = NonNullable<ReturnType<typeof loadScifact>>;

/** Mean nDCG@10 of each mode, and the training time, for one LSA setting. */
export async function scifactModes(data: Data, settings: LsaSettings = defaultLsa) {
  const seg = await scifactSegment(data);
  const t = performance.now();
  const trained = trainLsa(
    data.docs.map((d) => ({ id: d._id, text: paperText({ title: d.title, abstract: d.text }) })),
    settings,
  );
  const trainS = (performance.now() - t) / 1000;
  const d = trained.model.dimension;
  const vs = new VectorSet(trained.ids, d, trained.vectors);
  // As served: int8 vectors (as stored) searched through the IVF index (forced: SciFact is below IVF_MIN).
  const q8 = quantize(trained.vectors, trained.ids.length, d);
  const served = dequantize(q8.codes, q8.scales, d);
  const vsServed = new VectorSet(trained.ids, d, served, buildIvf(served, d));
  const sum = { keyword: 0, semantic: 0, hybrid: 0, rrf: 0, servedSemantic: 0, servedHybrid: 0 };
  for (const [qid, rels] of data.qrels) {
    const text = data.queries.get(qid) ?? '';
    const q = {
      ...parseQuery(''),
      words: text.split(/\s+/).flatMap((w) => parseQuery(w.replace(/[":-]/g, ' ')).words),
    };
    const kw = searchSegments([{ seg }], q, { k: FUSION_DEPTH, sort: 'relevance' }).hits;
    const qv = trained.model.embed([q.words.join(' ')])[0]!;
    const sem = vs.search(qv, FUSION_DEPTH).map((h) => vs.ids[h.row]!);
    const cos = (id: string) => {
      const v = vs.vector(vs.rowOf(id)!);
      let s = 0;
      for (let j = 0; j < v.length; j++) s += v[j]! * qv[j]!;
      return s;
    };
    const kwIds = kw.map((h) => h.id);
    sum.keyword += ndcgAt10(kwIds, rels);
    sum.semantic += ndcgAt10(sem, rels);
    sum.hybrid += ndcgAt10(
      scoreFusion(kw, cos, sem).map((f) => f.id),
      rels,
    );
    sum.rrf += ndcgAt10(
      reciprocalRankFusion([kwIds, sem]).map((f) => f.id),
      rels,
    );
    const semServed = vsServed.search(qv, FUSION_DEPTH).map((h) => vsServed.ids[h.row]!);
    const cosServed = (id: string) => {
      const v = vsServed.vector(vsServed.rowOf(id)!);
      let s = 0;
      for (let j = 0; j < v.length; j++) s += v[j]! * qv[j]!;
      return s;
    };
    sum.servedSemantic += ndcgAt10(semServed, rels);
    sum.servedHybrid += ndcgAt10(
      scoreFusion(kw, cosServed, semServed).map((f) => f.id),
      rels,
    );
  }
  const n = data.qrels.size;
  return {
    keyword: sum.keyword / n,
    semantic: sum.semantic / n,
    hybrid: sum.hybrid / n,
    rrf: sum.rrf / n,
    servedSemantic: sum.servedSemantic / n,
    servedHybrid: sum.servedHybrid / n,
    trainS,
  };
}

/** Prints the table over dimensions (and bigrams at the smallest). */
export async function scifactSemanticTable(data: Data): Promise<void> {
  console.log(
    '| LSA setting | keyword | semantic | hybrid (score fusion, served) | hybrid (RRF k=60) | semantic, int8 + IVF | hybrid, int8 + IVF | train s |\n|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  // d=384 (0.558 / 0.699, 4 minutes to train) and d=128 with bigrams (0.411 / 0.693) were measured once
  // (docs/architecture.md); PAPERPULSE_BENCH_ALL_LSA=1 runs them again.
  const settings: LsaSettings[] = [
    { ...defaultLsa, dimension: 128 },
    { ...defaultLsa, dimension: 256 },
    ...(process.env.PAPERPULSE_BENCH_ALL_LSA
      ? [
          { ...defaultLsa, dimension: 128, bigrams: true },
          { ...defaultLsa, dimension: 384 },
        ]
      : []),
  ];
  for (const s of settings) {
    const r = await scifactModes(data, s);
    const used = JSON.stringify(s) === JSON.stringify(defaultLsa) ? ' (used)' : '';
    console.log(
      `| d=${s.dimension}${s.bigrams ? ' +bigrams' : ''}${used} | ${r.keyword.toFixed(4)} | ${r.semantic.toFixed(4)} | ${r.hybrid.toFixed(4)} | ${r.rrf.toFixed(4)} | ${r.servedSemantic.toFixed(4)} | ${r.servedHybrid.toFixed(4)} | ${r.trainS.toFixed(1)} |`,
    );
  }
}
