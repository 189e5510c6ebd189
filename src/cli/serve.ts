// `paperpulse serve`: the web site and API on the configured store; imports the demo corpus on first start.
import type { Command } from 'commander';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Embedder } from '../search/embed/embedder.js';
import type { Store } from '../store/store.js';

interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  demo: boolean;
  worker: boolean;
  schedule: boolean;
}

/** Registers the serve command (its modules load only when it runs, so `--help` stays fast). */
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
    .option('--no-worker', 'web only: run no jobs here (run `paperpulse worker` processes instead)')
    .option('--no-schedule', 'run queued jobs but enqueue nothing on a schedule')
    .action(serve);
}

async function serve(flags: ServeFlags) {
  const started = performance.now();
  const [{ serve: listen }, { createApp }, { importDemo }, { openContext }, { ensureSecretKey }] =
    await Promise.all([
      import('@hono/node-server'),
      import('../web/app.js'),
      import('../ingest/demo.js'),
      import('./context.js'),
      import('./secret.js'),
    ]);
  const { port, host, dataDir } = flags;
  const { config, log, store, migrated } = await openContext({ port, host, dataDir });
  if (migrated.length) log.info({ migrations: migrated }, `database migrated (${migrated.join(', ')})`);
  const secretKey = ensureSecretKey(config);
  if (flags.demo && (await store.paperCount()) === 0) {
    log.info(
      'the store is empty: importing the demo data (a real arXiv week with Hugging Face signals); use --no-demo to skip',
    );
    const s = await importDemo(store);
    log.info(`demo data imported: ${s.inserted} papers, ${s.signals} signal observations`);
  }
  // The search index is derived data under DATA_DIR/index: loaded (or rebuilt in the background) and kept in
  // sync with the store every second while serving.
  const { SearchService } = await import('../search/service.js');
  const embedder = await externalEmbedder(config, log);
  const search = new SearchService({
    store,
    log,
    dataDir: config.dataDir,
    ...(embedder === false ? { semantic: false } : { embedder }),
  });
  // The worker role in-process (one machine, one process); `--no-worker` leaves jobs to `paperpulse worker`.
  const jobs = flags.worker
    ? await (
        await import('../jobs/role.js')
      ).startJobsRole({
        store,
        log,
        schedule: flags.schedule,
        // Digests leave through SMTP_URL, or into DATA_DIR/outbox (listed at /dev/outbox in development).
        digest: (await import('../digest/sender.js')).openDigestSender(config, secretKey, store, log),
      })
    : undefined;
  // Paper-page views, written once a minute; the trending weights as configured (TRENDING_WEIGHTS).
  const [{ PageViews }, { withWeights }] = await Promise.all([
    import('../rank/page-views.js'),
    import('../rank/score.js'),
  ]);
  const views = new PageViews({ store, secretKey, log });
  // Subscribe, sign-in and account pages: confirmation and sign-in emails leave through the same messenger.
  const accounts = await openAccounts(config, secretKey, store, log);
  const app = createApp({
    store,
    log,
    search,
    accounts,
    views,
    trendingConstants: withWeights(config.trendingWeights),
    publicUrl: config.publicUrl,
    rateLimit: { limit: config.rateLimit, windowSeconds: 60, trustProxy: config.trustProxy },
    // NODE_ENV=development without SMTP_URL: the messages written to DATA_DIR/outbox are listed at /dev/outbox.
    devOutbox:
      config.dev && !config.smtpUrl
        ? new (await import('../mail/outbox.js')).OutboxMessenger(`${config.dataDir}/outbox`)
        : undefined,
  });
  const server = listen({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const ms = Math.round(performance.now() - started);
    log.info(
      `paperpulse is serving ${config.publicUrl} (listening on ${info.address}:${info.port}, ready in ${ms} ms)`,
    );
    // Index work starts once the site answers: until the index is ready, search says it is degraded.
    void search.start(1000);
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
    log.info(`${signal} received: finishing open requests, then stopping`);
    // Requests in flight complete before the store closes; a stuck client cannot hold shutdown for ever.
    const force = setTimeout(() => {
      log.warn('requests still open after 10 s: closing them');
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }, 10_000);
    force.unref();
    server.close(() => {
      // A job waiting on a slow or unreachable source must not hold shutdown: after 5 s we stop anyway; its
      // lease expires and it resumes from its checkpoint in the next worker.
      const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
      void Promise.race([
        Promise.all([
          search.stop(),
          jobs?.stop(),
          views.stop(),
          // Confirmation and sign-in emails accepted before shutdown still go out.
          accounts.idle().then(() => accounts.mail.messenger.close()),
        ]),
        grace,
      ])
        .then((r) => {
          if (r === 'timeout')
            log.warn('a job was still running after 5 s: it will resume after its lease expires');
        })
        .then(() => store.close())
        .then(() => process.exit(0));
    });
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** Subscriptions, sign-in and sessions: signed links, the configured messenger, the From address. */
async function openAccounts(config: Config, secretKey: string, store: Store, log: Logger) {
  const [{ Accounts, senderAddress }, { Links }, { TokenSigner }, { openMessenger }, { ACCOUNT_RATE_LIMIT }] =
    await Promise.all([
      import('../mail/accounts.js'),
      import('../mail/links.js'),
      import('../mail/tokens.js'),
      import('../mail/open.js'),
      import('../web/account-routes.js'),
    ]);
  const signer = new TokenSigner(secretKey);
  const mail = {
    links: new Links(config.publicUrl, signer),
    signer,
    messenger: openMessenger(config),
    from: senderAddress(config),
  };
  return new Accounts({
    store,
    log,
    mail,
    secretKey,
    webhookSecret: config.webhookSecret,
    softBounceLimit: config.softBounceLimit,
    linkIntervalSeconds: config.linkInterval,
    requestLimit: { ...ACCOUNT_RATE_LIMIT, trustProxy: config.trustProxy },
  });
}

/**
 * The configured external embedding provider (undefined: the built-in model). One that cannot be reached at
 * start turns semantic search off until restart rather than stopping the site: keyword search still answers.
 */
async function externalEmbedder(config: Config, log: Logger): Promise<Embedder | undefined | false> {
  const { embedderFromConfig } = await import('../search/embed/provider.js');
  const { EmbeddingError } = await import('../search/embed/http-embedder.js');
  try {
    const e = await embedderFromConfig(config);
    if (e) log.info(`semantic search uses the ${e.kind} embedding provider (model ${e.id})`);
    return e;
  } catch (err) {
    if (!(err instanceof EmbeddingError)) throw err;
    log.error(`semantic search is off until restart: ${err.message}`);
    return false;
  }
}
