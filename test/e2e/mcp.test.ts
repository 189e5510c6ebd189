// The MCP server as an agent meets it: `paperpulse mcp` over stdio, driven by the SDK's own client.
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { removeDir, root, runCli, tempDir } from '../helpers/server.js';

let dataDir: string;
let client: Client;

beforeAll(async () => {
  dataDir = tempDir();
  const demo = ['arxiv-week-2025-09-26.jsonl.gz', 'seed-page.jsonl', 'hf-daily.jsonl'].map((f) =>
    path.join(root, 'demo', f),
  );
  const imported = await runCli(['import', '--data-dir', dataDir, ...demo]);
  expect(imported.code).toBe(0);
  // Build the search index first, as an operator would, so the search tools answer from the first call.
  const indexed = await runCli(['index', 'rebuild', '--data-dir', dataDir], {}, 300_000);
  expect(indexed.code, indexed.stderr).toBe(0);
  client = new Client({ name: 'paperpulse-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [path.join(root, 'bin/paperpulse.js'), 'mcp', '--data-dir', dataDir],
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
      stderr: 'pipe',
    }),
  );
}, 360_000);

afterAll(async () => {
  await client?.close();
  removeDir(dataDir);
});

test('lists its tools with input schemas', async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name).sort();
  expect(names).toEqual(['get_paper', 'search_papers', 'similar_papers', 'trending_papers']);
  const trending = tools.find((t) => t.name === 'trending_papers')!;
  expect(trending.inputSchema.properties).toHaveProperty('window');
  expect(trending.annotations?.readOnlyHint).toBe(true);
});

test('trending_papers returns ranked papers with reasons, as text and structured content', async () => {
  const res = await client.callTool({ name: 'trending_papers', arguments: { window: 'all', limit: 5 } });
  expect(res.isError).toBeFalsy();
  const structured = res.structuredContent as { results: { rank: number; id: string; why: string[] }[] };
  expect(structured.results.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
  // All time ranks by points: the demo's most upvoted and starred papers lead.
  const text = (res.content as { type: string; text: string }[])[0]!.text;
  expect(text).toContain(`arXiv:${structured.results[0]!.id}`);
  expect(structured.results[0]!.why.join(' ')).toMatch(/upvote|star/);
});

test('get_paper returns a paper, and says clearly when it cannot', async () => {
  const ok = await client.callTool({ name: 'get_paper', arguments: { id: 'arXiv:2509.22186v2' } });
  expect(ok.isError).toBeFalsy();
  expect((ok.structuredContent as { title: string }).title).toContain('MinerU2.5');
  const missing = await client.callTool({ name: 'get_paper', arguments: { id: '2509.99999' } });
  expect(missing.isError).toBe(true);
  expect((missing.content as { text: string }[])[0]!.text).toContain('No paper 2509.99999');
  const bad = await client.callTool({ name: 'get_paper', arguments: { id: 'not an id' } });
  expect(bad.isError).toBe(true);
});

interface Found {
  mode: string;
  total: number;
  index: { state: string };
  semantic: { state: string };
  results: { rank: number; id: string; title: string; categories: string[]; snippet: string }[];
}

test('search_papers searches by words and meaning, with query syntax, as text and structured content', async () => {
  const ask = () =>
    client.callTool({
      name: 'search_papers',
      arguments: { query: 'document parsing vision language model', limit: 5 },
    });
  let res = await ask();
  // The semantic model loads in the background after start; until then search is keyword-only (and says so).
  for (let i = 0; i < 300 && (res.structuredContent as Found).semantic.state !== 'ready'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    res = await ask();
  }
  expect(res.isError).toBeFalsy();
  const found = res.structuredContent as Found;
  expect(found.index.state).toBe('ready');
  expect(found.mode).toBe('hybrid');
  expect(found.results).toHaveLength(5);
  expect(found.results.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
  expect(found.total).toBeGreaterThanOrEqual(5);
  const text = (res.content as { text: string }[])[0]!.text;
  for (const r of found.results) expect(text).toContain(`arXiv:${r.id}`);
  // Filters from the query syntax hold for every result.
  const filtered = await client.callTool({
    name: 'search_papers',
    arguments: { query: 'robot cat:cs.RO', mode: 'keyword', limit: 10 },
  });
  const robots = filtered.structuredContent as Found;
  expect(robots.results.length).toBeGreaterThan(0);
  for (const r of robots.results) expect(r.categories).toContain('cs.RO');
  const bad = await client.callTool({ name: 'search_papers', arguments: { query: 'x', limit: 500 } });
  expect(bad.isError).toBe(true);
});

test('similar_papers lists the nearest papers by meaning, and says clearly when it cannot', async () => {
  const res = await client.callTool({ name: 'similar_papers', arguments: { id: '2509.22186', limit: 5 } });
  expect(res.isError).toBeFalsy();
  const similar = res.structuredContent as {
    id: string;
    state: string;
    results: { id: string; score: number }[];
  };
  expect(similar).toMatchObject({ id: '2509.22186', state: 'ready' });
  expect(similar.results).toHaveLength(5);
  expect(similar.results.map((r) => r.id)).not.toContain('2509.22186');
  const scores = similar.results.map((r) => r.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  const missing = await client.callTool({ name: 'similar_papers', arguments: { id: '2509.99999' } });
  expect(missing.isError).toBe(true);
  expect((missing.content as { text: string }[])[0]!.text).toContain('No paper 2509.99999');
});
