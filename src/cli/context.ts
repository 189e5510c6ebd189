// What every command needs: validated config, a logger and an open, migrated store.
import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

export interface CommandContext {
  config: Config;
  log: Logger;
  store: Store;
}

/** Loads config from env + flags, opens the store and runs pending migrations (logged). */
export async function openContext(flags: Record<string, unknown>): Promise<CommandContext> {
  const config = loadConfig(process.env, flags);
  const log = createLogger(config.logLevel);
  const store = openStore(config);
  const applied = await store.migrate();
  if (applied.length) log.info({ migrations: applied }, `database migrated (${applied.join(', ')})`);
  return { config, log, store };
}
