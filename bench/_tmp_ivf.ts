import { readSemantic } from '../src/search/embed/persist.js';
import { buildIvf, IvfIndex } from '../src/search/embed/ivf.js';
import { parseQuery } from '../src/search/query.js';
import { multiTerm, oneTerm } from './search-queries.js';
const { model, vectors } = readSemantic('/tmp/ppsem/idx');
const d = vectors.dimension;
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };
const qs = [...oneTerm, ...multiTerm].map((q) => model.embed([parseQuery(q).words.join(' ')])[0]!);
const sims = Array.from({ length: 50 }, (_, i) => vectors.vector((i * 2819) % vectors.size));
const exact = qs.map((q) => vectors.searchExact(q, 100).map((h) => h.row));
const exactSim = sims.map((q) => vectors.searchExact(q, 11).map((h) => h.row));
for (const lists of (process.argv[2] ?? '375,750,1500').split(',').map(Number)) {
  let t = performance.now();
  const a = buildIvf(vectors.data, d, { lists });
  const bs = (performance.now() - t) / 1000;
  const ivf = new IvfIndex(a, vectors.data);
  for (const probe of [8, 16, 32, 64]) {
    let r100 = 0, r10 = 0, rs = 0; const lat: number[] = []; const slat: number[] = [];
    for (let rep = 0; rep < 3; rep++) qs.forEach((q, i) => { t = performance.now(); const h = ivf.search(q, 100, probe); lat.push(performance.now() - t);
      if (rep === 0) { const got = new Set(h.map((x) => x.row)); r100 += exact[i]!.filter((r) => got.has(r)).length / 100; r10 += exact[i]!.slice(0, 10).filter((r) => got.has(r)).length / 10; } });
    for (let rep = 0; rep < 3; rep++) sims.forEach((q, i) => { t = performance.now(); const h = ivf.search(q, 11, probe); slat.push(performance.now() - t);
      if (rep === 0) { const got = new Set(h.map((x) => x.row)); rs += exactSim[i]!.filter((r) => got.has(r)).length / 11; } });
    console.log(`lists ${lists} build ${bs.toFixed(1)}s probe ${probe}: recall@100 ${(r100 / qs.length).toFixed(3)} @10 ${(r10 / qs.length).toFixed(3)} sim@11 ${(rs / 50).toFixed(3)}; q p50/p95 ${pct(lat, 50).toFixed(2)}/${pct(lat, 95).toFixed(2)} sim ${pct(slat, 50).toFixed(2)}/${pct(slat, 95).toFixed(2)}`);
  }
}
