// `paperpulse mcp`: a Model Context Protocol server on stdin/stdout for AI agents.
import type { Command } from 'commander';

/** Registers the mcp command. */
export function mcpCommand(program: Command, version: string) {
  program
    .command('mcp')
    .description(
      'run a Model Context Protocol server on stdio (tools: search_papers, trending_papers, get_paper, similar_papers)',
    )
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .addHelpText(
      'after',
      `
Add it to an MCP client, for example:
  { "command": "npx", "args": ["paperpulse", "mcp"], "cwd": "/path/to/paperpulse" }
stdout carries the protocol; logs go to stderr.`,
    )
    .action(async (flags: { dataDir?: string }) => {
      const [
        { StdioServerTransport },
        { createMcpServer },
        { openContext },
        { Trending },
        { SearchService },
      ] = await Promise.all([
        import('@modelcontextprotocol/sdk/server/stdio.js'),
        import('../mcp/server.js'),
        import('./context.js'),
        import('../rank/trending.js'),
        import('../search/service.js'),
      ]);
      const { config, log, store } = await openContext({ dataDir: flags.dataDir });
      // The same derived index as `serve` (DATA_DIR/index): loaded, or built in the background when missing,
      // and kept in step with the store while the agent's session lasts.
      const search = new SearchService({ store, log, dataDir: config.dataDir });
      const server = createMcpServer({
        store,
        trending: new Trending(store),
        publicUrl: config.publicUrl,
        version,
        search,
      });
      await server.connect(new StdioServerTransport());
      await search.start(5000);
      log.info('MCP server ready on stdio');
      const stop = () =>
        void server
          .close()
          .then(() => search.stop())
          .then(() => store.close())
          .then(() => process.exit(0));
      process.stdin.once('end', stop);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
