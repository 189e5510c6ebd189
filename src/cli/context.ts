// What every command needs: validated config, a logger and an open, migrated store.
import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

export interface CommandContext {
  config: Config;
  log: Logger;
  store: Store;
  /** Migrations applied while opening (empty when the schema was current); the command reports them. */
  migrated: string[];
}

/** Loads config from env + flags, opens the store and runs pending migrations. */
export async function openContext(flags: Record<string, unknown>): Promise<CommandContext> {
  const config = loadConfig(process.env, flags);
  const log = createLogger(config.logLevel);
  const store = openStore(config);
  const migrated = await store.migrate();
  if (store.backend === 'postgres' && !config.secretKey) {
    // Web and worker processes on other machines (or other DATA_DIRs) must sign and verify with one key: a
    // key generated per DATA_DIR would make a link signed by one process invalid on the next.
    const { sharedSecretKey } = await import('./secret.js');
    const secretKey = await sharedSecretKey(config, store);
    return { config: Object.freeze({ ...config, secretKey }), log, store, migrated };
  }
  return { config, log, store, migrated };
}
