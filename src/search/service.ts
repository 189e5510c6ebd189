// Search as the web and API use it: parse, run on the keyword index, confirm phrases, order, fetch the page's
// papers and cut their snippets. Owns the index and its sync timer.
import type { Logger } from '../log.js';
import type { Paper } from '../model/paper.js';
import type { Store } from '../store/store.js';
import type { Embedder } from './embed/embedder.js';
import { SemanticIndex, type SemanticStatus } from './embed/semantic-index.js';
import { searchSegments, type EngineHit, type Facets } from './engine.js';
import { FUSION_DEPTH, rankWithVectors, semanticApplies, type SearchMode } from './hybrid.js';
import { KeywordIndex, indexDir, type IndexStatus } from './keyword-index.js';
import { hasPhrases } from './phrase.js';
import { isEmptyQuery, parseQuery, type ParsedQuery, type SortOrder } from './query.js';
import { highlightAll, snippet, termSet, type Snippet } from './snippet.js';

export interface SearchRequest {
  q: string;
  limit: number;
  offset: number;
  /** Overrides a `sort:` in the query; default relevance (newest first when there are no words). */
  sort?: SortOrder | undefined;
  facets?: boolean;
  /** Default keyword; semantic and hybrid fall back to keyword for queries vectors cannot serve. */
  mode?: SearchMode;
  /** Paper ids in trending order, for sort=trending (without it, trending falls back to relevance). */
  trendingIds?: () => Promise<string[]>;
}

export interface SearchHit {
  paper: Paper;
  /** BM25 score; 0 when ordered by date without words. */
  score: number;
  title: Snippet;
  snippet: Snippet;
}

export interface SearchResponse {
  query: ParsedQuery;
  sort: SortOrder;
  total: number;
  /** False when the total is a lower bound (only the best phrase candidates were checked). */
  totalExact: boolean;
  hits: SearchHit[];
  facets?: Facets | undefined;
  index: IndexStatus;
  /** The mode that ranked the results (keyword when the asked one could not serve the query). */
  mode: SearchMode;
  semantic: SemanticStatus;
}

/** Deepest result reachable by paging; beyond it nobody reads, and it bounds the work per request. */
export const MAX_OFFSET = 1000;
/** A query whose embedding takes longer (external provider) is answered by keyword search. */
const QUERY_EMBED_TIMEOUT_MS = 2000;
/** Phrase and trending orders work on this many best keyword candidates. */
const CANDIDATES = 1000;

export interface SearchServiceOptions {
  store: Store;
  log: Logger;
  dataDir: string;
  /** Delta size that triggers a merge (default 2,000 or 5% of the index). */
  mergeAt?: number;
  /** Train and serve the semantic model (default true). */
  semantic?: boolean;
  /** An external embedding provider instead of the built-in model (search/embed/provider.ts). */
  embedder?: Embedder | undefined;
  /** Passed to the semantic index (see SemanticIndexOptions). */
  semanticOptions?: { reindexAt?: number; failureBackoffMs?: number };
}

export class SearchService {
  readonly index: KeywordIndex;
  readonly semantic: SemanticIndex | undefined;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<unknown> | undefined;
  private stopped = false;

  constructor(private readonly o: SearchServiceOptions) {
    this.index = new KeywordIndex({
      store: o.store,
      log: o.log,
      dir: indexDir(o.dataDir),
      ...(o.mergeAt ? { mergeAt: o.mergeAt } : {}),
    });
    if (o.semantic !== false) {
      this.semantic = new SemanticIndex({
        store: o.store,
        log: o.log,
        dir: indexDir(o.dataDir),
        ...(o.embedder ? { embedder: o.embedder } : {}),
        ...o.semanticOptions,
      });
    }
  }

  /**
   * Loads (or starts rebuilding) the index and pulls changes every `everyMs` until stop(). Loading waits for the
   * next turn of the event loop, so a server starts listening first (reading ~100 MB takes about a second).
   */
  start(everyMs = 1000): Promise<void> {
    const loaded = new Promise<void>((resolve) =>
      setImmediate(() => {
        if (!this.stopped) {
          this.index.open();
          void this.semantic?.open();
          void this.syncNow();
        }
        resolve();
      }),
    );
    this.timer = setInterval(() => void this.syncNow(), everyMs);
    this.timer.unref();
    return loaded;
  }

