// The CLI as users run it: `serve` (demo import on first start, config errors) and `import` (exit codes, messages).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeDir, root, runCli, startServer, tempDir, type RunningServer } from '../helpers/server.js';

interface Health {
  status: string;
  papers: number;
  demo: boolean;
}

async function health(url: string): Promise<Health> {
  const res = await fetch(`${url}/healthz`);
  expect(res.status).toBe(200);
  return (await res.json()) as Health;
}

async function homePage(url: string): Promise<string> {
  const res = await fetch(`${url}/`);
  expect(res.status).toBe(200);
  return res.text();
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('serve on an empty data dir', () => {
  let dir: string;
  let first: RunningServer;

  beforeAll(async () => {
    dir = tempDir();
    first = await startServer({ dataDir: dir });
  });
  afterAll(async () => {
    await first?.stop();
    removeDir(dir);
  });

  test('imports the demo corpus and serves it', async () => {
    const h = await health(first.url);
    expect(h).toMatchObject({ status: 'ok', demo: true });
    expect(h.papers).toBeGreaterThan(2000);
    expect(first.logs()).toMatch(/importing the demo data/);
    expect(first.logs()).toMatch(/demo data imported: \d+ papers/);
    const html = await homePage(first.url);
    expect(count(html, '<article class="paper"')).toBeGreaterThanOrEqual(20);
    expect(html).toMatch(/<footer[\s\S]*showing demo data[\s\S]*<\/footer>/);
  });

  test('a second start on the filled dir does not import again', async () => {
    const before = (await health(first.url)).papers;
    expect(await first.stop()).toBe(0);
    const second = await startServer({ dataDir: dir });
    try {
      expect(second.logs()).not.toMatch(/import/i);
      const h = await health(second.url);
      expect(h.papers).toBe(before);
      expect(h.demo).toBe(true);
    } finally {
      await second.stop();
    }
  });
});

test('serve --no-demo on an empty dir serves an empty list with a hint to import', async () => {
  const server = await startServer({ args: ['--no-demo'] });
  try {
    expect(await health(server.url)).toMatchObject({ papers: 0, demo: false });
    expect(server.logs()).not.toMatch(/import/i);
    const html = await homePage(server.url);
    expect(count(html, '<article class="paper"')).toBe(0);
    expect(html).toContain('No papers yet');
    expect(html).toContain('npx paperpulse import');
    expect(html).not.toContain('showing demo data');
  } finally {
    await server.stop();
  }
});

test('serve with PORT=notaport exits 78 and names PORT', async () => {
  const dir = tempDir();
  try {
    const r = await runCli(['serve'], { PORT: 'notaport', DATA_DIR: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/\bPORT\b/);
  } finally {
    removeDir(dir);
  }
});

describe('import', () => {
  const fixture = (name: string) => path.join(root, 'test/fixtures', name);
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => removeDir(dir));

  test('bad lines: exit 65, each rejected line listed as file:line: rejected: reason', async () => {
    const file = fixture('bad/mixed-bad.jsonl');
    const r = await runCli(['import', file], { DATA_DIR: dir });
    expect(r.code).toBe(65);
    const rejected = r.stderr.split('\n').filter((l) => l.includes(': rejected: '));
    expect(rejected.map((l) => l.slice(0, l.indexOf(': rejected: ')))).toEqual(
      [3, 5, 9, 11].map((n) => `${file}:${n}`),
    );
    for (const line of rejected) expect(line).toMatch(/: rejected: \S/);
    expect(r.stderr).toMatch(/:5: rejected: .*title/);
    expect(r.stderr).toMatch(/:9: rejected: .*arXiv id/);
    expect(r.stdout).toMatch(/10 new/);
    expect(r.stdout).toMatch(/4 rejected/);
  });

  test('a missing file: exit 66, named on stderr', async () => {
    const missing = path.join(dir, 'no-such-file.jsonl');
    const r = await runCli(['import', missing], { DATA_DIR: dir });
    expect(r.code).toBe(66);
    expect(r.stderr).toContain(missing);
  });

  test('re-running an import prints "nothing changed"', async () => {
    const file = fixture('arxiv-corpus-sample.jsonl.gz');
    const once = await runCli(['import', file], { DATA_DIR: dir });
    expect(once.code).toBe(0);
    expect(once.stdout).toMatch(/50 new/);
    const again = await runCli(['import', file], { DATA_DIR: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/nothing changed/);
  });

  test.each([
    { command: 'serve', options: ['--port', '--data-dir', '--no-demo'] },
    { command: 'import', options: ['--format', '--batch-size', '--data-dir', 'Exit codes'] },
    { command: 'db migrate', options: ['--data-dir'] },
    { command: 'worker', options: ['--no-schedule', '--lease', '--poll', 'Schedules'] },
  ])('$command --help exits 0 and lists its options', async ({ command, options }) => {
    const r = await runCli([...command.split(' '), '--help']);
    expect(r.code).toBe(0);
    for (const option of options) expect(r.stdout).toContain(option);
  });
});
