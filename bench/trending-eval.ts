// `npm run bench -- trending-eval`: replays the real Hugging Face daily papers day by day and measures how well
// each day's ranking finds the papers that end up on top — the evidence behind the constants in rank/score.ts.
//
// The replay. Papers are the arXiv corpus (140,877 CS papers, their listing day) plus every paper of the HF rows
// (listing day = arXiv submission day when the corpus lacks it). Each HF row becomes observations of upvotes,
// comments and stars at the end of its day (the file was saved that day). At the start of day k (00:00 UTC) a
// ranker sees only observations from before k.
//
// The question. "Trending" should put this week's hits on top of everything recent. Candidates are the papers
// listed in the last 30 days; the target is the 20 papers listed in the last 7 days with the most upvotes in the
// end (the last snapshot in the data, which may arrive after day k: a paper featured on HF days after listing).
// Metrics per day, averaged: precision@20 and nDCG@20 (gain = final upvotes). Days with fewer than 20 featured
// papers in the target window are skipped. Constants are chosen on the first half of the days and reported on
// the second half (held out).
//
// Limits of the data (see ../shared/data/README.md): one snapshot per paper, taken on its HF day, so a paper's
// upvotes are known only from that day on and never grow afterwards in the replay; stars are single snapshots too,
// and paperpulse never counts a first star observation as a gain, so stars weigh nothing in these figures.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { SignalKind, SignalValues } from '../src/model/paper.js';
import { paperGains, type SignalSeries } from '../src/rank/gains.js';
import { scoreGains, TRENDING, type TrendingConstants } from '../src/rank/score.js';

const dataDir = process.env.PAPERPULSE_SHARED_DATA ?? '/work/shared/data';
const DAY = 86_400_000;
const K = 20;
const CANDIDATE_DAYS = 30;
const TARGET_DAYS = 7;

interface EvalPaper {
  id: string;
  listedAt: number;
  series: SignalSeries;
  /** The last upvote count in the data (the target's gain). */
  finalUpvotes: number;
}

const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

async function loadCorpus(dir: string): Promise<Map<string, string>> {
  const firstSeen = new Map<string, string>();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^corpus-.*\.jsonl\.gz$/.test(f)) : [];
  for (const f of files.sort()) {
    const lines = readline.createInterface({
      input: fs.createReadStream(path.join(dir, f)).pipe(zlib.createGunzip()),
    });
    for await (const line of lines) {
      if (!line.trim()) continue;
      // Only two fields are needed; a regex keeps loading 140k abstracts cheap.
      const id = /"id":\s*"([^"]+)"/.exec(line)?.[1];
      const seen = /"first_seen":\s*"(\d{4}-\d{2}-\d{2})"/.exec(line)?.[1];
      if (id && seen) firstSeen.set(id, seen);
    }
  }
  return firstSeen;
}

interface HfRow {
  daily_date: string;
  arxiv_id: string;
  published_at: string | null;
  upvotes: number;
  num_comments: number;
  github_stars: number | null;
}

