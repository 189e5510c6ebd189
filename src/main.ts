// The paperpulse command line: argv -> one command. `serve` is one of them.
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config.js';
import { FileError } from './ingest/read-records.js';
import { ImportError } from './ingest/import.js';
import { StoreError } from './store/sqlite.js';
import { serveCommand } from './cli/serve.js';
import { importCommand, UsageError } from './cli/import.js';
import { dbCommand } from './cli/db.js';
import { ExitCode } from './cli/exit-codes.js';

const program = new Command('paperpulse')
  .description(
    'Trending research papers: ingest, rank with an explained score, browse, search and mail digests.',
  )
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

serveCommand(program);
importCommand(program);
dbCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Commander already printed the problem (or the help/version text).
    process.exitCode = e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  } else if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = ExitCode.config;
  } else if (e instanceof UsageError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = ExitCode.usage;
  } else if (e instanceof FileError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = ExitCode.noInput;
  } else if (e instanceof ImportError || e instanceof StoreError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = ExitCode.failure;
  } else {
    process.stderr.write(`paperpulse failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = ExitCode.failure;
  }
}
