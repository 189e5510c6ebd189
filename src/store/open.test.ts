// openStore picks the backend from DATABASE_URL (as parsed into Config).
import path from 'node:path';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { openStore } from './open.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';

let pg: TempStore;
beforeAll(async () => {
  pg = await tempStore('postgres');
});
afterAll(() => pg?.cleanup());

describe('openStore', () => {
  it.each(['postgres:', 'postgresql:'])('opens PostgreSQL for a %s// URL', async (scheme) => {
    const store = openStore({ dataDir: pg.dir, databaseUrl: pg.url.replace(/^postgres:/, scheme) });
    try {
      expect(store.backend).toBe('postgres');
      expect(await store.migrate()).toEqual([]); // the helper migrated this database already
    } finally {
      await store.close();
    }
  });

  it.each([
    { databaseUrl: undefined, file: 'paperpulse.db' },
    { databaseUrl: 'sqlite:FILE', file: 'other.db' },
  ])('opens SQLite for DATABASE_URL=$databaseUrl', async ({ databaseUrl, file }) => {
    const where = path.join(pg.dir, file);
    const store = openStore({ dataDir: pg.dir, databaseUrl: databaseUrl?.replace('FILE', where) });
    try {
      expect(store.backend).toBe('sqlite');
      // Every migration, in name order (the list grows with each issue).
      expect(await store.migrate()).toEqual(Object.keys(await sqliteMigrations.getMigrations()).sort());
    } finally {
      await store.close();
    }
  });
});
