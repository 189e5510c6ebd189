// `paperpulse db migrate`: bring the database schema up to date (serve also does this on start);
// `paperpulse db copy`: move an instance to another database (db-copy.ts);
// `paperpulse db backup`: a verified backup while the instance runs (db-backup.ts).
import type { Command } from 'commander';
import type { CopyFlags } from './db-copy.js';
import type { BackupFlags } from './db-backup.js';

/** Registers the db command group. */
export function dbCommand(program: Command) {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending schema migrations')
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .action(async (flags: { dataDir?: string }) => {
      const [{ loadConfig }, { openStore }] = await Promise.all([
        import('../config.js'),
        import('../store/open.js'),
      ]);
      const store = openStore(loadConfig(process.env, { dataDir: flags.dataDir }));
      try {
        const applied = await store.migrate();
        process.stdout.write(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
            : 'The database is up to date.\n',
        );
      } finally {
        await store.close();
      }
    });
  db.command('backup')
    .description('write a verified backup of the database while it keeps running')
    .option('--to <file>', 'where to write it (default DATA_DIR/backups/paperpulse-<UTC time>.db or .dump)')
    .option('-d, --data-dir <dir>', 'data directory (env DATA_DIR, default ./data)')
    .option('--print-command', 'PostgreSQL: print the pg_dump command instead of running it')
    .addHelpText(
      'after',
      `
SQLite: copies the file with SQLite's online backup API (serve and workers may keep running), then checks the
copy (PRAGMA integrity_check, row counts) before giving it its final name. PostgreSQL: runs pg_dump
--format=custom when pg_dump is on PATH and checks the dump by reading it back with pg_restore; otherwise prints
the pg_dump command to run (exit 69). The password never appears on a command line (PGPASSWORD is used).

Examples:
  npx paperpulse db backup --to /var/backups/paperpulse.db
  DATABASE_URL=postgres://paperpulse@db/paperpulse npx paperpulse db backup --print-command`,
    )
    .action(async (flags: BackupFlags) => {
      const { runDbBackup } = await import('./db-backup.js');
      await runDbBackup(flags);
    });
  db.command('copy')
    .description('copy every paper and signal into another database, e.g. SQLite to PostgreSQL (resumable)')
    .requiredOption('--from <url>', 'source: sqlite:PATH or postgres://…')
    .requiredOption(
      '--to <url>',
      'target: an empty database (or one an earlier copy from --from left behind)',
    )
    .option('--batch-size <n>', 'rows per target transaction', '1000')
    .addHelpText(
      'after',
      `
Papers stream by change cursor, then signal observations by id. The target keeps a checkpoint, so an
interrupted copy resumes where it stopped, and running it again later copies only what changed since
(stop serve, workers and imports on the source before the last run). Counts are verified at the end.

Example:
  npx paperpulse db copy --from sqlite:./data/paperpulse.db --to postgres://paperpulse@db.example.org/paperpulse`,
    )
    .action(async (flags: CopyFlags) => {
      const { runDbCopy } = await import('./db-copy.js');
      await runDbCopy(flags);
    });
}
