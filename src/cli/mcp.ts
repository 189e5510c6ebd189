// `paperpulse mcp`: a Model Context Protocol server on stdin/stdout for AI agents.
import type { Command } from 'commander';

/** Registers the mcp command. */
export function mcpCommand(program: Command, version: string) {
  program
    .command('mcp')
    .description('run a Model Context Protocol server on stdio (tools: trending_papers, get_paper)')
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .addHelpText(
      'after',
      `
Add it to an MCP client, for example:
  { "command": "npx", "args": ["paperpulse", "mcp"], "cwd": "/path/to/paperpulse" }
stdout carries the protocol; logs go to stderr.`,
    )
    .action(async (flags: { dataDir?: string }) => {
      const [{ StdioServerTransport }, { createMcpServer }, { openContext }, { Trending }] =
        await Promise.all([
          import('@modelcontextprotocol/sdk/server/stdio.js'),
          import('../mcp/server.js'),
          import('./context.js'),
          import('../rank/trending.js'),
        ]);
      const { config, log, store } = await openContext({ dataDir: flags.dataDir });
      const server = createMcpServer({
        store,
        trending: new Trending(store),
        publicUrl: config.publicUrl,
        version,
      });
      await server.connect(new StdioServerTransport());
      log.info('MCP server ready on stdio');
      const stop = () =>
        void server
          .close()
          .then(() => store.close())
          .then(() => process.exit(0));
      process.stdin.once('end', stop);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
