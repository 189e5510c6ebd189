// The Model Context Protocol server: lets AI agents query paperpulse with the same data and ranking as the site.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Store } from '../store/store.js';
import type { Trending } from '../rank/trending.js';
import { views } from '../rank/window.js';
import { parseArxivId } from '../model/ids.js';
import { entryJson, paperJson, signalsJson } from '../web/api/present.js';
import type { SearchService } from '../search/service.js';
import { searchModes } from '../search/hybrid.js';
import { indexJson } from '../web/api/search.js';

export interface McpDeps {
  store: Store;
  trending: Trending;
  publicUrl: string;
  version: string;
  /** The search service (its index under DATA_DIR/index); without it search_papers and similar_papers say so. */
  search?: SearchService | undefined;
}

const text = (s: string) => ({ type: 'text' as const, text: s });

/** Builds the MCP server with paperpulse's tools; connect it to a transport (stdio in the CLI). */
export function createMcpServer({ store, trending, publicUrl, version, search }: McpDeps): McpServer {
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

  registerSearchTools(server, { store, trending, publicUrl, search });
  return server;
}

const byline = (authors: string[]) =>
  `${authors.slice(0, 3).join(', ')}${authors.length > 3 ? ' et al.' : ''}`;

/** search_papers and similar_papers: the site's search and similar-papers lists for agents. */
function registerSearchTools(
  server: McpServer,
  { store, trending, publicUrl, search }: Omit<McpDeps, 'version'>,
) {
  const unavailable = {
    content: [text('Search is not available in this paperpulse process (no search index).')],
    isError: true,
  };
  server.registerTool(
    'search_papers',
    {
      title: 'Search papers',
      description:
        'Searches the papers on this paperpulse instance by words and meaning. Query syntax: words, "exact phrases", ' +
        '-exclude, author:Name, cat:cs.LG, year:2025, after:2025-09-01, before:…, has:code, sort:date|trending. ' +
        'Returns ranked papers with a matching snippet.',
      inputSchema: {
        query: z
          .string()
          .min(1)
          .max(1000)
          .describe('what to look for, e.g. "diffusion transformer cat:cs.CV"'),
        mode: z
          .enum(searchModes)
          .default('hybrid')
          .describe('hybrid (words and meaning, default), keyword (BM25) or semantic (meaning only)'),
        sort: z.enum(['relevance', 'date', 'trending']).optional().describe('default: relevance'),
        limit: z.number().int().min(1).max(50).default(10),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query, mode, sort, limit }) => {
      if (!search) return unavailable;
      const r = await search.search({
        q: query,
        limit,
        offset: 0,
        sort,
        mode,
        trendingIds: () => trending.rankedIds(),
      });
      const index = indexJson(r.index);
      const results = r.hits.map((h, i) => ({
        rank: i + 1,
        ...paperJson(h.paper, publicUrl),
        score: Math.round(h.score * 1000) / 1000,
        snippet: h.snippet.text,
      }));
      const lines = results.map(
        (p) =>
          `${p.rank}. ${p.title} (arXiv:${p.id}, ${p.first_seen}) — ${byline(p.authors)}\n   ${p.snippet}\n   ${p.links.page}`,
      );
      const head = `${r.total.toLocaleString('en-US')} papers match "${query}" (${r.mode} search${r.totalExact ? '' : ', estimated'}).`;
      return {
        content: [
          text(
            [index.message, head, '', ...(lines.length ? lines : ['No results.'])]
              .filter((l) => l !== null)
              .join('\n'),
          ),
        ],
        structuredContent: {
          query,
          mode: r.mode,
          total: r.total,
          total_exact: r.totalExact,
          index: { state: index.state, message: index.message },
          semantic: { state: r.semantic.state },
          results,
        },
      };
    },
  );
  server.registerTool(
    'similar_papers',
    {
      title: 'Similar papers',
      description:
        'Papers closest in meaning to one paper on this paperpulse instance (nearest neighbours of its embedding).',
      inputSchema: {
        id: z.string().min(1).max(64).describe('arXiv id, e.g. 2509.17458 or arXiv:2509.17458v2'),
        limit: z.number().int().min(1).max(50).default(10),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ id, limit }) => {
      const parsed = parseArxivId(id);
      if (!parsed)
        return { content: [text(`"${id}" is not an arXiv id (expected e.g. 2509.17458).`)], isError: true };
      const paper = await store.paperById(parsed.id);
      if (!paper)
        return { content: [text(`No paper ${parsed.id} on this paperpulse instance.`)], isError: true };
      if (!search) return unavailable;
      const model = search.semantic?.status();
      const hits = await search.similar(paper.id, limit);
      const results = hits.map((h) => ({
        ...paperJson(h.paper, publicUrl),
        score: Math.round(h.score * 1000) / 1000,
      }));
      const lines = results.map(
        (p, i) =>
          `${i + 1}. ${p.title} (arXiv:${p.id}) — ${byline(p.authors)} · similarity ${p.score}\n   ${p.links.page}`,
      );
      const note =
        results.length === 0
          ? model?.state === 'ready'
            ? 'No similar papers found.'
            : `The semantic index is ${model?.state ?? 'not running'}; similar papers appear once it is ready.`
          : `Papers similar to "${paper.title}" (arXiv:${paper.id}):`;
      return {
        content: [text([note, ...lines].join('\n'))],
        structuredContent: {
          id: paper.id,
          model: model?.model ?? null,
          state: model?.state ?? 'failed',
          results,
        },
      };
    },
  );
}
