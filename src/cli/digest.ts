// `paperpulse digest run|preview`: plan and send the due digests now (what the worker does every 15 minutes), show
// who would get what (--dry-run), or render one subscriber's digest without sending it.
import fs from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import type { Store } from '../store/store.js';
import type { DigestSender } from '../digest/sender.js';

interface RunFlags {
  date?: string;
  dryRun?: boolean;
  to?: string;
  concurrency: string;
  dataDir?: string;
}

interface PreviewFlags {
  to: string;
  date?: string;
  format: 'text' | 'html' | 'eml';
  out?: string;
  dataDir?: string;
}

const day = z.iso.date();
const n = (x: number) => x.toLocaleString('en-US');

function parseDay(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!day.safeParse(value).success)
    throw new UserError(`--date must be a day like 2026-11-30, not "${value}"`, 'usage');
  return value;
}

/** Registers `digest run` and `digest preview` (modules load only when they run). */
export function digestCommand(program: Command) {
  const digest = program.command('digest').description('compose and send email digests');
  digest
    .command('run')
    .description('plan the digests that are due and send them now (workers do this every 15 minutes)')
    .option(
      '--date <YYYY-MM-DD>',
      "send that day's digest to every active subscriber, whatever their send hour",
    )
    .option('--dry-run', 'print who would get which papers; send and store nothing')
    .option('--to <email>', 'only this subscriber')
    .option('--concurrency <n>', 'digests sent at once', '8')
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .addHelpText(
      'after',
      `
Mail leaves through SMTP_URL (pooled, SMTP_RATE messages per second), or is written to DATA_DIR/outbox when
SMTP_URL is unset. Each subscriber gets at most one digest per period (day, or ISO week for weekly digests),
however often this runs and whatever workers run at the same time. A digest the relay refused for now stays
queued and is retried (here on the next run, or by \`paperpulse worker\`).

Exit codes: 0 done, 65 some digests were refused for good (the summary says how many), 75 some could not be
sent yet (the relay is down or said "try later": run again later), 64 bad usage, 78 bad configuration.

Examples:
  npx paperpulse digest run --dry-run
  npx paperpulse digest run --date 2026-11-30 --to ada@example.org`,
    )
    .action(runDigests);
  digest
    .command('preview')
    .description("render one subscriber's digest as it would be sent now (sends and stores nothing)")
    .requiredOption('--to <email>', 'the subscriber')
    .option('--date <YYYY-MM-DD>', 'as of this day (default: today in their time zone)')
    .addOption(
      new Option('--format <format>', 'what to print').choices(['text', 'html', 'eml']).default('text'),
    )
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .action(previewDigest);
}

async function open(dataDir: string | undefined) {
  const [{ openContext }, { ensureSecretKey }, { openDigestSender }] = await Promise.all([
    import('./context.js'),
    import('./secret.js'),
    import('../digest/sender.js'),
  ]);
  const ctx = await openContext({ dataDir });
  const sender = openDigestSender(ctx.config, ensureSecretKey(ctx.config), ctx.store, ctx.log);
  return { ...ctx, sender };
}

async function subscriberOrFail(store: Store, email: string) {
  const s = await store.subscriberByEmail(email);
  if (!s)
    throw new UserError(
      `No subscriber with the address ${email} (see \`paperpulse subscribers list\`)`,
      'usage',
    );
  return s;
}

