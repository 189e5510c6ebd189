// `paperpulse subscribers list|export|import|bounce|complaint|webhook-secret`: the operator's side of
// subscriptions. Export writes one JSON line per subscriber (preferences and state); import reads that format,
// validating each line and listing the rejected ones as `file:line: rejected: reason`, like `paperpulse import`.
import fs from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { SubscriberStatus } from '../model/subscriber.js';
import type { SubscriberImport } from '../store/subscriber-store.js';
import { ExitCode } from './exit-codes.js';
import { UsageError } from './import.js';

const statuses = ['pending', 'active', 'paused', 'unsubscribed'] as const;

const dataDirOption = ['-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)'] as const;

async function withStore<T>(
  dataDir: string | undefined,
  run: (ctx: Awaited<ReturnType<typeof open>>) => Promise<T>,
) {
  const ctx = await open(dataDir);
  try {
    return await run(ctx);
  } finally {
    await ctx.store.close();
  }
}

async function open(dataDir: string | undefined) {
  const { openContext } = await import('./context.js');
  return openContext({ dataDir });
}

/** Registers the subscribers command group. */
export function subscribersCommand(program: Command) {
  const cmd = program.command('subscribers').description('list, export, import subscribers; record bounces');

  cmd
    .command('list')
    .description('one line per subscriber (id, address, status, suppression, created), then the counts')
    .addOption(new Option('--status <status>', 'only this status').choices(statuses))
    .option(...dataDirOption)
    .action((flags: { status?: SubscriberStatus; dataDir?: string }) =>
      withStore(flags.dataDir, async ({ store }) => {
        for (let afterId = 0; ;) {
          const page = await store.listSubscribers({ afterId, limit: 1000, status: flags.status });
          for (const s of page) {
            const suppressed = s.suppressed ? `suppressed:${s.suppressed.reason}` : '-';
            process.stdout.write(`${s.id}\t${s.email}\t${s.status}\t${suppressed}\t${s.createdAt}\n`);
          }
          if (page.length === 0) break;
          afterId = page.at(-1)!.id;
        }
        const c = await store.subscriberCounts();
        process.stderr.write(
          `${c.active} active, ${c.paused} paused, ${c.pending} pending, ${c.unsubscribed} unsubscribed; ` +
            `${c.suppressed} suppressed.\n`,
        );
      }),
    );

  cmd
    .command('export')
    .description('write every subscriber as JSON lines (preferences and state) to stdout or --out')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option(...dataDirOption)
    .action((flags: { out?: string; dataDir?: string }) =>
      withStore(flags.dataDir, async ({ store }) => {
        const { exportLine } = await import('./subscriber-lines.js');
        const out: NodeJS.WritableStream = flags.out ? fs.createWriteStream(flags.out) : process.stdout;
        let n = 0;
        for (let afterId = 0; ;) {
          const page = await store.listSubscribers({ afterId, limit: 1000 });
          if (page.length === 0) break;
          const chunk = page.map(exportLine).join('\n') + '\n';
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          n += page.length;
          afterId = page.at(-1)!.id;
        }
        if (flags.out)
          await new Promise<void>((resolve, reject) =>
            (out as fs.WriteStream).end((e?: Error) => (e ? reject(e) : resolve())),
          );
        process.stderr.write(`Exported ${n} subscribers${flags.out ? ` to ${flags.out}` : ''}.\n`);
      }),
    );

  cmd
    .command('import')
    .description('add or update subscribers (by address) from `subscribers export` JSON lines')
    .argument('<file>', 'a JSON-lines file (plain or .gz)')
    .option(...dataDirOption)
    .addHelpText(
      'after',
      `
Each line: {"email", "status", "preferences"?, "suppressed"?, "createdAt"?, "confirmedAt"?}. Missing preferences
get their defaults. Importing "active" subscribers skips double opt-in: only import addresses that confirmed
elsewhere. Rejected lines are listed as file:line: rejected: reason; the rest is imported (exit 65).`,
    )
    .action(async (file: string, flags: { dataDir?: string }) => {
      if (!fs.existsSync(file)) {
        process.stderr.write(`Cannot read ${file}: no such file. Nothing was imported.\n`);
        process.exitCode = ExitCode.noInput;
        return;
      }
      const [{ readRecords }, { subscriberLine }] = await Promise.all([
        import('../ingest/read-records.js'),
        import('./subscriber-lines.js'),
      ]);
      await withStore(flags.dataDir, async ({ store }) => {
        const now = new Date();
        const counts = { inserted: 0, updated: 0, rejected: 0 };
        for await (const r of readRecords(file)) {
          const parsed = 'error' in r ? undefined : subscriberLine.safeParse(r.value);
          if (!parsed?.success) {
            const reason =
              'error' in r
                ? r.error
                : parsed!.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
            process.stderr.write(`${file}:${r.line}: rejected: ${reason}\n`);
            counts.rejected++;
            continue;
          }
          const row: SubscriberImport = parsed.data;
          const { inserted } = await store.importSubscriber(row, now);
          counts[inserted ? 'inserted' : 'updated']++;
        }
        process.stdout.write(
          `Imported subscribers from ${file}: ${counts.inserted} new, ${counts.updated} updated, ${counts.rejected} rejected.\n`,
        );
        if (counts.rejected) process.exitCode = ExitCode.dataRejected;
      });
    });

  for (const [name, description] of [
    ['bounce', 'record a bounce: hard (default) suppresses at once, --soft counts toward SOFT_BOUNCE_LIMIT'],
    ['complaint', 'record a spam complaint: the address is suppressed at once'],
  ] as const) {
    const sub = cmd.command(name).description(description).argument('<email>', 'the address');
    if (name === 'bounce') sub.option('--soft', 'a soft (temporary) bounce');
    sub.option(...dataDirOption).action((email: string, flags: { soft?: boolean; dataDir?: string }) =>
      withStore(flags.dataDir, async ({ store, config }) => {
        if (!email.includes('@')) throw new UsageError(`"${email}" is not an email address`);
        const kind = name === 'complaint' ? 'complaint' : flags.soft ? 'soft' : 'hard';
        const s = await store.recordBounce(email, kind, config.softBounceLimit, new Date());
        if (!s) {
          process.stderr.write(`No subscriber has the address ${email}; nothing was recorded.\n`);
          process.exitCode = ExitCode.dataRejected;
          return;
        }
        process.stdout.write(
          s.suppressed
            ? `${s.email} is suppressed (${s.suppressed.reason}, since ${s.suppressed.at}): it is never mailed again.\n`
            : `${s.email}: ${s.softBounces} of ${config.softBounceLimit} soft bounces before suppression.\n`,
        );
      }),
    );
  }

  cmd
    .command('webhook-secret')
    .description(
      'print the key that signs bounce webhook calls (WEBHOOK_SECRET, or the one derived from SECRET_KEY)',
    )
    .option(...dataDirOption)
    .action((flags: { dataDir?: string }) =>
      withStore(flags.dataDir, async ({ config }) => {
        const [{ ensureSecretKey }, { derivedWebhookSecret }] = await Promise.all([
          import('./secret.js'),
          import('../mail/accounts.js'),
        ]);
        process.stdout.write(`${config.webhookSecret ?? derivedWebhookSecret(ensureSecretKey(config))}\n`);
      }),
    );
}
