// Chooses the Store implementation from the configuration.
import path from 'node:path';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite.js';

/** Opens the configured store: SQLite under DATA_DIR unless DATABASE_URL says otherwise. */
export function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Store {
  const url = config.databaseUrl;
  if (!url) return openSqliteStore(path.join(config.dataDir, 'paperpulse.db'));
  if (url.startsWith('sqlite:')) return openSqliteStore(url.replace(/^sqlite:(\/\/)?/, ''));
  throw new ConfigError(
    'DATABASE_URL points at PostgreSQL, which this release cannot use yet (it is planned). Unset DATABASE_URL to use the embedded SQLite store in DATA_DIR.',
  );
}