async function runDigests(flags: RunFlags) {
  const date = parseDay(flags.date);
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UserError(
      `--concurrency must be a whole number from 1 to 64, not "${flags.concurrency}"`,
      'usage',
    );
  const { store, log, sender } = await open(flags.dataDir);
  try {
    const only = flags.to ? (await subscriberOrFail(store, flags.to)).id : undefined;
    const q = { now: new Date(), ...(date ? { day: date } : {}), ...(only ? { subscriberId: only } : {}) };
    if (flags.dryRun) return await dryRun(sender, q);
    const { planDigests, SEND_DIGEST } = await import('../digest/plan.js');
    const started = performance.now();
    const before = await store.digestCounts();
    const planned = await planDigests(store, q);
    const todo = only ? 1 : (await store.digestCounts()).queued;
    const { startCountProgress } = await import('./progress.js');
    const bar = startCountProgress(todo, 'Sending', 'digests');
    if (only) {
      await sendOne(sender, only, q, bar.advance.bind(bar));
    } else {
      // The same path as `paperpulse worker`: claim the queued digest jobs and run them, until none is due.
      const [{ createWorker }, { sendDigestTask }] = await Promise.all([
        import('../jobs/worker.js'),
        import('../jobs/tasks/send-digest.js'),
      ]);
      const send = sendDigestTask(sender);
      const counted = {
        ...send,
        run: (p: unknown, ctx: Parameters<typeof send.run>[1]) =>
          send.run(p, ctx).finally(() => bar.advance(1)),
      };
      await createWorker({
        store,
        log,
        tasks: { [SEND_DIGEST.kind]: counted },
        concurrency,
        untilIdle: true,
      }).run();
    }
    bar.stop();
    const after = await store.digestCounts();
    const delta = (k: keyof typeof after) => after[k] - before[k];
    const seconds = (performance.now() - started) / 1000;
    const sent = delta('sent');
    console.log(
      `Planned ${n(planned)} digests; ${n(sent)} sent, ${n(delta('skipped'))} skipped (nothing new), ` +
        `${n(delta('suppressed'))} suppressed, ${n(delta('failed'))} failed, ${n(after.queued)} still queued ` +
        `in ${seconds.toFixed(1)} s (${n(Math.round(sent / Math.max(seconds, 0.001)))}/s) via ${sender.messenger.kind}.`,
    );
    if (delta('failed') > 0) process.exitCode = ExitCode.dataRejected;
    // Rows are planned only when due, so a queued one now waits on a retry (the relay said "later").
    if (after.queued > 0) process.exitCode = ExitCode.tempFail;
  } finally {
    await sender.messenger.close();
    await store.close();
  }
}

async function sendOne(
  sender: DigestSender,
  subscriberId: number,
  q: { now: Date; day?: string },
  advance: (n: number) => void,
) {
  const { deliverDigest } = await import('../digest/deliver.js');
  const { latestScheduled, scheduledOn } = await import('../model/digest.js');
  const s = (await sender.store.subscriberById(subscriberId))!;
  const slot = q.day ? scheduledOn(s.preferences, q.day) : latestScheduled(s.preferences, q.now);
  const lease = { owner: `cli:${process.pid}`, until: new Date(Date.now() + 120_000), lastAttempt: false };
  try {
    const outcome = await deliverDigest(sender, { subscriberId, period: slot.period }, lease);
    if (outcome === 'already-done' || outcome === 'gone')
      console.log(`${s.email}: nothing to send for ${slot.period} (${outcome}).`);
  } catch (e) {
    console.error(`${s.email}: ${(e as Error).message}`);
  } finally {
    advance(1);
  }
}

async function dryRun(sender: DigestSender, q: { now: Date; day?: string; subscriberId?: number }) {
  const [{ dueDigests }, { composeFor }] = await Promise.all([
    import('../digest/plan.js'),
    import('../digest/deliver.js'),
  ]);
  let count = 0;
  let empty = 0;
  for await (const page of dueDigests(sender.store, q)) {
    for (const d of page) {
      const pool = await sender.pools.get(d.day);
      const items = await composeFor(sender, d.subscriber, pool);
      count++;
      if (items.length === 0) empty++;
      const what = items.length
        ? items.map((i) => `\n    ${i.paper.id}  ${i.paper.title.slice(0, 90)}`).join('')
        : d.subscriber.preferences.skipEmpty
          ? ' nothing new: skipped'
          : ' nothing new: an empty digest';
      console.log(`${d.subscriber.email}  ${d.period}  ${items.length} papers:${what}`);
    }
  }
  console.log(`Dry run: ${n(count)} digests due (${n(empty)} with nothing new); nothing was sent or stored.`);
}

async function previewDigest(flags: PreviewFlags) {
  const date = parseDay(flags.date);
  const { store, sender } = await open(flags.dataDir);
  try {
    const s = await subscriberOrFail(store, flags.to);
    const [{ composeFor }, { renderDigest }, { latestScheduled, scheduledOn }, { toMime }] =
      await Promise.all([
        import('../digest/deliver.js'),
        import('../digest/render.js'),
        import('../model/digest.js'),
        import('../mail/mime.js'),
      ]);
    const slot = date ? scheduledOn(s.preferences, date) : latestScheduled(s.preferences, new Date());
    const items = await composeFor(sender, s, await sender.pools.get(slot.day));
    const email = renderDigest(sender, s, slot.period, items);
    const body =
      flags.format === 'eml' ? await toMime(email) : flags.format === 'html' ? email.html : email.text;
    if (flags.out) {
      fs.writeFileSync(flags.out, body);
      console.error(
        `Wrote the ${slot.period} digest for ${s.email} (${items.length} papers) to ${flags.out}.`,
      );
    } else {
      process.stdout.write(body);
    }
  } finally {
    await sender.messenger.close();
    await store.close();
  }
}
