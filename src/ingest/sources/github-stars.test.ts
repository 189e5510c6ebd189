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
import { githubStars, pollIntervalHours, repoKey, type RepoState } from './github-stars.js';
import { hfDaily } from './hf-daily.js';

const json = 'application/json; charset=utf-8';
const fixtures: Record<string, string> = {
  'Alibaba-NLP/DeepResearch': 'sources/github-stars/alibaba-nlp-deepresearch.json',
  'DearCaat/MHIM-MIL': 'sources/github-stars/dearcaat-mhim-mil.json',
};

describe('pollIntervalHours', () => {
  it.each([
    [undefined, 10, false, 24, 12],
    [100, 130, false, 24, 6],
    [6886, 7100, false, 24, 6],
    [6886, 7012, false, 24, 24],
    [6886, 7012, false, 6, 6],
    [100, 112, false, 72, 24],
    [82, 82, false, 72, 72],
    [82, 80, false, 24, 72],
    [undefined, undefined, true, 24, 336],
  ])('%s -> %s stars (gone: %s) in %s h: next in %s h', (prev, now, gone, elapsed, hours) =>
    expect(pollIntervalHours(prev, now, gone, elapsed)).toBe(hours),
  );
});

/** GitHub's GET /repos/{owner}/{repo}: fixture bodies with an ETag, 304 when it matches, rate-limit headers. */
function github(
  opts: {
    stars?: Record<string, number>;
    remaining?: (n: number) => number;
    special?: (req: Recorded) => Reply | undefined;
  } = {},
) {
  let n = 0;
  return (req: Recorded): Reply => {
    n++;
    const special = opts.special?.(req);
    if (special) return special;
    const repo = req.path.replace(/^\/repos\//, '');
    const limits = {
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': String(opts.remaining?.(n) ?? 60 - n),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
    };
    const path = fixtures[repo];
    const base = path
      ? (JSON.parse(fs.readFileSync(fixturePath(path), 'utf8')) as Record<string, unknown>)
      : { full_name: repo, stargazers_count: 1, private: false };
    const stars = opts.stars?.[repo] ?? (base.stargazers_count as number);
    const etag = `W/"${repo}-${stars}"`;
    if (req.headers['if-none-match'] === etag) return { status: 304, headers: { etag, ...limits } };
    return {
      body: JSON.stringify({ ...base, stargazers_count: stars }),
      headers: { 'content-type': json, etag, ...limits },
    };
  };
}

describe('github-stars source', () => {
  let db: TempStore;
  let server: FixtureServer;
  beforeEach(async () => {
    db = await tempStore();
    server = await startFixtureServer({
      '/api/daily_papers': file('sources/hf-daily/2025-09-17.json', json),
    });
    // Papers linking repositories, from a real Hugging Face day.
    await ingestFrom(db.store, hfDaily, {
      baseUrl: server.url,
      from: '2025-09-17',
      until: '2025-09-17',
      now: '2025-09-17T08:00:00Z',
    });
    server.requests.length = 0;
  });
  afterEach(async () => {
    await server.close();
    await db.cleanup();
  });
  const repoCalls = () => server.requests.filter((r) => r.path.startsWith('/repos/'));
  const state = async (repo: string) => JSON.parse((await db.store.getMeta(repoKey(repo)))!) as RepoState;

  it('polls each linked repository once and records stars for every paper linking it', async () => {
    server.route('/repos/*', github({ stars: { 'Alibaba-NLP/DeepResearch': 7012 } }));
    const { summary } = await ingestFrom(db.store, githubStars, {
      baseUrl: server.url,
      token: 'ghp_test',
      now: '2025-09-18T09:30:00Z',
    });
    const calls = repoCalls();
    expect(new Set(calls.map((r) => r.path)).size).toBe(calls.length);
    expect(calls.some((r) => r.path === '/repos/Alibaba-NLP/DeepResearch')).toBe(true);
    expect(calls[0]!.headers).toMatchObject({
      authorization: 'Bearer ghp_test',
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    });
    for (const id of ['2509.13312', '2509.13310', '2509.13305', '2509.13313']) {
      expect((await db.store.signalsForPaper(id, '2025-09-18T09:59:00Z')).github_stars).toBe(7012);
    }
    expect(summary.signals).toBeGreaterThanOrEqual(4);
    const s = await state('Alibaba-NLP/DeepResearch');
    expect(s).toMatchObject({
      stars: 7012,
      etag: 'W/"Alibaba-NLP/DeepResearch-7012"',
      polledAt: '2025-09-18T09:30:00.000Z',
    });
    // First poll: again in 12 h (stretched by at most 10 %).
    const hours = (Date.parse(s.nextAt) - Date.parse(s.polledAt)) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(12);
    expect(hours).toBeLessThanOrEqual(13.2);
  });

  it('sends the ETag back, records the unchanged count on 304, and polls cold repositories less often', async () => {
    server.route('/repos/*', github());
    await ingestFrom(db.store, githubStars, { baseUrl: server.url, now: '2025-09-18T09:30:00Z' });
    const first = repoCalls().length;
    // Nothing is due an hour later.
    const idle = await ingestFrom(db.store, githubStars, {
      baseUrl: server.url,
      now: '2025-09-18T10:30:00Z',
    });
    expect(repoCalls()).toHaveLength(first);
    expect(idle.summary.signals).toBe(0);
    // A day later everything is due; unchanged repositories answer 304.
    const { summary } = await ingestFrom(db.store, githubStars, {
      baseUrl: server.url,
      now: '2025-09-19T10:30:00Z',
    });
    const second = repoCalls().slice(first);
    expect(second).toHaveLength(first);
    expect(second.every((r) => typeof r.headers['if-none-match'] === 'string')).toBe(true);
    expect(summary.signals).toBeGreaterThan(0);
    expect((await db.store.signalsForPaper('2509.11526', '2025-09-19T10:59:00Z')).github_stars).toBe(82);
    const s = await state('DearCaat/MHIM-MIL');
    expect((Date.parse(s.nextAt) - Date.parse(s.polledAt)) / 3_600_000).toBeGreaterThanOrEqual(72);
  });

  it('marks a missing repository as gone for 14 days without failing the run', async () => {
    server.route(
      '/repos/*',
      github({
        special: (req) =>
          req.path === '/repos/csguoh/OBR' ? { status: 404, body: '{"message":"Not Found"}' } : undefined,
      }),
    );
    const { notes } = await ingestFrom(db.store, githubStars, {
      baseUrl: server.url,
      now: '2025-09-18T09:30:00Z',
    });
    expect(notes).toContain(
      'github.com/csguoh/OBR: HTTP 404 (deleted, private or blocked); next try in 14 days',
    );
    const s = await state('csguoh/OBR');
    expect(s.gone).toBe(true);
    expect((Date.parse(s.nextAt) - Date.parse(s.polledAt)) / 86_400_000).toBeGreaterThanOrEqual(14);
  });

  it('stops gracefully when the hourly allowance is used up, leaving the rest due', async () => {
    server.route('/repos/*', github({ remaining: (n) => (n >= 2 ? 0 : 5) }));
    const { notes } = await ingestFrom(db.store, githubStars, {
      baseUrl: server.url,
      now: '2025-09-18T09:30:00Z',
    });
    expect(repoCalls()).toHaveLength(2);
    expect(notes.join('\n')).toMatch(/rate limit is used up until .*set GITHUB_TOKEN/);
    const polled = [];
    for (const r of [
      'Alibaba-NLP/DeepResearch',
      'DearCaat/MHIM-MIL',
      'yifanzhang-pro/quantum-lattice',
      'OpenDCAI/SciReasoner',
      'csguoh/OBR',
    ]) {
      if (await db.store.getMeta(repoKey(r))) polled.push(r);
    }
    expect(polled).toHaveLength(2);
  });

  it('fails with exit-worthy detail when GitHub asks to wait longer than we will (403 rate limit)', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 7200);
    server.route('/repos/*', {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: '{"message":"API rate limit exceeded"}',
    });
    const err = await ingestFrom(db.store, githubStars, { baseUrl: server.url }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /github-stars stopped: GET .* HTTP 403, and the server asks to wait until .*Nothing was saved from this run; run the same command again after \d{4}-.*Z to resume\.$/,
    );
    expect(((err as Error).cause as { retryAt?: Date }).retryAt).toBeInstanceOf(Date);
  });

  it('says what to do when the token is refused', async () => {
    server.route('/repos/*', { status: 401, body: '{"message":"Bad credentials"}' });
    const err = await ingestFrom(db.store, githubStars, { baseUrl: server.url, token: 'wrong' }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/check GITHUB_TOKEN or unset it/);
  });

  it('polls at most --limit repositories', async () => {
    server.route('/repos/*', github());
    await ingestFrom(db.store, githubStars, { baseUrl: server.url, limit: 2 });
    expect(repoCalls()).toHaveLength(2);
  });
});
