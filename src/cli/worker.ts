// `paperpulse worker`: the worker role as its own process. Runs the schedules and claims jobs (ingest, star
// polling) from the store until SIGTERM/SIGINT, then finishes the job in hand and exits.
import type { Command } from 'commander';
import { UserError } from '../errors.js';

interface WorkerFlags {
  dataDir?: string;
  schedule: boolean;
  lease: string;
  poll: string;
  digestConcurrency: string;
}

const help = `
Any number of workers (and serve processes) may share one database: each job is leased to one worker at a time,
and a job whose worker died is taken over when its lease expires. Schedules (UTC): arxiv-rss daily at 01:30,
hf-daily hourly at :10, github-stars hourly at :40 (GITHUB_TOKEN when set). See docs/architecture.md, "Jobs".
Example:  DATABASE_URL=postgres://paperpulse@db/paperpulse npx paperpulse worker`;

function positive(value: string, flag: string): number {
  const v = Number(value);
  if (!(Number.isFinite(v) && v > 0))
    throw new UserError(`${flag} must be a positive number, not "${value}"`, 'usage');
  return v;
}

/** Registers the worker command (modules load only when it runs). */
export function workerCommand(program: Command) {
  program
    .command('worker')
    .description('run scheduled and queued jobs (ingest, star polling) until stopped')
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .option('--no-schedule', 'only run queued jobs; enqueue nothing on a schedule')
    .option(
      '--lease <seconds>',
      "how long a job stays leased without renewal (a dead worker's job waits this long)",
      '60',
    )
    .option('--poll <ms>', 'how often to look for due jobs when idle', '1000')
    .option(
      '--digest-concurrency <n>',
      'digests sent at once by this process (SMTP round trips overlap)',
      '4',
    )
    .addHelpText('after', help)
    .action(runWorker);
}

async function runWorker(flags: WorkerFlags) {
  const leaseMs = positive(flags.lease, '--lease') * 1000;
  const pollMs = positive(flags.poll, '--poll');
  const [{ openContext }, { startJobsRole }] = await Promise.all([
    import('./context.js'),
    import('../jobs/role.js'),
  ]);
  const { config, store, log, migrated } = await openContext({ dataDir: flags.dataDir });
  if (migrated.length) log.info({ migrations: migrated }, `database migrated (${migrated.join(', ')})`);
  // Digests leave through SMTP_URL (or the outbox in DATA_DIR), signed with the instance key.
  const [{ openDigestSender }, { ensureSecretKey }] = await Promise.all([
    import('../digest/sender.js'),
    import('./secret.js'),
  ]);
  const digest = openDigestSender(config, ensureSecretKey(config), store, log);
  const digestConcurrency = positive(flags.digestConcurrency, '--digest-concurrency');
  const role = await startJobsRole({
    store,
    log,
    schedule: flags.schedule,
    leaseMs,
    pollMs,
    digest,
    digestConcurrency,
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal} received: finishing the current job, then stopping`);
      void role
        .stop()
        .then(() => store.close())
        .then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
