// `paperpulse db copy --from URL --to URL`: move an instance to another database (typically SQLite to
// PostgreSQL), resumable, with verified counts. The copying itself is store/copy.ts.
import fs from 'node:fs';
import { ExitCode } from './exit-codes.js';
import { UsageError } from './import.js';

export interface CopyFlags {
  from: string;
  to: string;
  batchSize: string;
}

const databaseUrl = /^(postgres(ql)?:\/\/|sqlite:)/;
const n = (x: number) => x.toLocaleString('en-US');

/** Runs the copy and prints what it did; sets a sysexits code when the source file is missing. */
export async function runDbCopy(flags: CopyFlags): Promise<void> {
  for (const [name, url] of Object.entries({ from: flags.from, to: flags.to })) {
    if (!databaseUrl.test(url)) {
      throw new UsageError(`--${name} must be sqlite:PATH or postgres://…, not "${url}"`);
    }
  }
  if (flags.from === flags.to) throw new UsageError('--from and --to name the same database');
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new UsageError(`--batch-size must be a positive whole number, not "${flags.batchSize}"`);
  }
  const sourceFile = flags.from.startsWith('sqlite:') ? flags.from.replace(/^sqlite:(\/\/)?/, '') : undefined;
  if (sourceFile !== undefined && !fs.existsSync(sourceFile)) {
    // Opening it would create an empty database and "copy" nothing.
    process.stderr.write(`Cannot read ${sourceFile}: no such file. Nothing was copied.\n`);
    process.exitCode = ExitCode.noInput;
    return;
  }

  const [{ openStore }, { copyStore }, { describeUrl }, { startCountProgress }] = await Promise.all([
    import('../store/open.js'),
    import('../store/copy.js'),
    import('../store/postgres-pool.js'),
    import('./progress.js'),
  ]);
  const source = sourceFile !== undefined ? `sqlite:${sourceFile}` : describeUrl(flags.from);
  const from = openStore({ dataDir: '.', databaseUrl: flags.from });
  const to = openStore({ dataDir: '.', databaseUrl: flags.to });
  const started = performance.now();
  let progress: ReturnType<typeof startCountProgress> | undefined;
  let shown = 0;
  try {
    // Both schemas must be current: the source's to be read, the target's to be written.
    await from.migrate();
    await to.migrate();
    const result = await copyStore(from, to, {
      source,
      batchSize,
      onProgress(p) {
        progress ??= startCountProgress(p.totalPapers + p.totalSignals, 'Copying', 'rows');
        progress.advance(p.papers + p.signals - shown);
        shown = p.papers + p.signals;
      },
    });
    progress?.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `${result.resumed ? 'Resumed and copied' : 'Copied'} ${n(result.papers)} papers (${n(result.inserted)} new) ` +
        `and ${n(result.signals)} signal observations in ${seconds} s. Verified: the target holds ` +
        `${n(result.totalPapers)} papers and ${n(result.totalSignals)} signal observations, as the source does; ` +
        `${n(result.subscribers)} subscribers and ${n(result.reactions)} reactions copied.\n`,
    );
  } finally {
    progress?.stop();
    await Promise.all([from.close(), to.close()]);
  }
}
