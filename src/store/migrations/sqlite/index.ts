// The ordered list of SQLite migrations; names sort in the order they must run.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-jobs.js';

const migrations: Record<string, Migration> = { '001-initial': m001, '002-jobs': m002 };

/** Supplies the SQLite migrations to Kysely's Migrator (compiled in, so no files are read at run time). */
export const sqliteMigrations: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
