import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/helpers/fixtures.js';
import {
  file,
  ingestFrom,
  startFixtureServer,
  type FixtureServer,
  type Recorded,
  type Reply,
} from '../../../test/helpers/http-fixtures.js';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { arxivRss } from './arxiv-rss.js';
import { PWC_CHECKPOINT, pwcLinks } from './pwc-links.js';

const dump = 'sources/pwc-links/links-between-papers-and-code.json.gz';
const path = '/links-between-papers-and-code.json.gz';
const etag = '"pwc-2025-09-30"';

/** Serves the dump with an ETag, answering 304 to a matching If-None-Match. */
const withEtag =
  (reply: Reply) =>
  (req: Recorded): Reply =>
    req.headers['if-none-match'] === etag
      ? { status: 304, headers: { etag } }
      : { ...reply, headers: { ...reply.headers, etag } };

describe('pwc-links source', () => {
  let db: TempStore;
  let server: FixtureServer;
  beforeEach(async () => {
    db = await tempStore();
    server = await startFixtureServer({ '/rss/cs.CL+cs.CV': file('sources/arxiv-rss/cs.CL+cs.CV.rss.xml') });
    await ingestFrom(db.store, arxivRss, { baseUrl: server.url, categories: ['cs.CL', 'cs.CV'] });
  });
  afterEach(async () => {
    await server.close();
    await db.cleanup();
  });

  it('adds official links to stored papers, skips the rest, and skips an unchanged dump next time', async () => {
    server.route(path, withEtag(file(dump, 'application/gzip')));
    const { summary } = await ingestFrom(db.store, pwcLinks, { baseUrl: server.url });
    // The RSS feed carries no comments, so neither paper had a link yet; ".git" is stripped.
    expect(summary).toMatchObject({ records: 2, updated: 2, unchanged: 0, skipped: 3, rejected: 0 });
    expect((await db.store.paperById('2509.22186'))?.codeUrls).toEqual([
      'https://github.com/opendatalab/MinerU',
    ]);
    const gui = await db.store.paperById('2509.21552');
    expect(gui).toMatchObject({
      codeUrls: ['https://github.com/example-lab/gui-grounding'],
      source: 'arxiv-rss',
    });
    // The unofficial reimplementation is not linked.
    expect((await db.store.paperById('2509.21749'))?.codeUrls).toEqual([]);
    expect(await db.store.paperById('2509.99999')).toBeUndefined();
    expect(JSON.parse((await db.store.getMeta(PWC_CHECKPOINT))!)).toMatchObject({
      etag,
      items: 5,
      linked: 2,
    });

    const { summary: again, notes } = await ingestFrom(db.store, pwcLinks, { baseUrl: server.url });
    expect(again.pages).toBe(0);
    expect(notes).toContain('The Papers with Code dump has not changed since the last run; nothing to do.');
  });

  it('reads the plain JSON dump too', async () => {
    server.route(path, file('sources/pwc-links/links-between-papers-and-code.json', 'application/json'));
    const { summary } = await ingestFrom(db.store, pwcLinks, { baseUrl: server.url });
    expect(summary.updated).toBe(2);
  });

  it.each([
    [
      'truncated gzip',
      { body: fs.readFileSync(fixturePath(dump)).subarray(0, 300) },
      /corrupt or truncated gzip/,
    ],
    [
      'truncated JSON',
      { body: '[{"paper_arxiv_id": "2509.21552", "repo_' },
      /not valid JSON \(truncated\?\)/,
    ],
    ['a JSON object', { body: '{"message": "moved"}' }, /JSON but not an array of links/],
  ])('stops on %s without saving the ETag', async (_what, reply, message) => {
    server.route(path, withEtag(reply));
    const err = await ingestFrom(db.store, pwcLinks, { baseUrl: server.url }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(message);
    expect(await db.store.getMeta(PWC_CHECKPOINT)).toBeUndefined();
  });
});
