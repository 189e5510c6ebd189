// The paperpulse command line: argv -> one command. `serve` is one of them.
import { Command, CommanderError } from 'commander';
import { UserError } from './errors.js';
import { serveCommand } from './cli/serve.js';
import { importCommand } from './cli/import.js';
import { dbCommand } from './cli/db.js';
import { ingestCommand } from './cli/ingest.js';
import { mcpCommand } from './cli/mcp.js';
import { indexCommand } from './cli/index-command.js';
import { workerCommand } from './cli/worker.js';
import { digestCommand } from './cli/digest.js';
import { trendingCommand } from './cli/trending.js';
import { subscribersCommand } from './cli/subscribers.js';
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
ingestCommand(program);
mcpCommand(program, '0.1.0');
indexCommand(program);
workerCommand(program);
digestCommand(program);
trendingCommand(program);
subscribersCommand(program);

const exitCodes = {
  config: ExitCode.config,
  usage: ExitCode.usage,
  input: ExitCode.noInput,
  failure: ExitCode.failure,
};

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Commander already printed the problem (or the help/version text).
    process.exitCode = e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  } else if (e instanceof UserError) {
    process.stderr.write(`${e.message}\n`);
    // The database is away for now (restart, network): scripts and systemd may retry later (EX_TEMPFAIL).
    process.exitCode = e.name === 'StoreUnavailableError' ? ExitCode.tempFail : exitCodes[e.kind];
  } else {
    process.stderr.write(`paperpulse failed unexpectedly: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = ExitCode.failure;
  }
}
