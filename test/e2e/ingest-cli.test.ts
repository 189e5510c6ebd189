// `paperpulse ingest SOURCE` as users run it (the built CLI against a local fixture server): summary, exit codes,
// resumable failures and per-source help.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { file, startFixtureServer, type FixtureServer } from '../helpers/http-fixtures.js';
import { removeDir, runCli, tempDir } from '../helpers/server.js';

describe('paperpulse ingest', () => {
  let server: FixtureServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFixtureServer({
      '/rss/cs.CL+cs.CV': file('sources/arxiv-rss/cs.CL+cs.CV.rss.xml', 'application/rss+xml'),
      '/rss/cs.LG': file('sources/arxiv-rss/empty-2025-09-27.rss.xml'),
      '/rss/cs.RO': { status: 503, body: 'down' },
      '/api/daily_papers': { status: 429, headers: { 'retry-after': '86400' }, body: 'slow down' },
    });
    dir = tempDir();
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });
  const ingest = (...args: string[]) =>
    runCli(['ingest', ...args, '--base-url', server.url, '--data-dir', dir, '--interval', '0']);

  test('imports a feed, lists the rejected item and exits 65; a re-run reports nothing changed', async () => {
    const first = await ingest('arxiv-rss', '--category', 'cs.CL', 'cs.CV');
    expect(first.stdout).toMatch(
      /^arxiv-rss: read 8 records from 1 page in [\d.]+ s: 8 new, 0 updated, 0 unchanged, 1 rejected; 0 signal observations added\.\n$/,
    );
    expect(first.stderr).toMatch(
      /the feed .*cs\.CL\+cs\.CV item 9 \(oai:arXiv.org:2509.21386v1\): rejected: missing title/,
    );
    expect(first.code).toBe(65);
    const again = await ingest('arxiv-rss', '-c', 'cs.CL,cs.CV');
    expect(again.stdout).toMatch(/nothing changed — 8 papers were already up to date, 1 rejected\./);
  });

  test('an empty weekend feed exits 0 and says why it is empty', async () => {
    const r = await ingest('arxiv-rss', '--category', 'cs.LG');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/arXiv announces nothing on weekends and holidays/);
  });

  test('a server that keeps failing exits 1 with what failed and what to do', async () => {
    const r = await ingest('arxiv-rss', '--category', 'cs.RO', '--retries', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /arxiv-rss stopped: GET .*\/rss\/cs.RO failed after 2 attempts \(last: HTTP 503\).*run the same command again to resume/,
    );
  });

  test('a server asking to come back tomorrow exits 75', async () => {
    const r = await ingest('hf-daily', '--from', '2025-09-17', '--until', '2025-09-17');
    expect(r.code).toBe(75);
    expect(r.stderr).toMatch(/HTTP 429, and the server asks to wait until/);
  });

  test('wrong usage exits 64 with the reason', async () => {
    const bad = await ingest('arxiv-api', '--from', '2025-13-01');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/--from must be a day written YYYY-MM-DD, not "2025-13-01"/);
    const first = await ingest('arxiv-oai');
    expect(first.code).toBe(64);
    expect(first.stderr).toMatch(/no checkpoint for set cs yet: pass --from/);
  });

  test('each source has its own --help', async () => {
    const r = await runCli(['ingest', 'github-stars', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--limit <n>/);
    expect(r.stdout).toMatch(/GITHUB_TOKEN/);
    const list = await runCli(['ingest', '--help']);
    for (const s of ['arxiv-rss', 'arxiv-api', 'arxiv-oai', 'hf-daily', 'github-stars', 'pwc-links'])
      expect(list.stdout).toContain(s);
  });
});
