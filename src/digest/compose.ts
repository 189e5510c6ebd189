// Composing one subscriber's digest from the run's pool: which papers (their categories, keywords, authors, what
// they saved), in which order (trending + match), without anything they already received. Pure: no I/O.
import type { Paper } from '../model/paper.js';
import type { Preferences } from '../model/subscriber.js';
import { authorKey } from '../model/author-key.js';
import { analyze } from '../search/tokenize.js';
import { listedAgo, reasons } from '../rank/explain.js';
import type { Window } from '../rank/window.js';
import type { DigestPool, PoolPaper } from './pool.js';

/** How much each kind of match adds to a paper's rank; trending contributes 0..1 (log-scaled to the pool's best). */
export const MATCH = Object.freeze({
  /** A followed author wrote it: the strongest wish a reader can state. */
  author: 2,
  /** The first keyword found; each further one adds `keywordMore`, up to `keywordCap` in all. */
  keyword: 1,
  keywordMore: 0.25,
  keywordCap: 1.5,
  /** Listed primarily in a followed category (cross-listed: half). */
  category: 0.3,
  /** Shares an author with a paper the reader saved. */
  savedAuthor: 0.5,
  /** Same primary category as a saved paper. */
  savedCategory: 0.1,
});

export interface ComposeInput {
  prefs: Pick<Preferences, 'categories' | 'keywords' | 'authors' | 'maxPapers'>;
  /** Listings from this day on are new to the reader (older ones only if trending now). */
  since: string;
  /** Papers already sent to this reader. */
  received: ReadonlySet<string>;
  /** Papers the reader saved. */
  saved: readonly Paper[];
}

export interface ComposedItem {
  paper: Paper;
  /** trending part + match part (see MATCH) */
  rank: number;
  /** Why it is here, in words: matches first, then why it is trending. */
  why: string[];
}

interface Hit {
  authors: string[];
  keywords: string[];
  category: 'primary' | 'cross' | undefined;
  savedAuthor: boolean;
  savedCategory: boolean;
}

/** Papers (pool positions) holding the keyword's terms in this order; undefined for a keyword of stop words only. */
function keywordPapers(pool: DigestPool, keyword: string): number[] | undefined {
  const words = analyze(keyword);
  if (words.length === 0) return undefined;
  // The rarest term's postings, then the phrase checked on each paper's term string.
  let best: number[] | undefined;
  for (const w of words) {
    const list = pool.terms.get(w) ?? [];
    if (!best || list.length < best.length) best = list;
  }
  if (words.length === 1) return best!;
  const phrase = ` ${words.join(' ')} `;
  return best!.filter((i) => pool.papers[i]!.terms.includes(phrase));
}

const hitOf = (hits: Map<number, Hit>, i: number): Hit => {
  let h = hits.get(i);
  if (!h) {
    h = { authors: [], keywords: [], category: undefined, savedAuthor: false, savedCategory: false };
    hits.set(i, h);
  }
  return h;
};

/** The trending part of a paper's rank: 0..1, log-scaled so one viral paper does not flatten the rest. */
const trendPart = (pool: DigestPool, p: PoolPaper) =>
  pool.maxScore > 0 ? Math.log1p(p.score) / Math.log1p(pool.maxScore) : 0;

/**
 * The reader's digest: eligible papers are by a followed author, or in a followed category (any, when none are
 * followed) and — when keywords are given — matching one of them. New listings since `since`, or trending now;
 * never one already received. Ranked by trending + match, best first, at most maxPapers.
 */
export function compose(pool: DigestPool, input: ComposeInput): ComposedItem[] {
  const { prefs } = input;
  const hits = new Map<number, Hit>();
  for (const name of prefs.authors) {
    for (const i of pool.authors.get(authorKey(name)) ?? []) hitOf(hits, i).authors.push(name);
  }
  const keywords = prefs.keywords
    .map((k) => ({ k, papers: keywordPapers(pool, k) }))
    .filter((x): x is { k: string; papers: number[] } => x.papers !== undefined);
  for (const { k, papers } of keywords) for (const i of papers) hitOf(hits, i).keywords.push(k);
  const inCategory = new Set<number>();
  for (const c of prefs.categories) for (const i of pool.categories.get(c) ?? []) inCategory.add(i);
  const savedAuthors = new Set(input.saved.flatMap((p) => p.authors.map(authorKey)));
  const savedCategories = new Set(input.saved.flatMap((p) => (p.primaryCategory ? [p.primaryCategory] : [])));

  const eligible = (i: number): boolean => {
    const h = hits.get(i);
    if (h?.authors.length) return true;
    const catOk = prefs.categories.length === 0 || inCategory.has(i);
    return catOk && (keywords.length === 0 || (h?.keywords.length ?? 0) > 0);
  };
  // Which positions to look at: all papers when no category or keyword narrows it, else only the matching ones.
  const looked =
    prefs.categories.length === 0 && keywords.length === 0
      ? pool.papers.keys()
      : new Set([...inCategory, ...hits.keys()]).values();

  const ranked: { i: number; rank: number; hit: Hit | undefined }[] = [];
  for (const i of looked) {
    const p = pool.papers[i]!;
    if (input.received.has(p.paper.id)) continue;
    if (p.paper.firstSeen < input.since && !(p.trendingNow && p.score > 0)) continue;
    if (!eligible(i)) continue;
    const h = hits.get(i);
    let match = 0;
    if (h?.authors.length) match += MATCH.author;
    if (h?.keywords.length) {
      match += Math.min(MATCH.keyword + MATCH.keywordMore * (h.keywords.length - 1), MATCH.keywordCap);
    }
    if (prefs.categories.length && inCategory.has(i)) {
      const primary = p.paper.primaryCategory;
      const followed = prefs.categories.some((c) => primary === c || primary?.startsWith(`${c}.`));
      match += followed ? MATCH.category : MATCH.category / 2;
    }
    if (savedAuthors.size && p.authorKeys.some((a) => savedAuthors.has(a))) match += MATCH.savedAuthor;
    if (p.paper.primaryCategory && savedCategories.has(p.paper.primaryCategory)) match += MATCH.savedCategory;
    ranked.push({ i, rank: trendPart(pool, p) + match, hit: h });
  }
  ranked.sort((a, b) => {
    const pa = pool.papers[a.i]!.paper;
    const pb = pool.papers[b.i]!.paper;
    return b.rank - a.rank || pb.firstSeen.localeCompare(pa.firstSeen) || pa.id.localeCompare(pb.id);
  });
  return ranked.slice(0, prefs.maxPapers).map(({ i, rank, hit }) => {
    const p = pool.papers[i]!;
    return { paper: p.paper, rank, why: whyOf(pool, p, hit) };
  });
}

/** The reasons for one paper in one reader's digest (also used to re-tell a composed digest on a retry). */
export function whyOf(pool: DigestPool, p: PoolPaper, hit?: Pick<Hit, 'authors' | 'keywords'>): string[] {
  const out: string[] = [];
  if (hit?.authors.length) out.push(`by ${hit.authors.join(', ')}, whom you follow`);
  if (hit?.keywords.length) out.push(`matches ${hit.keywords.map((k) => `“${k}”`).join(', ')}`);
  const window: Window = { view: 'trending', to: pool.day, asOf: pool.asOf, stale: false, timeZone: 'UTC' };
  out.push(
    ...(p.detail ? reasons(p.detail, p.paper.firstSeen, window) : [listedAgo(p.paper.firstSeen, window)]),
  );
  return out;
}
