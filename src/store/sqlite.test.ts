// What only the SQLite backend does: its file, WAL mode, the page-count quota. The store contract shared with
// PostgreSQL is tested for both backends in store.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import { openSqliteStore, StoreError } from './sqlite.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';

let t: TempStore;
beforeAll(async () => {
  t = await tempStore('sqlite');
});
afterAll(() => t.cleanup());

describe('opening and migrating', () => {
  it('creates the file and applies the migrations once; a second run applies nothing', async () => {
    const file = path.join(t.dir, 'migrate-twice.db');
    const other = openSqliteStore(file);
    try {
      expect(fs.existsSync(file)).toBe(true);
      expect(await other.migrate()).toEqual(Object.keys(await sqliteMigrations.getMigrations()).sort());
      expect(await other.migrate()).toEqual([]);
      expect(await other.paperCount()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('keeps the file in WAL mode', () => {
    // Bytes 18 and 19 of the SQLite header (file format write/read versions) are 2 in WAL mode, 1 otherwise.
    const header = fs.readFileSync(path.join(t.dir, 'paperpulse.db')).subarray(0, 20);
    expect(header.toString('latin1', 0, 15)).toBe('SQLite format 3');
    expect([header[18], header[19]]).toEqual([2, 2]);
    expect(fs.existsSync(path.join(t.dir, 'paperpulse.db-wal'))).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxPageCount %s', (maxPageCount) => {
    expect(() => openSqliteStore(path.join(t.dir, 'never.db'), { maxPageCount })).toThrow(StoreError);
    expect(fs.existsSync(path.join(t.dir, 'never.db'))).toBe(false);
  });

  it('says which file it cannot open', () => {
    // A directory where the file should be: SQLite cannot open it as a database.
    const dir = path.join(t.dir, 'a-directory.db');
    fs.mkdirSync(dir);
    expect(() => openSqliteStore(dir)).toThrow(new RegExp(`Cannot open the SQLite database at ${dir}`));
  });
});
