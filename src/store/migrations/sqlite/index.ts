// The ordered list of SQLite migrations; names sort in the order they must run.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-jobs.js';
import * as m003 from './003-subscribers.js';
import * as m004 from './004-digests.js';
import * as m005 from './005-trending.js';
import * as m006 from './006-vectors.js';
import * as m007 from './007-paper-indexes.js';

const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-jobs': m002,
  '003-subscribers': m003,
  '004-digests': m004,
  '005-trending': m005,
  '006-vectors': m006,
  '007-paper-indexes': m007,
};

/** Supplies the SQLite migrations to Kysely's Migrator (compiled in, so no files are read at run time). */
export const sqliteMigrations: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
