// `paperpulse db migrate`: bring the database schema up to date (serve also does this on start).
import type { Command } from 'commander';

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
}
