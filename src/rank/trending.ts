// The trending list: candidates from the store, scored by the pure formula, cached until data changes.
import type { Paper, SignalValues } from '../model/paper.js';
import type { Store } from '../store/store.js';
import { DataStateCache } from '../store/data-state.js';
import { trendingScore, type Score } from './score.js';
import { resolveWindow, type View, type Window } from './window.js';

export interface TrendingQuery {
  view: View;
  category?: string;
  limit: number;
  offset: number;
  now?: Date;
}

export interface TrendingEntry {
  rank: number;
  paper: Paper;
  signals: SignalValues;
  score: Score;
}

export interface TrendingList {
  window: Window | undefined;
  total: number;
  entries: TrendingEntry[];
}

// In the open-ended view, this many of the newest papers compete even before anyone reacts to them.
const NEWEST_WITHOUT_SIGNALS = 500;

interface Ranked {
  id: string;
  signals: SignalValues;
  score: Score;
}

/** Ranks papers for one view; keeps the last few rankings in memory, keyed by the store's change cursor. */
export class Trending {
  private cache = new Map<string, Ranked[]>();

  constructor(
    private readonly store: Store,
    // By default every call sees the latest data; the web app passes a cache shared by its requests.
    private readonly state = new DataStateCache(store, 0),
  ) {}

  /** One page of the trending list for `q`. */
  async list(q: TrendingQuery): Promise<TrendingList> {
    const latest = (await this.state.get()).latestDay;
    if (!latest) return { window: undefined, total: 0, entries: [] };
    const window = resolveWindow(q.view, q.now ?? new Date(), latest);
    const ranked = await this.ranked(window, q.category);
    const page = ranked.slice(q.offset, q.offset + q.limit);
    const papers = await this.store.papersByIds(page.map((r) => r.id));
    const byId = new Map(papers.map((p) => [p.id, p]));
    const entries = page.flatMap((r, i) => {
      const paper = byId.get(r.id);
      return paper ? [{ rank: q.offset + i + 1, paper, signals: r.signals, score: r.score }] : [];
    });
    return { window, total: ranked.length, entries };
  }

  /** Every ranked paper id of a view, best first (cached like list(); search orders by it). */
  async rankedIds(view: View = 'trending', now = new Date()): Promise<string[]> {
    const latest = (await this.state.get()).latestDay;
    if (!latest) return [];
    return (await this.ranked(resolveWindow(view, now, latest), undefined)).map((r) => r.id);
  }

  /** The signals, score and reasons of one paper in the open-ended trending view. */
  async forPaper(
    paper: Paper,
    now = new Date(),
  ): Promise<{ signals: SignalValues; score: Score; window: Window }> {
    const latest = (await this.state.get()).latestDay ?? paper.firstSeen;
    const window = resolveWindow('trending', now, latest);
    const signals = await this.store.signalsForPaper(paper.id, window.asOf);
    const ageHours = (Date.parse(window.asOf) - Date.parse(`${paper.firstSeen}T00:00:00Z`)) / 3_600_000;
    return { signals, score: trendingScore(signals, ageHours), window };
  }

  private async ranked(window: Window, category: string | undefined): Promise<Ranked[]> {
    const { seq } = await this.state.get();
    const key = [window.view, window.from, window.to, window.asOf, category ?? '', seq].join('|');
    const hit = this.cache.get(key);
    if (hit) return hit;
    const candidates = await this.store.trendingCandidates({
      ...(window.from ? { from: window.from } : {}),
      to: window.to,
      asOf: window.asOf,
      ...(category ? { category } : {}),
      newest: NEWEST_WITHOUT_SIGNALS,
    });
    const asOf = Date.parse(window.asOf);
    const ranked = candidates
      .map((c) => {
        const listed = Date.parse(`${c.firstSeen}T00:00:00Z`);
        const score = trendingScore(c.signals, (asOf - listed) / 3_600_000, window.view !== 'all');
        return { id: c.id, signals: c.signals, score, firstSeen: c.firstSeen };
      })
      // Ties (common among papers without signals) go to the newer paper, then by id for a stable order.
      .sort(
        (a, b) =>
          b.score.score - a.score.score || b.firstSeen.localeCompare(a.firstSeen) || a.id.localeCompare(b.id),
      )
      .map(({ id, signals, score }) => ({ id, signals, score }));
    if (this.cache.size >= 32) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, ranked);
    return ranked;
  }
}
