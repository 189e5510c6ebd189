// A connection the server ends while it is checked out but between statements (the gap inside a transaction, or
// a claim loop holding it): the process must not crash on pg's 'error' event; the next statement fails with a
// StoreUnavailableError, and the pool carries on with a new connection.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, terminateConnections, type TestDatabase } from '../../test/helpers/postgres.js';
import { StoreUnavailableError } from './errors.js';
import { createPostgresPool } from './postgres-pool.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

it('survives the server ending a checked-out connection between statements', async () => {
  const pool = await createPostgresPool(db.url)();
  try {
    const held = await pool.connect();
    await held.query('begin', []);
    expect(await terminateConnections(db.url)).toBeGreaterThan(0);
    // Let the server's "terminating connection" message arrive while no statement is running.
    await new Promise((r) => setTimeout(r, 300));
    const e = (await held.query('select 1', []).then(
      () => undefined,
      (err: unknown) => err,
    )) as Error;
    expect(e).toBeInstanceOf(StoreUnavailableError);
    expect(e.message).toMatch(/is unreachable/);
    held.release();

    const fresh = await pool.connect();
    try {
      const r = (await fresh.query('select 41 + 1 as n', [])) as unknown as { rows: { n: number }[] };
      expect(r.rows[0]!.n).toBe(42);
    } finally {
      fresh.release();
    }
  } finally {
    await pool.end();
  }
});
