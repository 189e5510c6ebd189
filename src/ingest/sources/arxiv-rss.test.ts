import { describe, expect, it } from 'vitest';
import { file, ingestFrom, useStoreAndServer } from '../../../test/helpers/http-fixtures.js';
import { arxivRss, rssCheckpointKey } from './arxiv-rss.js';
import { IngestError } from './run.js';

const env = useStoreAndServer();

const feed = 'sources/arxiv-rss/cs.CL+cs.CV.rss.xml';

describe('arxiv-rss source', () => {
  it('imports an announcement, records the checkpoint, and a re-run changes nothing', async () => {
    env.server.route('/rss/cs.CL+cs.CV', file(feed, 'application/rss+xml'));
    const opts = { baseUrl: env.server.url, categories: ['cs.CL', 'cs.CV'] };
    const first = await ingestFrom(env.db.store, arxivRss, opts);
    expect(first.summary).toMatchObject({ pages: 1, records: 8, inserted: 8, rejected: 1, updated: 0 });
    expect(await env.db.store.paperCount()).toBe(8);
    const mineru = await env.db.store.paperById('2509.22186');
    expect(mineru).toMatchObject({ source: 'arxiv-rss', firstSeen: '2025-09-29', primaryCategory: 'cs.CV' });
    // A replacement of a paper we did not have gets the month of its id, not the announcement day.
    expect((await env.db.store.paperById('2508.00719'))?.firstSeen).toBe('2025-08-01');
    const cp = JSON.parse((await env.db.store.getMeta(rssCheckpointKey(['cs.CV', 'cs.CL'])))!);
    expect(cp).toMatchObject({
      announced: '2025-09-29',
      items: 8,
      new: 5,
      cross: 1,
      replace: 1,
      'replace-cross': 1,
    });

    const again = await ingestFrom(env.db.store, arxivRss, opts);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 8 });
    expect(await env.db.store.paperCount()).toBe(8);
  });

  it('keeps the first-seen day of a stored paper when a replacement is announced', async () => {
    env.server.route('/rss/cs.CL+cs.CV', file(feed));
    await env.db.store.importBatch({
      papers: [
        {
          id: '2508.00719',
          version: 1,
          title: 'DAMR',
          abstract: 'Older text.',
          authors: [],
          categories: ['cs.CL'],
          primaryCategory: 'cs.CL',
          published: '2025-08-01T15:38:21.000Z',
          updated: null,
          comment: null,
          doi: null,
          journalRef: null,
          codeUrls: [],
          source: 'arxiv-api',
          firstSeen: '2025-08-04',
        },
      ],
      signals: [],
    });
    await ingestFrom(env.db.store, arxivRss, { baseUrl: env.server.url, categories: ['cs.CL', 'cs.CV'] });
    const p = await env.db.store.paperById('2508.00719');
    expect(p).toMatchObject({ version: 2, firstSeen: '2025-08-04', published: '2025-08-01T15:38:21.000Z' });
    expect(p!.abstract).not.toBe('Older text.');
  });

  it('treats an empty weekend feed as normal: no error, a note, nothing stored', async () => {
    env.server.route('/rss/cs.LG', file('sources/arxiv-rss/empty-2025-09-27.rss.xml'));
    const { summary, notes } = await ingestFrom(env.db.store, arxivRss, {
      baseUrl: env.server.url,
      categories: ['cs.LG'],
    });
    expect(summary).toMatchObject({ pages: 1, records: 0, inserted: 0 });
    expect(notes.join('\n')).toMatch(/empty \(2025-09-27\): arXiv announces nothing on weekends/);
  });

  it('retries a 500 and a 503 with Retry-After, then imports', async () => {
    env.server.route('/rss/cs.CL+cs.CV', [
      { status: 500 },
      { status: 503, headers: { 'retry-after': '1' } },
      file(feed),
    ]);
    const { summary } = await ingestFrom(env.db.store, arxivRss, {
      baseUrl: env.server.url,
      categories: ['cs.CL', 'cs.CV'],
    });
    expect(summary.inserted).toBe(8);
    expect(env.server.requests).toHaveLength(3);
  });

  it.each([
    ['a truncated feed', file('sources/arxiv-rss/truncated.rss.xml'), /malformed or truncated XML/],
    [
      'an HTML error page',
      { body: '<!DOCTYPE html><html><body>Service Unavailable</body></html>' },
      /HTML page, not XML/,
    ],
    ['a 404', { status: 404, body: 'Not Found' }, /answered HTTP 404 \(check --base-url/],
  ])('stops on %s with a precise message and saves nothing', async (_what, reply, message) => {
    env.server.route('/rss/cs.CL+cs.CV', reply);
    const err = await ingestFrom(env.db.store, arxivRss, {
      baseUrl: env.server.url,
      categories: ['cs.CL', 'cs.CV'],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/Nothing was saved from this run; run the same command again/);
    expect(await env.db.store.paperCount()).toBe(0);
    expect(await env.db.store.getMeta(rssCheckpointKey(['cs.CL', 'cs.CV']))).toBeUndefined();
  });

  it('refuses a date range with a usage error pointing at the right source', async () => {
    const err = await ingestFrom(env.db.store, arxivRss, {
      baseUrl: env.server.url,
      from: '2025-09-01',
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/use arxiv-api or arxiv-oai for a date range/);
  });
});
