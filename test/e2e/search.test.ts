// Search as users run it: `index rebuild` from the CLI, and `serve` keeping the index in sync while imports land.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeDir, runCli, startServer, tempDir, type RunningServer } from '../helpers/server.js';
import { fixturePath } from '../helpers/fixtures.js';

interface SearchBody {
  total: number;
  index: { state: string };
  results: { id: string }[];
}

const search = async (url: string, q: string) =>
  (await (await fetch(`${url}/api/search?q=${encodeURIComponent(q)}`)).json()) as SearchBody;

describe('search end to end', () => {
  let dir: string;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    dir = tempDir();
    const imported = await runCli(['import', '--data-dir', dir, fixturePath('arxiv-corpus-sample.jsonl')]);
    expect(imported.code).toBe(0);
  });
  afterAll(async () => {
    await server?.stop();
    removeDir(dir);
  });

  test('index rebuild writes an index and reports what it indexed', async () => {
    const r = await runCli(['index', 'rebuild', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Indexed 50 papers \([\d,]+ terms, [\d.]+ MB\) up to change \d+/);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'index/manifest.json'), 'utf8')) as {
      docCount: number;
    };
    expect(manifest.docCount).toBe(50);
    expect(r.stdout).toMatch(/Trained semantic model lsa-[0-9a-f]{16} on 50 papers/);
    const semantic = JSON.parse(fs.readFileSync(path.join(dir, 'index/semantic.json'), 'utf8')) as {
      docCount: number;
    };
    expect(semantic.docCount).toBe(50);
  });

  test('serve answers from the index and makes newly imported papers searchable within seconds', async () => {
    server = await startServer({ dataDir: dir, args: ['--no-demo'] });
    expect((await search(server.url, 'the')).index.state).toBe('ready');
    // A 2007 physics paper from the Kaggle sample: nothing in the corpus sample mentions diphotons.
    expect((await search(server.url, 'diphoton')).total).toBe(0);
    const imported = await runCli(['import', '--data-dir', dir, fixturePath('kaggle-sample.jsonl')]);
    expect(imported.code).toBe(0);
    const deadline = Date.now() + 10_000;
    let found: SearchBody;
    do {
      await new Promise((r) => setTimeout(r, 200));
      found = await search(server.url, 'diphoton');
    } while (found.total === 0 && Date.now() < deadline);
    expect(
      found.results.map((r) => r.id),
      server.logs(),
    ).toContain('0704.0001');
    expect(await server.stop()).toBe(0);
    server = undefined;
  });
});
