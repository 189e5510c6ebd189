// arxiv-api: backfill by category and date range through the arXiv search API (export.arxiv.org/api/query).
// Politeness: pages of up to 2000, one request at a time, 3 s apart (the client's per-host interval).
// The API serves at most 30,000 results per query: a window with more is halved until it fits, so a large
// range is harvested as several smaller queries. The checkpoint (window, offset) lets a stopped run resume.
import { UserError } from '../../errors.js';
import { expectOk } from '../http.js';
import { parseApiPage } from './api-feed.js';
import { DEFAULT_CATEGORIES } from './arxiv-rss.js';
import { addDays, checkRange, dayOfDate } from './dates.js';
import type { Source, SourceContext, SourcePage } from './source.js';

export const DEFAULT_API_BASE = 'https://export.arxiv.org';

export interface ArxivApiOptions {
  /** Results per request (the API allows up to 2000). */
  pageSize?: number;
  /** Results the API serves for one query (30,000); a window with more is split. */
  ceiling?: number;
  /** Times an empty page is re-requested before giving up (the API sometimes answers an empty page). */
  emptyPageRetries?: number;
}

/** Saved per category under `ingest:arxiv-api:<category>`. Times are whole minutes since the epoch. */
interface ApiState {
  from: string;
  until: string;
  /** First minute of the window being read. */
  cursor: number;
  /** Last minute of that window (inclusive); the range end unless the window was split. */
  windowEnd: number;
  /** Results of the window already read. */
  offset: number;
  done: boolean;
}

export const apiCheckpointKey = (category: string) => `ingest:arxiv-api:${category}`;

const minuteOf = (day: string, end: boolean) => Date.parse(`${day}T${end ? '23:59' : '00:00'}:00Z`) / 60_000;
/** YYYYMMDDHHMM, the API's submittedDate syntax (GMT). */
const stamp = (minute: number) => new Date(minute * 60_000).toISOString().replace(/[-T:]/g, '').slice(0, 12);

async function startState(ctx: SourceContext, category: string): Promise<ApiState | undefined> {
  const { from, until } = ctx.options;
  const raw = await ctx.store.getMeta(apiCheckpointKey(category));
  const saved = raw ? (JSON.parse(raw) as ApiState) : undefined;
  const yesterday = addDays(dayOfDate(ctx.now()), -1);
  // Resume an unfinished run of the same range (or of any range when none is given).
  if (saved && !saved.done && (!from || from === saved.from) && (!until || until === saved.until))
    return saved;
  const start = from ?? (saved ? addDays(saved.until, 1) : undefined);
  if (!start) {
    throw new UserError(
      `arxiv-api has no checkpoint for ${category} yet: pass --from YYYY-MM-DD for the first backfill`,
      'usage',
    );
  }
  const end = until ?? yesterday;
  if (start > end) return undefined;
  return {
    from: start,
    until: end,
    cursor: minuteOf(start, false),
    windowEnd: minuteOf(end, true),
    offset: 0,
    done: false,
  };
}

/** Creates the arxiv-api source; options exist so tests can use small pages and a small ceiling. */
export function createArxivApi(opts: ArxivApiOptions = {}): Source {
  const pageSize = opts.pageSize ?? 2000;
  const ceiling = opts.ceiling ?? 30_000;
  const emptyRetries = opts.emptyPageRetries ?? 3;

  async function* category(ctx: SourceContext, cat: string): AsyncGenerator<SourcePage> {
    const state = await startState(ctx, cat);
    if (!state) {
      ctx.note(`${cat}: already up to date (nothing after the last backfilled day).`);
      return;
    }
    const base = (ctx.options.baseUrl ?? DEFAULT_API_BASE).replace(/\/$/, '');
    const rangeEnd = minuteOf(state.until, true);
    let empties = 0;
    while (state.cursor <= rangeEnd) {
      const window = `${stamp(state.cursor)} TO ${stamp(state.windowEnd)}`;
      const params = new URLSearchParams({
        search_query: `cat:${cat} AND submittedDate:[${window}]`,
        sortBy: 'submittedDate',
        sortOrder: 'ascending',
        start: String(state.offset),
        max_results: String(Math.min(pageSize, ceiling - state.offset)),
      });
      const url = `${base}/api/query?${params.toString()}`;
      const what = `the API page ${cat} [${window}] from ${state.offset}`;
      const res = await ctx.http.get(url, { signal: ctx.signal });
      // The API reports query errors as HTTP 400 with its error feed: let the parser turn that into a message.
      if (res.status !== 400) expectOk(res, 'arXiv API');
      const page = parseApiPage(res.text(), what);
      if (page.total > ceiling && state.offset === 0 && state.windowEnd > state.cursor) {
        // Too many for one query: halve the window and ask again (nothing from this answer is used).
        state.windowEnd = state.cursor + Math.floor((state.windowEnd - state.cursor) / 2);
        ctx.note(
          `${cat}: ${page.total} results in [${window}] exceed the API's ${ceiling}; splitting the window.`,
        );
        continue;
      }
      const available = Math.min(page.total, ceiling);
      if (page.total > ceiling && state.offset === 0) {
        ctx.note(
          `${cat}: one minute (${window}) holds ${page.total} results; only the first ${ceiling} can be read.`,
        );
      }
      if (page.entries === 0 && state.offset < available) {
        if (++empties > emptyRetries) {
          throw new UserError(
            `${what}: the API returned an empty page ${empties} times although ${page.total} results exist`,
            'failure',
          );
        }
        continue;
      }
      empties = 0;
      const offset = state.offset + page.entries;
      const windowDone = page.entries === 0 || offset >= available;
      if (windowDone) {
        state.cursor = state.windowEnd + 1;
        state.windowEnd = rangeEnd;
        state.offset = 0;
      } else state.offset = offset;
      state.done = state.cursor > rangeEnd;
      yield {
        label: what,
        records: page.records,
        rejected: page.rejected,
        checkpoints: [[apiCheckpointKey(cat), JSON.stringify(state)]],
      };
    }
  }

  return {
    name: 'arxiv-api',
    async *pages(ctx) {
      checkRange(ctx.options.from, ctx.options.until);
      const cats = ctx.options.categories.length ? ctx.options.categories : DEFAULT_CATEGORIES;
      for (const cat of cats) yield* category(ctx, cat);
    },
  };
}

export const arxivApi = createArxivApi();
