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
  client = new Client({ name: 'paperpulse-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [path.join(root, 'bin/paperpulse.js'), 'mcp', '--data-dir', dataDir],
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
      stderr: 'pipe',
    }),
  );
}, 60_000);

afterAll(async () => {
  await client?.close();
  removeDir(dataDir);
});

test('lists its tools with input schemas', async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name).sort();
  expect(names).toEqual(['get_paper', 'trending_papers']);
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
