// Once per `vitest run`: one throwaway PostgreSQL cluster that every test file shares (each file creates its own
// databases in it, see helpers/postgres.ts). PAPERPULSE_TEST_POSTGRES_URL (a superuser URL) uses a running
// server instead. When the binaries are missing, only the tests that need PostgreSQL fail, with the reason.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './helpers/postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server, or why there is none. */
    postgres: { url: string } | { error: string };
  }
}

/** Starts the run's PostgreSQL (or takes the given one) and provides its URL; the returned function removes it. */
export default async function setup(project: TestProject) {
  const given = process.env.PAPERPULSE_TEST_POSTGRES_URL;
  if (given) {
    project.provide('postgres', { url: given });
    return;
  }
  try {
    const cluster = await startPostgresCluster();
    project.provide('postgres', { url: cluster.url });
    return () => cluster.stop();
  } catch (e) {
    project.provide('postgres', { error: (e as Error).message });
  }
}
