// `paperpulse ingest SOURCE`: fetch papers and signals from a live source into the store, resumably.
// One subcommand per source, each with its own --help; heavy modules load only when a source runs.
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { checkRange } from '../ingest/sources/dates.js';
import type { IngestSummary } from '../ingest/sources/run.js';
import type { SourceOptions } from '../ingest/sources/source.js';
import { ExitCode } from './exit-codes.js';

interface IngestFlags {
  baseUrl?: string;
  from?: string;
  until?: string;
  category?: string[];
  dataDir?: string;
  interval?: string;
  timeout: string;
  retries: string;
  pageSize?: string;
  all?: boolean;
  limit?: string;
}

interface SourceCli {
  name: string;
  summary: string;
  /** Default minimum ms between requests to the source's host. */
  intervalMs: number;
  range?: boolean;
  categories?: string;
  extra?: (cmd: Command) => void;
  help: string;
}

const n = (x: number) => x.toLocaleString('en-US');

/** One sentence that says what an ingest run did, including "nothing changed". */
export function describeIngest(s: IngestSummary, seconds: number): string {
  const head = `${s.source}: read ${n(s.records)} records from ${n(s.pages)} page${s.pages === 1 ? '' : 's'} in ${seconds.toFixed(1)} s:`;
  const extra = `${s.rejected ? `, ${n(s.rejected)} rejected` : ''}${s.skipped ? `, ${n(s.skipped)} skipped` : ''}`;
  if (s.inserted + s.updated === 0 && s.signals === 0) {
    return `${head} nothing changed — ${n(s.unchanged)} papers were already up to date${extra}.`;
  }
  return (
    `${head} ${n(s.inserted)} new, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged${extra}; ` +
    `${n(s.signals)} signal observations added.`
  );
}

const sources: SourceCli[] = [
  {
    name: 'arxiv-rss',
    summary: "today's arXiv announcement for some categories (the daily path)",
    intervalMs: 3000,
    categories: 'categories to read (default: cs.AI cs.CL cs.CV cs.LG)',
    help: `
Reads https://rss.arxiv.org/rss/CATS (RSS 2.0; Atom is recognised too): new papers, cross-lists and replacements.
arXiv announces Sunday to Thursday at 20:00 US Eastern; weekend and holiday feeds are empty, which is not an error.
Example:  npx paperpulse ingest arxiv-rss --category cs.LG --category cs.CV`,
  },
  {
    name: 'arxiv-api',
    summary: 'backfill by category and submission date through the arXiv API',
    intervalMs: 3000,
    range: true,
    categories: 'categories to backfill (default: cs.AI cs.CL cs.CV cs.LG)',
    extra: (cmd) => cmd.option('--page-size <n>', 'results per request (at most 2000)', '2000'),
    help: `
Queries https://export.arxiv.org/api/query one request at a time, 3 s apart (arXiv's terms). A window with more
than the API's 30,000 results is split. The first run needs --from; later runs continue after the last day read.
A stopped run resumes from its checkpoint when run again with the same (or no) dates.
Example:  npx paperpulse ingest arxiv-api --category cs.CL --from 2025-09-01 --until 2025-09-30`,
  },
  {
    name: 'arxiv-oai',
    summary: 'harvest a set through OAI-PMH (arXivRaw, with version history)',
    intervalMs: 3000,
    range: true,
    categories: 'archives or categories to harvest: cs, math, or cs.LG (set cs:cs:LG); default cs',
    help: `
Harvests https://oaipmh.arxiv.org/oai ListRecords by datestamp (the day a record last changed). The resumption token
is saved after every page, so a killed harvest resumes where it stopped. Deleted records are counted as skipped.
Example:  npx paperpulse ingest arxiv-oai --category cs --from 2025-09-01`,
  },
  {
    name: 'hf-daily',
    summary: 'Hugging Face daily papers by date (upvotes, comments, GitHub stars)',
    intervalMs: 1000,
    range: true,
    help: `
Reads https://huggingface.co/api/daily_papers?date=DAY for each day (default: the last 3 days, or from the last
day read when that is older). Each run adds signal observations stamped with the current hour.
Example:  npx paperpulse ingest hf-daily --from 2025-09-29 --until 2025-10-03`,
  },
  {
    name: 'github-stars',
    summary: 'poll star counts of every linked GitHub repository',
    intervalMs: 250,
    extra: (cmd) =>
      cmd
        .option('--all', 'poll every repository now, not only those due')
        .option('--limit <n>', 'poll at most this many repositories'),
    help: `
Uses GITHUB_TOKEN when set (5,000 requests an hour instead of 60). Conditional requests (ETag) cost nothing when a
repository is unchanged. Hot repositories are polled every 6 h, cold ones every 3 days (see docs/architecture.md).
Example:  GITHUB_TOKEN=... npx paperpulse ingest github-stars --limit 500`,
  },
  {
    name: 'pwc-links',
    summary: 'code links from the Papers with Code links dump',
    intervalMs: 0,
    help: `
Downloads links-between-papers-and-code.json.gz (with --base-url: BASE/links-between-papers-and-code.json.gz) and
adds official links to papers already in the store. An unchanged dump (same ETag) is not downloaded again.`,
  },
];

