// The candidate pool of one digest run: every paper listed in the last two weeks plus what is trending now, read
// once and indexed in memory (terms, categories, authors), so composing each subscriber's digest is a few map
// look-ups instead of queries. 10,000 subscribers share one pool.
import type { Paper } from '../model/paper.js';
import { authorKey } from '../model/author-key.js';
import { shiftDay } from '../model/digest.js';
import type { Store } from '../store/store.js';
import type { ScoreDetail } from '../store/trending-store.js';
import { analyze } from '../search/tokenize.js';

/** How far back a digest looks for new listings (a weekly digest plus a missed week). */
export const LOOKBACK_DAYS = 14;
/** Papers trending now compete even when listed before the lookback (an old paper whose code took off). */
const TRENDING_NOW = 300;

export interface PoolPaper {
  paper: Paper;
  /** The decayed trending score (0 when the paper has no score row yet). */
  score: number;
  detail: ScoreDetail | undefined;
  /** The analyzed terms of title and abstract, space-separated with spaces at both ends (phrase checks). */
  terms: string;
  /** Among the papers trending now (may be older than the lookback). */
  trendingNow: boolean;
  /** authorKey() of each author, computed once (NFKD normalisation is not cheap). */
  authorKeys: string[];
}

export interface DigestPool {
  /** The local day the pool was built for (YYYY-MM-DD); listings after it are left out. */
  day: string;
  /** The moment its reasons are told from (ISO). */
  asOf: string;
  papers: PoolPaper[];
  byId: Map<string, number>;
  /** index term → papers (positions in `papers`) whose title or abstract holds it */
  terms: Map<string, number[]>;
  /** category, and its archive ("cs" for "cs.LG") → papers listed in it */
  categories: Map<string, number[]>;
  /** authorKey(name) → papers */
  authors: Map<string, number[]>;
  /** Days (YYYY-MM-DD) on which arXiv listed at least one paper, within the lookback. */
  listingDays: Set<string>;
  maxScore: number;
}

const push = (m: Map<string, number[]>, key: string, i: number) => {
  const list = m.get(key);
  if (!list) m.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
};

/** Reads and indexes the pool for local day `day` (listings from day − LOOKBACK_DAYS to day + 1). */
export async function loadPool(store: Store, day: string, asOf = new Date()): Promise<DigestPool> {
  const papers: Paper[] = [];
  // A subscriber west of UTC may already see arXiv's next day: one day of slack ahead.
  const q = { from: shiftDay(day, -LOOKBACK_DAYS), to: shiftDay(day, 1), limit: 1000 };
  for (let page = await store.listPapers(q); page.length;) {
    papers.push(...page);
    if (page.length < q.limit) break;
    const last = page[page.length - 1]!;
    page = await store.listPapers({ ...q, after: { firstSeen: last.firstSeen, id: last.id } });
  }
  const have = new Set(papers.map((p) => p.id));
  const hot = await store.trendingRankedIds('trending', TRENDING_NOW);
  const hotSet = new Set(hot);
  const older = (await store.papersByIds(hot.filter((id) => !have.has(id)))).filter(
    (p) => p.firstSeen <= day,
  );
  papers.push(...older);
  const scores = new Map((await store.trendingScoresFor(papers.map((p) => p.id))).map((r) => [r.paperId, r]));
  return buildPool(
    day,
    asOf.toISOString(),
    papers.map((paper) => {
      const row = scores.get(paper.id);
      return {
        paper,
        score: row?.scoreTrending ?? 0,
        detail: row?.detail,
        trendingNow: hotSet.has(paper.id),
      };
    }),
  );
}

/** Indexes papers (with their scores) into a pool. */
export function buildPool(
  day: string,
  asOf: string,
  items: { paper: Paper; score: number; detail: ScoreDetail | undefined; trendingNow: boolean }[],
): DigestPool {
  const pool: DigestPool = {
    day,
    asOf,
    papers: [],
    byId: new Map(),
    terms: new Map(),
    categories: new Map(),
    authors: new Map(),
    listingDays: new Set(),
    maxScore: 0,
  };
  for (const item of items) {
    const i = pool.papers.length;
    const words = analyze(`${item.paper.title} ${item.paper.abstract}`);
    const authorKeys = item.paper.authors.map(authorKey);
    pool.papers.push({ ...item, terms: ` ${words.join(' ')} `, authorKeys });
    pool.byId.set(item.paper.id, i);
    for (const w of words) push(pool.terms, w, i);
    for (const c of item.paper.categories) {
      push(pool.categories, c, i);
      push(pool.categories, c.split('.')[0]!, i);
    }
    for (const a of authorKeys) push(pool.authors, a, i);
    pool.listingDays.add(item.paper.firstSeen);
    pool.maxScore = Math.max(pool.maxScore, item.score);
  }
  return pool;
}