/** The replay's papers, keyed by id, with their observations in time order. */
export async function loadReplay(): Promise<{
  papers: EvalPaper[];
  hfDays: string[];
  corpusPapers: number;
  corpusLast: string;
}> {
  const corpus = await loadCorpus(path.join(dataDir, 'arxiv-corpus'));
  const rows = fs
    .readFileSync(path.join(dataDir, 'hf-daily-papers/papers.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as HfRow)
    .sort((a, b) => a.daily_date.localeCompare(b.daily_date));
  const byId = new Map<string, EvalPaper>();
  for (const [id, seen] of corpus) byId.set(id, { id, listedAt: dayMs(seen), series: {}, finalUpvotes: 0 });
  for (const r of rows) {
    let p = byId.get(r.arxiv_id);
    if (!p) {
      const listed = (r.published_at ?? `${r.daily_date}T00:00:00Z`).slice(0, 10);
      p = { id: r.arxiv_id, listedAt: dayMs(listed), series: {}, finalUpvotes: 0 };
      byId.set(r.arxiv_id, p);
    }
    const t = dayMs(r.daily_date) + DAY - 1;
    const add = (kind: SignalKind, v: number) => (p.series[kind] ??= []).push({ t, v });
    add('hf_upvotes', r.upvotes);
    add('hf_comments', r.num_comments);
    if (r.github_stars !== null) add('github_stars', r.github_stars);
    p.finalUpvotes = r.upvotes;
  }
  const hfDays = [...new Set(rows.map((r) => r.daily_date))];
  const corpusLast = [...corpus.values()].reduce((m, d) => (d > m ? d : m), '');
  return { papers: [...byId.values()], hfDays, corpusPapers: corpus.size, corpusLast };
}

/** One replay day: its candidates with what a ranker may know, and the target. */
interface Day {
  day: string;
  /** Candidates: age in hours, gains at the start of the day, latest upvotes known, listing time. */
  ages: Float64Array;
  listed: Float64Array;
  known: Float64Array;
  trailing: SignalValues[];
  earlier: SignalValues[];
  sinceListing: SignalValues[];
  /** Final upvotes of each candidate when it belongs to the target window, else 0. */
  gainOf: Float64Array;
  inWeek: Uint8Array;
  ids: string[];
  /** Candidates that can score above 0 in the trending view (any gain, or young enough for the prior). */
  active: number[];
  /** Candidates with an upvote count known. */
  withUpvotes: number[];
  /** Every candidate, newest first (ties by id, descending). */
  newestOrder: number[];
  /** The grid's fast path: per active candidate, points without comments, comments, and the same before the trailing days. */
  pre?: Map<number, [number, number, number, number]>;
  /** The target set and the ideal DCG. */
  target: Set<number>;
  idcg: number;
  /** Share of the target already featured (any observation) at the start of the day. */
  knownShare: number;
}

function buildDays(papers: EvalPaper[], from: string, to: string, trailingDays: number): Day[] {
  const sorted = [...papers].sort((a, b) => a.listedAt - b.listedAt || a.id.localeCompare(b.id));
  const days: Day[] = [];
  let lo = 0;
  for (let t = dayMs(from); t <= dayMs(to); t += DAY) {
    while (lo < sorted.length && sorted[lo]!.listedAt < t - CANDIDATE_DAYS * DAY) lo++;
    const cands: EvalPaper[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.listedAt < t; i++) cands.push(sorted[i]!);
    const n = cands.length;
    const d: Day = {
      day: iso(t),
      ages: new Float64Array(n),
      listed: new Float64Array(n),
      known: new Float64Array(n),
      trailing: [],
      earlier: [],
      sinceListing: [],
      gainOf: new Float64Array(n),
      inWeek: new Uint8Array(n),
      ids: cands.map((p) => p.id),
      active: [],
      withUpvotes: [],
      newestOrder: [],
      target: new Set(),
      idcg: 0,
      knownShare: 0,
    };
    cands.forEach((p, i) => {
      d.ages[i] = (t - p.listedAt) / 3_600_000;
      d.listed[i] = p.listedAt;
      const g = paperGains(p.series, p.listedAt, t - 1, trailingDays);
      d.trailing.push(g.trailing);
      d.earlier.push(g.earlier);
      d.sinceListing.push(g.sinceListing);
      d.known[i] = g.totals.hf_upvotes ?? 0;
      const hasGain = Object.keys(g.trailing).length > 0 || Object.keys(g.earlier).length > 0;
      if (hasGain || d.ages[i] < TRENDING.priorDays * 24) d.active.push(i);
      if (d.known[i] > 0) d.withUpvotes.push(i);
      if (p.listedAt >= t - TARGET_DAYS * DAY) {
        d.inWeek[i] = 1;
        d.gainOf[i] = p.finalUpvotes;
      }
    });
    d.newestOrder = [...d.ids.keys()].sort(
      (a, b) => d.listed[b]! - d.listed[a]! || (d.ids[b]! < d.ids[a]! ? -1 : 1),
    );
    const ranked = [...d.gainOf.keys()]
      .filter((i) => d.gainOf[i]! > 0)
      .sort((a, b) => d.gainOf[b]! - d.gainOf[a]!);
    if (ranked.length < K) continue;
    const top = ranked.slice(0, K);
    d.target = new Set(top);
    d.idcg = top.reduce((s, i, r) => s + d.gainOf[i]! / Math.log2(r + 2), 0);
    d.knownShare = top.filter((i) => d.known[i]! > 0).length / K;
    days.push(d);
  }
  return days;
}

/** Precision@K and nDCG@K of a ranking (candidate indexes, best first). */
function metrics(d: Day, order: number[]): { p: number; ndcg: number } {
  let hits = 0;
  let dcg = 0;
  order.slice(0, K).forEach((i, r) => {
    if (d.target.has(i)) hits++;
    dcg += d.gainOf[i]! / Math.log2(r + 2);
  });
  return { p: hits / K, ndcg: dcg / d.idcg };
}

/**
 * The K best of `pool` by `score` (higher first; ties to the newer listing, then the id); when fewer than K score
 * above 0, the newest of the rest follow (as in the product, where zero scores tie and newer papers go first).
 */
function topBy(d: Day, pool: number[], score: (i: number) => number): number[] {
  const s = new Map<number, number>();
  for (const i of pool) {
    const v = score(i);
    if (v > 0) s.set(i, v);
  }
  const top = [...s.keys()]
    .sort((a, b) => s.get(b)! - s.get(a)! || d.listed[b]! - d.listed[a]! || (d.ids[b]! < d.ids[a]! ? -1 : 1))
    .slice(0, K);
  for (const i of d.newestOrder) {
    if (top.length >= K) break;
    if (!s.has(i)) top.push(i);
  }
  return top;
}

export type Ranker = (d: Day) => number[];

export const rankers = {
  newest: ((d) => d.newestOrder.slice(0, K)) as Ranker,
  rawUpvotes: ((d) => topBy(d, d.withUpvotes, (i) => d.known[i]!)) as Ranker,
  trending:
    (c: TrendingConstants): Ranker =>
    (d) =>
      topBy(d, d.active, (i) => scoreGains(d.trailing[i]!, d.ages[i]!, true, c, d.earlier[i]).score),
  week:
    (c: TrendingConstants): Ranker =>
    (d) =>
      topBy(
        d,
        d.active.filter((i) => d.inWeek[i] === 1),
        (i) => scoreGains(d.sinceListing[i]!, d.ages[i]!, false, c).points,
      ),
};

function evaluate(days: Day[], ranker: Ranker) {
  let p = 0;
  let n = 0;
  for (const d of days) {
    const m = metrics(d, ranker(d));
    p += m.p;
    n += m.ndcg;
  }
  return { p: p / days.length, ndcg: n / days.length };
}

const f3 = (x: number) => x.toFixed(3);

/** Runs the evaluation and prints the table; returns the best constants found on the tuning half. */
export async function trendingEvalBench(): Promise<void> {
  const t0 = performance.now();
  const { papers, hfDays, corpusPapers, corpusLast } = await loadReplay();
  const first = iso(dayMs(hfDays[0]!) + 14 * DAY);
  // After the corpus ends only HF papers would compete: the replay stops the day after its last listing.
  const lastHf = hfDays[hfDays.length - 1]!;
  const last = iso(Math.min(dayMs(lastHf), dayMs(corpusLast) + DAY));
  const all = buildDays(papers, first, last, TRENDING.trailingDays);
  const split = '2025-07-01';
  const tune = all.filter((d) => d.day < split);
  const test = all.filter((d) => d.day >= split);
  console.log(
    `trending-eval: ${papers.length.toLocaleString('en-US')} papers (${corpusPapers.toLocaleString('en-US')} from the arXiv corpus), ` +
      `${hfDays.length} HF days; ${all.length} replay days ${all[0]?.day} .. ${all.at(-1)?.day} ` +
      `(tune < ${split}: ${tune.length}, test: ${test.length}); loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const avgCands = all.reduce((s, d) => s + d.ids.length, 0) / all.length;
  const known = (ds: Day[]) => ds.reduce((s, d) => s + d.knownShare, 0) / ds.length;
  console.log(
    `  candidates/day ${Math.round(avgCands)} (listed in the last ${CANDIDATE_DAYS} days); target: top ${K} of the last ${TARGET_DAYS} days by final upvotes; ` +
      `already featured at ranking time: ${f3(known(tune))} (tune), ${f3(known(test))} (test)`,
  );

  // Grid search on the tuning days. The grid varies gravity, offset, pastWeight, prior and the comment weight;
  // other weights stay (stars never gain in single snapshots, local signals do not exist in the replay). A fast
  // path sums points per candidate once per comment weight; it is checked against scoreGains below.
  const grid: TrendingConstants[] = [];
  for (const gravity of [0.4, 0.6, 0.8, 1.0, 1.2, 1.5])
    for (const offsetDays of [1, 2, 3, 5, 7, 10])
      for (const pastWeight of [0, 0.1, 0.25])
        for (const prior of [0, 1, 3])
          for (const comments of [0, 0.5, 1])
            grid.push({
              ...TRENDING,
              gravity,
              offsetDays,
              pastWeight,
              prior,
              weights: { ...TRENDING.weights, hf_comments: comments },
            });
  const t1 = performance.now();
  const fast = (c: TrendingConstants): Ranker => {
    // Per-candidate sums that do not depend on the setting (computed once, cached on the day): points without
    // comments, comments, and the same for earlier gains at pastWeight 1.
    const unit = { ...c, pastWeight: 1, weights: { ...c.weights, hf_comments: 0 } };
    return (d) => {
      const pre = d.pre ?? new Map<number, [number, number, number, number]>();
      if (pre.size === 0) {
        for (const i of d.active) {
          const tr = d.trailing[i]!;
          const ea = d.earlier[i]!;
          // An age far past the prior's: the prior is added per setting below.
          const base = scoreGains(tr, 1e9, false, unit, ea);
          pre.set(i, [base.points - base.past, tr.hf_comments ?? 0, base.past, ea.hf_comments ?? 0]);
        }
        d.pre = pre;
      }
      const cw = c.weights.hf_comments;
      return topBy(d, d.active, (i) => {
        const [t, tc, e, ec] = pre.get(i)!;
        const age = d.ages[i]!;
        const prior = age < c.priorDays * 24 ? c.prior : 0;
        return (
          (prior + t + cw * tc + c.pastWeight * (e + cw * ec)) / Math.pow(age / 24 + c.offsetDays, c.gravity)
        );
      });
    };
  };
  const scored = grid.map((c) => ({ c, m: evaluate(tune, fast(c)) }));
  scored.sort((a, b) => b.m.ndcg - a.m.ndcg || b.m.p - a.m.p);
  const best = scored[0]!;
  // The fast path must rank exactly as the product's scoreGains: checked on a spread of settings.
  for (const x of [best, ...scored.filter((_, i) => i % 97 === 0)]) {
    const exact = evaluate(tune, rankers.trending(x.c));
    if (Math.abs(exact.ndcg - x.m.ndcg) > 1e-9 || Math.abs(exact.p - x.m.p) > 1e-9)
      throw new Error(`the grid's fast path disagrees with scoreGains for ${JSON.stringify(x.c)}`);
  }
  console.log(
    `  grid: ${grid.length} settings on the tuning days in ${((performance.now() - t1) / 1000).toFixed(1)} s; best by nDCG@${K}:`,
  );
  const describe = (c: TrendingConstants) =>
    `gravity ${c.gravity}, offset ${c.offsetDays} d, past ${c.pastWeight}, prior ${c.prior}, comments ${c.weights.hf_comments}`;
  for (const s of scored.slice(0, 5))
    console.log(`    ${describe(s.c)}: P@${K} ${f3(s.m.p)}, nDCG ${f3(s.m.ndcg)}`);
  // How much each constant matters: the best score with one constant fixed at each value.
  const sweep = (name: string, get: (c: TrendingConstants) => number) => {
    const values = [...new Set(grid.map(get))];
    const parts = values.map((v) => `${v}: ${f3(scored.find((s) => get(s.c) === v)!.m.ndcg)}`);
    console.log(`    best nDCG with ${name} = ${parts.join(', ')}`);
  };
  sweep('gravity', (c) => c.gravity);
  sweep('offsetDays', (c) => c.offsetDays);
  sweep('pastWeight', (c) => c.pastWeight);
  sweep('prior', (c) => c.prior);
  sweep('comments weight', (c) => c.weights.hf_comments);
  // The product needs a prior (brand-new papers surface) and some memory of earlier attention (the list must
  // not empty when signals pause); the best setting that keeps both, and what they cost.
  const kept = scored.find(
    (x) => x.c.prior >= 1 && x.c.pastWeight >= 0.1 && x.c.weights.hf_comments === 0.5,
  )!;
  console.log(
    `    best with prior >= 1, pastWeight >= 0.1, comments 0.5: ${describe(kept.c)}: P@${K} ${f3(kept.m.p)}, nDCG ${f3(kept.m.ndcg)}`,
  );

  const rows: [string, Ranker][] = [
    ['newest first (baseline)', rankers.newest],
    ['raw upvotes (baseline)', rankers.rawUpvotes],
    [`paperpulse trending, shipped constants (${describe(TRENDING)})`, rankers.trending(TRENDING)],
    [`paperpulse trending, grid best on tune`, rankers.trending(best.c)],
    ['paperpulse "this week" view (7-day candidates only)', rankers.week(TRENDING)],
  ];
  console.log(`\n  | ranker | P@${K} tune | nDCG@${K} tune | P@${K} test | nDCG@${K} test |`);
  console.log('  | --- | --- | --- | --- | --- |');
  for (const [name, r] of rows) {
    const a = evaluate(tune, r);
    const b = evaluate(test, r);
    console.log(`  | ${name} | ${f3(a.p)} | ${f3(a.ndcg)} | ${f3(b.p)} | ${f3(b.ndcg)} |`);
  }
  console.log(`\n  total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// Run directly: `node --import tsx bench/trending-eval.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await trendingEvalBench();
