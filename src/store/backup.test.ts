// SQLite's online backup under concurrent writes: a write from another connection restarts the copy, and a
// stream of writes cannot keep it from finishing; the result is always a whole, consistent database.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paper } from '../../test/helpers/papers.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { backupSqlite, checkSqliteBackup, type BackupProgress } from './backup.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

const long = 'word '.repeat(400); // ~2 KB per abstract: 3,000 papers fill more than one 1,024-page step
const papers = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => paper(`2509.${String(from + i).padStart(5, '0')}`, { abstract: long }));

describe('backupSqlite', () => {
  let t: TempStore;
  let file: string;
  let writer: Store;
  beforeEach(async () => {
    t = await tempStore('sqlite');
    file = t.url.replace(/^sqlite:/, '');
    await t.store.importBatch({ papers: papers(0, 3000), signals: [] });
    // Another connection, as another process (serve, an import) would hold.
    writer = openSqliteStore(file);
  });
  afterEach(async () => {
    await writer.close();
    await t.cleanup();
  });

  it('copies a live database in steps, reporting progress, into one checked self-contained file', async () => {
    const target = path.join(t.dir, 'copy.db');
    const seen: BackupProgress[] = [];
    await backupSqlite(file, target, (p) => seen.push(p));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
    expect(checkSqliteBackup(target)).toMatchObject({ papers: 3000, signals: 0 });
    // Rollback-journal mode: no -wal or -shm beside it, one file to copy away.
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('copy.db'))).toEqual(['copy.db']);
  });

  it('restarts after another connection writes, so the copy includes that write', async () => {
    const target = path.join(t.dir, 'copy.db');
    let wrote = false;
    await backupSqlite(file, target, (p) => {
      if (!wrote && p.done > 0 && p.done < p.total) {
        wrote = true;
        void writer.importBatch({ papers: papers(5000, 1), signals: [] });
      }
    });
    expect(wrote).toBe(true);
    expect(checkSqliteBackup(target).papers).toBe(3001);
  });

  it('finishes despite a write between every step (the rest goes in one step)', async () => {
    const target = path.join(t.dir, 'copy.db');
    let n = 0;
    await backupSqlite(file, target, (p) => {
      if (p.done < p.total) void writer.importBatch({ papers: papers(6000 + n++, 1), signals: [] });
    });
    const { papers: copied } = checkSqliteBackup(target);
    expect(copied).toBeGreaterThanOrEqual(3001);
    expect(copied).toBeLessThanOrEqual(3000 + n);
  });

  it('refuses a damaged file', async () => {
    const target = path.join(t.dir, 'copy.db');
    await backupSqlite(file, target);
    const fd = fs.openSync(target, 'r+');
    // Overwrite a stretch of the b-tree pages in the middle with garbage.
    fs.writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, 4096 * 200);
    fs.closeSync(fd);
    expect(() => checkSqliteBackup(target)).toThrow(/integrity check|malformed/);
  });
});
