// The secret key of a shared deployment: every process on one PostgreSQL database ends up with the same key,
// whatever its DATA_DIR, and an instance moved over from SQLite keeps the key it had.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openStore } from '../store/open.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { ensureSecretKey, sharedSecretKey } from './secret.js';

describe('sharedSecretKey (PostgreSQL)', () => {
  let t: TempStore;
  beforeEach(async () => {
    t = await tempStore('postgres');
  });
  afterEach(() => t.cleanup());

  const config = (dataDir: string, env: Record<string, string> = {}) =>
    loadConfig({ DATA_DIR: dataDir, DATABASE_URL: t.url, ...env });

  it('gives processes with different data dirs one key, created by whichever asks first', async () => {
    const dirs = ['web-1', 'web-2', 'worker-1'].map((d) => path.join(t.dir, d));
    const stores = dirs.map(() => openStore({ dataDir: t.dir, databaseUrl: t.url }));
    try {
      const keys = await Promise.all(stores.map((s, i) => sharedSecretKey(config(dirs[i]!), s)));
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(/^[\w-]{43}$/);
      // Nothing was written into the data dirs: the key lives in the database.
      for (const d of dirs) expect(fs.existsSync(path.join(d, 'secret.key'))).toBe(false);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('keeps the key an SQLite instance generated into DATA_DIR when it moves to PostgreSQL', async () => {
    const dir = path.join(t.dir, 'old-instance');
    const old = ensureSecretKey(loadConfig({ DATA_DIR: dir }));
    expect(await sharedSecretKey(config(dir), t.store)).toBe(old);
    // Later processes, wherever they run, get the same one.
    expect(await sharedSecretKey(config(path.join(t.dir, 'elsewhere')), t.store)).toBe(old);
  });

  it('uses SECRET_KEY when it is set, and stores nothing', async () => {
    const key = 'k'.repeat(40);
    expect(await sharedSecretKey(config(t.dir, { SECRET_KEY: key }), t.store)).toBe(key);
    expect(await t.store.getMeta('secret_key')).toBeUndefined();
  });
});
