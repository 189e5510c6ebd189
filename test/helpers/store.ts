// A freshly migrated store in its own temp dir, for tests that need a real database (never a mock).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

export interface TempStore {
  store: Store;
  /** The temp dir holding the database file; removed by cleanup(). */
  dir: string;
  /** Closes the store and deletes `dir`. */
  cleanup(): Promise<void>;
}

/** Opens and migrates an empty SQLite store under a new temp dir. */
export async function tempStore(): Promise<TempStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperpulse-test-'));
  const store = openSqliteStore(path.join(dir, 'paperpulse.db'));
  await store.migrate();
  return {
    store,
    dir,
    async cleanup() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
