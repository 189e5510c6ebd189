// The Model Context Protocol server: lets AI agents query paperpulse with the same data and ranking as the site.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Store } from '../store/store.js';
import type { Trending } from '../rank/trending.js';
import { views } from '../rank/window.js';
import { parseArxivId } from '../model/ids.js';
import { entryJson, paperJson, signalsJson } from '../web/api/present.js';

export interface McpDeps {
  store: Store;
  trending: Trending;
  publicUrl: string;
  version: string;
}

const text = (s: string) => ({ type: 'text' as const, text: s });

/** Builds the MCP server with paperpulse's tools; connect it to a transport (stdio in the CLI). */
export function createMcpServer({ store, trending, publicUrl, version }: McpDeps): McpServer {
  const server = new McpServer({ name: 'paperpulse', version });

  server.registerTool(
    'trending_papers',
    {
      title: 'Trending papers',
      description:
        'Papers trending on this paperpulse instance, ranked by its published score (upvotes, GitHub stars, recency), each with the reasons it ranks there.',
      inputSchema: {
        window: z
          .enum(views)
          .default('trending')
          .describe('trending (decayed), day, week, month, or all (points only)'),
        category: z
          .string()
          .regex(/^[a-z-]+(\.[A-Za-z-]+)?$/)
          .optional()
          .describe('an arXiv category such as cs.LG'),
        limit: z.number().int().min(1).max(50).default(10),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ window, category, limit }) => {
      const list = await trending.list({ view: window, category, limit, offset: 0 });
      if (!list.window || list.entries.length === 0) return { content: [text('No papers found.')] };
      const w = list.window;
      const entries = list.entries.map((e) => entryJson(e, w, publicUrl));
      const header = w.stale
        ? `Latest data (nothing newer has arrived): ${w.from ?? 'up to'} ${w.to}.`
        : `Window: ${w.from ?? 'up to'} ${w.to}.`;
      const lines = entries.map(
        (e) =>
          `${e.rank}. ${e.title} (arXiv:${e.id}) — ${e.authors.slice(0, 3).join(', ')}${e.authors.length > 3 ? ' et al.' : ''}\n   ${e.why.join(' · ')}\n   ${e.links.page}`,
      );
      return {
        content: [text(`${header}\n\n${lines.join('\n')}`)],
        structuredContent: {
          window: { from: w.from ?? null, to: w.to, stale: w.stale },
          total: list.total,
          results: entries,
        },
      };
    },
  );

  server.registerTool(
    'get_paper',
    {
      title: 'Get a paper',
      description:
        'One paper by arXiv id: title, authors, abstract, categories, dates, links and latest signals.',
      inputSchema: {
        id: z.string().min(1).max(64).describe('arXiv id, e.g. 2509.17458 or arXiv:2509.17458v2'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ id }) => {
      const parsed = parseArxivId(id);
      if (!parsed)
        return { content: [text(`"${id}" is not an arXiv id (expected e.g. 2509.17458).`)], isError: true };
      const paper = await store.paperById(parsed.id);
      if (!paper)
        return { content: [text(`No paper ${parsed.id} on this paperpulse instance.`)], isError: true };
      const json = {
        ...paperJson(paper, publicUrl),
        signals: signalsJson(await store.signalsForPaper(paper.id, new Date().toISOString())),
      };
      return {
        content: [
          text(
            `${paper.title}\n${paper.authors.join(', ')}\narXiv:${paper.id} · first listed ${paper.firstSeen} · ${paper.categories.join(', ')}\n\n${paper.abstract}\n\n${json.links.page}`,
          ),
        ],
        structuredContent: json,
      };
    },
  );

  return server;
}
