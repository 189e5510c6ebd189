// Fresh PostgreSQL databases for tests, created in the run's shared test cluster (see test/global-setup.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** URL of the new, empty database. */
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/** The test server's superuser URL; throws the reason (e.g. binaries missing) when there is none. */
export function postgresServerUrl(): string {
  const provided = inject('postgres');
  if ('error' in provided) throw new Error(provided.error);
  return provided.url;
}

/** Runs one administrative statement on the test server's `postgres` database; returns its rows. */
async function admin(statement: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** How many connections are open with this `application_name` (set it in a store's URL to count its pool). */
export async function connectionCount(applicationName: string): Promise<number> {
  const rows = await admin('select count(*)::int as n from pg_stat_activity where application_name = $1', [
    applicationName,
  ]);
  return rows[0]!.n as number;
}

/** Makes the server close every connection to the database at `url`, as a restart or failover would. */
export async function terminateConnections(url: string): Promise<number> {
  const rows = await admin(
    'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1',
    [databaseOf(url)],
  );
  return rows[0]!.n as number;
}

/** Creates an empty database with a unique name; the caller drops it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `paperpulse_test_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
