// arxiv-rss: the daily announcement feed for some categories (https://rss.arxiv.org/rss/cs.LG+cs.CV), the default
// daily path. Empty feeds on weekends and holidays are normal. The checkpoint records the last announcement read.
import { UserError } from '../../errors.js';
import { expectOk } from '../http.js';
import { idMonth, parseListingFeed } from './listing-feed.js';
import type { Source, SourceContext, SourcePage } from './source.js';

export const DEFAULT_RSS_BASE = 'https://rss.arxiv.org';
export const DEFAULT_CATEGORIES = ['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG'];

/** The meta key of the checkpoint for one set of categories. */
export const rssCheckpointKey = (cats: string[]) => `ingest:arxiv-rss:${[...cats].sort().join('+')}`;

async function* pages(ctx: SourceContext): AsyncGenerator<SourcePage> {
  const { options } = ctx;
  if (options.from || options.until) {
    throw new UserError(
      'arxiv-rss reads only the latest announcement; use arxiv-api or arxiv-oai for a date range',
      'usage',
    );
  }
  const cats = options.categories.length ? options.categories : DEFAULT_CATEGORIES;
  const base = (options.baseUrl ?? DEFAULT_RSS_BASE).replace(/\/$/, '');
  const url = `${base}/rss/${cats.join('+')}`;
  const res = expectOk(await ctx.http.get(url, { signal: ctx.signal }), 'arXiv RSS feed');
  const feed = parseListingFeed(res.text(), `the feed ${url}`);
  if (feed.items.length === 0 && feed.rejected.length === 0) {
    ctx.note(
      `The feed for ${cats.join(', ')} is empty${feed.announced ? ` (${feed.announced})` : ''}: ` +
        'arXiv announces nothing on weekends and holidays. Nothing to do.',
    );
  }
  // A replacement of a paper we do not have yet still needs a plausible first-seen day: the month of its id
  // ("at least this old") keeps an old paper out of today's list. Stored papers keep their own day.
  const replaced = feed.items.filter((i) => i.record.paper.firstSeen === null).map((i) => i.record.paper.id);
  const known = new Set((await ctx.store.papersByIds(replaced)).map((p) => p.id));
  for (const { record } of feed.items) {
    const p = record.paper;
    if (p.firstSeen === null && !known.has(p.id)) p.firstSeen = idMonth(p.id) ?? null;
  }
  const counts = Object.fromEntries(
    ['new', 'cross', 'replace', 'replace-cross'].map((t) => [
      t,
      feed.items.filter((i) => i.announceType === t).length,
    ]),
  );
  yield {
    label: `the ${feed.announced ?? 'latest'} announcement of ${cats.join('+')}`,
    records: feed.items.map((i) => i.record),
    rejected: feed.rejected,
    checkpoints: [
      [
        rssCheckpointKey(cats),
        JSON.stringify({
          announced: feed.announced ?? null,
          items: feed.items.length,
          ...counts,
          readAt: ctx.now().toISOString(),
        }),
      ],
    ],
    expectedPages: 1,
  };
}

export const arxivRss: Source = { name: 'arxiv-rss', pages };