  /** One sync now (skipped when one is running); errors are logged, never thrown. */
  syncNow(): Promise<unknown> {
    this.syncing ??= Promise.all([this.index.sync(), this.semantic?.sync()])
      .catch((e: unknown) => this.o.log.error({ err: e }, 'search index sync failed; will retry'))
      .finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  /** Stops the timer and waits for background index work to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.syncing;
    await this.index.close();
    await this.semantic?.close();
  }

  /** Resolves when neither index is being rebuilt (tests and benchmarks wait on it). */
  async idle(): Promise<void> {
    await this.index.idle();
    await this.semantic?.idle();
  }

  /** The papers nearest to paper `id` by meaning, best first (empty without a model or a vector for it). */
  async similar(id: string, k: number): Promise<{ paper: Paper; score: number }[]> {
    const hits = this.semantic?.similar(id, k) ?? [];
    const byId = new Map((await this.o.store.papersByIds(hits.map((h) => h.id))).map((p) => [p.id, p]));
    return hits.flatMap((h) => {
      const paper = byId.get(h.id);
      return paper ? [{ paper, score: h.score }] : [];
    });
  }

  /** Runs one search; any query text is accepted. */
  async search(r: SearchRequest): Promise<SearchResponse> {
    const query = parseQuery(r.q);
    const sort = r.sort ?? query.sort ?? (query.words.length ? 'relevance' : 'date');
    const status = this.index.status();
    const semantic = this.semantic?.status() ?? {
      state: 'failed' as const,
      docs: 0,
      pending: 0,
      reason: 'disabled',
    };
    const vectors =
      r.mode !== undefined && r.mode !== 'keyword' && !!this.semantic && semanticApplies(query, sort);
    let mode: SearchMode = vectors ? r.mode! : 'keyword';
    const empty = { query, sort, total: 0, totalExact: true, hits: [], index: status, mode, semantic };
    if (isEmptyQuery(query)) return empty;
    const want = Math.min(r.offset, MAX_OFFSET) + r.limit;
    const wide = query.phrases.length > 0 || sort === 'trending' || vectors;
    const found = searchSegments(this.index.views(), query, {
      k: vectors ? Math.max(want, FUSION_DEPTH) : wide ? Math.max(want, CANDIDATES) : want,
      sort: sort === 'date' ? 'date' : 'relevance',
      facets: r.facets ?? false,
    });
    let hits: { id: string; score: number }[] = found.hits;
    let total = found.total;
    let totalExact = true;
    const papers = new Map<string, Paper>();
    const ranked = vectors
      ? await this.rankWithVectors(r.mode as 'semantic' | 'hybrid', query, found.hits, want)
      : undefined;
    if (ranked) {
      // Every paper has a vector, so "how many match" has no sharp answer: count what was ranked.
      // Hybrid adds papers without any query word (near in meaning) to those with one: the total is then an
      // estimate. Semantic search ranks every paper, so its total is how deep it ranked.
      const added = ranked.length - found.hits.length;
      totalExact = mode === 'hybrid' && added === 0 && totalExact;
      total = mode === 'semantic' ? ranked.length : total + added;
      hits = ranked;
    } else {
      mode = 'keyword';
    }
    if (query.phrases.length) {
      ({ hits, total, totalExact } = await this.confirmPhrases(query, found.hits, found.total, want, papers));
    }
    if (sort === 'trending' && r.trendingIds) {
      const rank = new Map((await r.trendingIds()).map((id, i) => [id, i]));
      // Papers that are not trending at all follow, in keyword order.
      hits = hits
        .map((h, i) => ({ h, key: rank.get(h.id) ?? rank.size + i }))
        .sort((a, b) => a.key - b.key)
        .map((x) => x.h);
    }
    const page = hits.slice(Math.min(r.offset, MAX_OFFSET), want);
    const missing = page.filter((h) => !papers.has(h.id)).map((h) => h.id);
    for (const p of await this.o.store.papersByIds(missing)) papers.set(p.id, p);
    const terms = termSet(query.words);
    const out = page.flatMap((h) => {
      const paper = papers.get(h.id);
      if (!paper) return [];
      return [
        {
          paper,
          score: h.score,
          title: highlightAll(paper.title, terms),
          snippet: snippet(paper.abstract, terms),
        },
      ];
    });
    return { ...empty, mode, total, totalExact, hits: out, facets: found.facets };
  }

  /**
   * The vector ranking, or undefined (keyword answers) when the query cannot be embedded: no model yet, or an
   * external embedding provider failing or slow. A search never fails because of the provider.
   */
  private async rankWithVectors(
    mode: 'semantic' | 'hybrid',
    query: ParsedQuery,
    keyword: EngineHit[],
    want: number,
  ) {
    try {
      // An external provider gets a short leash per query: a slow one must not hold a search for long.
      const signal = AbortSignal.timeout(QUERY_EMBED_TIMEOUT_MS);
      return await rankWithVectors(this.semantic!, mode, query, keyword, want, signal);
    } catch (e) {
      this.o.log.warn({ err: e }, 'query embedding failed; answering with keyword search');
      return undefined;
    }
  }

  /** Keeps the candidates whose text holds every phrase, reading papers in batches until the page is full. */
  private async confirmPhrases(
    query: ParsedQuery,
    candidates: EngineHit[],
    matched: number,
    want: number,
    papers: Map<string, Paper>,
  ) {
    const kept: EngineHit[] = [];
    let checked = 0;
    for (let i = 0; i < candidates.length; i += 200) {
      const batch = candidates.slice(i, i + 200);
      const byId = new Map((await this.o.store.papersByIds(batch.map((h) => h.id))).map((p) => [p.id, p]));
      for (const h of batch) {
        const p = byId.get(h.id);
        if (p && hasPhrases(p, query.phrases)) {
          kept.push(h);
          papers.set(p.id, p);
        }
      }
      checked += batch.length;
      if (kept.length >= want && checked < candidates.length) break;
    }
    // Every candidate checked: the count is exact. Otherwise extrapolate from the share that held the phrase.
    const exact = checked >= matched;
    const total = exact ? kept.length : Math.max(kept.length, Math.round((kept.length / checked) * matched));
    return { hits: kept, total, totalExact: exact };
  }
}
