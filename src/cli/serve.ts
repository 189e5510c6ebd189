// `paperpulse serve`: the web site and API on the configured store; imports the demo corpus on first start.
import fs from 'node:fs';
import { serve as listen } from '@hono/node-server';
import type { Command } from 'commander';
import { createApp } from '../web/app.js';
import { importDemo } from '../ingest/demo.js';
import { openContext } from './context.js';
import { ensureSecretKey } from './secret.js';

interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  demo: boolean;
}

/** Registers the serve command. */
export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('serve the web site and JSON API (imports demo data into an empty store first)')
    .option('-p, --port <port>', 'port to listen on (env PORT, default 3000)')
    .option('--host <host>', 'address to bind (env HOST, default 0.0.0.0)')
    .option(
      '-d, --data-dir <dir>',
      'where the SQLite file and derived data live (env DATA_DIR, default ./data)',
    )
    .option('--no-demo', 'do not import the demo corpus when the store is empty')
    .action(async (flags: ServeFlags) => {
      const started = performance.now();
      const { port, host, dataDir } = flags;
      fs.mkdirSync(dataDir ?? process.env.DATA_DIR ?? './data', { recursive: true });
      const { config, log, store } = await openContext({ port, host, dataDir });
      ensureSecretKey(config);
      if (flags.demo && (await store.paperCount()) === 0) {
        log.info(
          'the store is empty: importing the demo data (a real arXiv week with Hugging Face signals); use --no-demo to skip',
        );
        const s = await importDemo(store);
        log.info(`demo data imported: ${s.inserted} papers, ${s.signals} signal observations`);
      }
      const app = createApp({ store, log, publicUrl: config.publicUrl });
      const server = listen({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
        const ms = Math.round(performance.now() - started);
        log.info(
          `paperpulse is serving ${config.publicUrl} (listening on ${info.address}:${info.port}, ready in ${ms} ms)`,
        );
      });
      server.on('error', (e: NodeJS.ErrnoException) => {
        log.fatal(
          e.code === 'EADDRINUSE'
            ? `port ${config.port} is already in use: stop the other process or choose another with --port or PORT`
            : `cannot listen on ${config.host}:${config.port}: ${e.message}`,
        );
        process.exit(1);
      });
      const stop = (signal: string) => {
        log.info(`${signal} received: shutting down`);
        server.close();
        void store.close().then(() => process.exit(0));
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
