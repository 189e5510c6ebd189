// A freshly migrated store for tests that need a real database (never a mock): an SQLite file in its own temp
// dir, or a new database in the run's PostgreSQL test cluster.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { createTestDatabase } from './postgres.js';

export type Backend = Store['backend'];

/** Both store backends, for `describe.each(backends)`. */
export const backends: Backend[] = ['sqlite', 'postgres'];

export interface TempStore {
  store: Store;
  /** A temp dir for files the test writes (for SQLite it holds the database file); removed by cleanup(). */
  dir: string;
  /** The database URL for DATABASE_URL (sqlite:/path/file.db or postgres://…), e.g. for a child process. */
  url: string;
  /** Closes the store and deletes `dir` (and, on PostgreSQL, the database). */
  cleanup(): Promise<void>;
}

/** Opens and migrates an empty store of the given backend (default SQLite). */
export async function tempStore(backend: Backend = 'sqlite'): Promise<TempStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-test-'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (backend === 'sqlite') {
    const file = path.join(dir, 'paperpulse.db');
    const store = openSqliteStore(file);
    await store.migrate();
    return {
      store,
      dir,
      url: `sqlite:${file}`,
      async cleanup() {
        await store.close();
        removeDir();
      },
    };
  }
  const database = await createTestDatabase();
  const store = openPostgresStore(database.url);
  await store.migrate();
  return {
    store,
    dir,
    url: database.url,
    async cleanup() {
      await store.close();
      await database.drop();
      removeDir();
    },
  };
}
