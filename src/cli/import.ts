// `paperpulse import FILE...`: bulk import of JSON-lines files (gzip or plain) and raw JSON array files.
import fs from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatNames } from '../ingest/formats/index.js';
import type { ImportSummary } from '../ingest/import.js';
import { ExitCode } from './exit-codes.js';
import { UserError } from '../errors.js';

interface ImportFlags {
  format: string;
  batchSize: string;
  dataDir?: string;
}

const n = (x: number) => x.toLocaleString('en-US');

/** One sentence that says what the import did, including "nothing changed". */
export function describeSummary(s: ImportSummary, seconds: number): string {
  const rate = seconds > 0 ? ` (${n(Math.round(s.records / seconds))} records/s)` : '';
  const head = `Read ${n(s.records)} records from ${n(s.files)} file${s.files === 1 ? '' : 's'} in ${seconds.toFixed(1)} s${rate}:`;
  if (s.inserted + s.updated === 0 && s.signals === 0) {
    const rejected = s.rejected ? `; ${n(s.rejected)} rejected` : '';
    return `${head} nothing changed — ${n(s.unchanged)} papers were already up to date${rejected}.`;
  }
  return (
    `${head} ${n(s.inserted)} new, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged, ${n(s.rejected)} rejected; ` +
    `${n(s.signals)} signal observations added.`
  );
}

/** Registers the import command. */
export function importCommand(program: Command) {
  program
    .command('import')
    .description('import papers (and their signals) from files; safe to re-run: unchanged papers are skipped')
    .argument('<files...>', 'JSON-lines files, plain or .gz, or raw Hugging Face daily JSON files')
    .addOption(new Option('-f, --format <format>', 'input format').choices(formatNames).default('auto'))
    .option('--batch-size <n>', 'records per transaction', '1000')
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .addHelpText(
      'after',
      `
Formats:
  auto          recognise each file from its first record (default)
  paperpulse    paperpulse's own schema (id, title, abstract, authors[], categories[], ..., signals[])
  arxiv-corpus  normalised arXiv listing rows (id, first_seen, sources[], ...)
  kaggle        the Kaggle/Cornell arxiv-metadata-oai-snapshot.json
  hf-daily      Hugging Face daily papers: flattened rows or raw /api/daily_papers responses
  seed-page     the trending page paperpulse grew from (rows without an arXiv id are rejected)

Exit codes: 0 done, 65 done but some records were rejected (each is listed), 66 a file could not be read,
78 bad configuration, 1 other failure.

Example:
  npx paperpulse import ../shared/data/arxiv-corpus/corpus-2025-*.jsonl.gz`,
    )
    .action(async (files: string[], flags: ImportFlags) => {
      const batchSize = Number(flags.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1) {
        throw new UsageError(`--batch-size must be a positive whole number, not "${flags.batchSize}"`);
      }
      const missing = files.filter((f) => !fs.existsSync(f));
      if (missing.length) {
        process.stderr.write(`Cannot read ${missing.join(', ')}: no such file. Nothing was imported.\n`);
        process.exitCode = ExitCode.noInput;
        return;
      }
      const [{ emptySummary, importFile }, { openContext }, { startProgress }] = await Promise.all([
        import('../ingest/import.js'),
        import('./context.js'),
        import('./progress.js'),
      ]);
      const { store, migrated } = await openContext({ dataDir: flags.dataDir });
      if (migrated.length) process.stderr.write(`Database migrated (${migrated.join(', ')}).\n`);
      const total = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
      const progress = startProgress(total, 'Importing');
      const summary = emptySummary();
      const started = performance.now();
      try {
        for (const file of files) {
          await importFile(
            store,
            file,
            {
              format: flags.format,
              batchSize,
              onBytes: (b) => progress.advance(b),
              onReject: (r) => progress.log(`${r.file}:${r.line}: rejected: ${r.reason}`),
            },
            summary,
          );
        }
      } catch (e) {
        progress.stop();
        process.stderr.write(describeSummary(summary, (performance.now() - started) / 1000) + '\n');
        throw e;
      } finally {
        progress.stop();
        await store.close();
      }
      process.stdout.write(describeSummary(summary, (performance.now() - started) / 1000) + '\n');
      if (summary.rejected > 0) process.exitCode = ExitCode.dataRejected;
    });
}

/** Wrong usage detected after option parsing; main() turns it into exit code 64. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 'usage');
  }
}