const common = `
Common options: --base-url points the source at a mirror or test server; --interval sets the minimum milliseconds
between requests to one host. Exit codes: 0 done, 65 done but some records were rejected (each is listed),
75 the server asked us to wait (rate limit; run again later), 1 the source failed (the message says where; the
checkpoint is kept, so the same command resumes), 64 wrong usage.`;

function positiveInt(value: string | undefined, flag: string, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isInteger(v) || v < (allowZero ? 0 : 1)) {
    throw new UserError(
      `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} whole number, not "${value}"`,
      'usage',
    );
  }
  return v;
}

async function runIngest(cli: SourceCli, flags: IngestFlags) {
  const interval = positiveInt(flags.interval, '--interval', true) ?? cli.intervalMs;
  const timeoutS = positiveInt(flags.timeout, '--timeout')!;
  const retries = positiveInt(flags.retries, '--retries', true)!;
  const pageSize = positiveInt(flags.pageSize, '--page-size');
  if (pageSize !== undefined && pageSize > 2000)
    throw new UserError('--page-size must be at most 2000', 'usage');
  const options: SourceOptions = {
    baseUrl: flags.baseUrl,
    from: flags.from,
    until: flags.until,
    categories: (flags.category ?? []).flatMap((c) => c.split(/[,+\s]+/)).filter(Boolean),
    all: flags.all,
    limit: positiveInt(flags.limit, '--limit'),
    token: cli.name === 'github-stars' ? process.env.GITHUB_TOKEN?.trim() || undefined : undefined,
  };
  checkRange(options.from, options.until);
  if (options.baseUrl !== undefined && !/^https?:\/\//.test(options.baseUrl)) {
    throw new UserError(`--base-url must start with http:// or https://, not "${options.baseUrl}"`, 'usage');
  }
  const [
    { openContext },
    { sources: registry },
    { createArxivApi },
    { runSource },
    { createHttpClient, HttpError },
    progressMod,
    { StoreUnavailableError },
  ] = await Promise.all([
    import('./context.js'),
    import('../ingest/sources/index.js'),
    import('../ingest/sources/arxiv-api.js'),
    import('../ingest/sources/run.js'),
    import('../ingest/http.js'),
    import('cli-progress'),
    import('../store/errors.js'),
  ]);
  const source = cli.name === 'arxiv-api' && pageSize ? createArxivApi({ pageSize }) : registry[cli.name]!;
  const { store, log, migrated } = await openContext({ dataDir: flags.dataDir });
  if (migrated.length) process.stderr.write(`Database migrated (${migrated.join(', ')}).\n`);

  // A bar on a terminal; structured log lines otherwise.
  const tty = process.stderr.isTTY;
  const bar = tty
    ? new progressMod.default.SingleBar(
        {
          stream: process.stderr,
          format: `${cli.name} [{bar}] {value}/{total} pages | {records} records | {rate} records/s | ETA {eta_formatted}`,
          hideCursor: true,
          clearOnComplete: true,
        },
        progressMod.default.Presets.shades_classic,
      )
    : undefined;
  bar?.start(1, 0, { records: 0, rate: 0 });
  // Notes and rejections are for the person (or the cron mail): plain lines, like import's, whatever LOG_LEVEL says.
  const say = (line: string) => process.stderr.write(bar ? `\r\x1b[K${line}\n` : `${line}\n`);
  const http = createHttpClient({
    minIntervalMs: interval,
    timeoutMs: timeoutS * 1000,
    retries,
    onRetry: (r) => say(`${r.reason} from ${r.url}; retry ${r.attempt} in ${(r.waitMs / 1000).toFixed(1)} s`),
  });
  const ac = new AbortController();
  const onSigint = () => ac.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let last: IngestSummary | undefined;
  try {
    const summary = await runSource(
      store,
      source,
      { http, options, now: () => new Date(), signal: ac.signal, note: say },
      {
        onReject: (r) => say(`${r.position}: rejected: ${r.reason}`),
        onPage: (page, s) => {
          last = s;
          const total = Math.max(page.expectedPages ?? s.pages + 1, s.pages);
          if (bar) {
            bar.setTotal(total);
            bar.update(s.pages, {
              records: s.records,
              rate: Math.round(s.records / Math.max(seconds(), 0.001)),
            });
          } else
            log.info(
              { source: cli.name, page: page.label, pages: s.pages, records: s.records },
              'page saved',
            );
        },
      },
    );
    bar?.stop();
    process.stdout.write(describeIngest(summary, seconds()) + '\n');
    if (summary.rejected > 0) process.exitCode = ExitCode.dataRejected;
  } catch (e) {
    bar?.stop();
    if (last) process.stderr.write(describeIngest(last, seconds()) + '\n');
    if (ac.signal.aborted) {
      process.stderr.write(
        'Interrupted: every page read so far is saved; run the same command again to resume.\n',
      );
      process.exitCode = 130;
      return;
    }
    if (e instanceof UserError && e.kind !== 'failure') throw e;
    const cause = (e as Error).cause;
    const rateLimited = cause instanceof HttpError && cause.retryAt !== undefined;
    // The database went away (restart, failover): like a rate limit, running again later resumes the work.
    const storeAway = cause instanceof StoreUnavailableError;
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = rateLimited || storeAway ? ExitCode.tempFail : ExitCode.failure;
    if (!(e instanceof UserError)) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
  } finally {
    process.off('SIGINT', onSigint);
    await store.close();
  }
}

/** Registers `ingest` with one subcommand per source. */
export function ingestCommand(program: Command) {
  const ingest = program
    .command('ingest')
    .description('fetch papers and signals from a live source (resumable; safe to re-run)')
    .addHelpText('after', `\nRun "paperpulse ingest SOURCE --help" for a source's options.${common}`);
  for (const cli of sources) {
    const cmd = ingest
      .command(cli.name)
      .description(cli.summary)
      .option('--base-url <url>', "ask this server instead of the source's public one")
      .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
      .option(
        '--interval <ms>',
        `minimum milliseconds between requests to one host (default ${cli.intervalMs})`,
      )
      .option('--timeout <seconds>', 'per request', '60')
      .option('--retries <n>', 'retries of a failed request (5xx, timeouts, dropped connections)', '4');
    if (cli.range)
      cmd.option('--from <day>', 'first day, YYYY-MM-DD').option('--until <day>', 'last day, YYYY-MM-DD');
    if (cli.categories) cmd.option('-c, --category <cats...>', cli.categories);
    cli.extra?.(cmd);
    cmd.addHelpText('after', cli.help + '\n' + common).action((flags: IngestFlags) => runIngest(cli, flags));
  }
}
