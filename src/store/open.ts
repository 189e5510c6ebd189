// Chooses the Store implementation from the configuration.
import path from 'node:path';
import type { Config } from '../config.js';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite.js';
import { openPostgresStore } from './postgres.js';

export type StoreConfig = Pick<Config, 'dataDir' | 'databaseUrl'> & Partial<Pick<Config, 'databasePoolSize'>>;

/** Opens the configured store: SQLite under DATA_DIR, or what DATABASE_URL names (sqlite: or postgres://). */
export function openStore(config: StoreConfig): Store {
  const url = config.databaseUrl;
  if (!url) return openSqliteStore(path.join(config.dataDir, 'paperpulse.db'));
  if (/^postgres(ql)?:/.test(url)) return openPostgresStore(url, { poolSize: config.databasePoolSize });
  return openSqliteStore(url.replace(/^sqlite:(\/\/)?/, ''));
}
