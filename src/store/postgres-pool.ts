// The connection pool behind the PostgreSQL store: rows come back as the same JS types SQLite gives (ISO
// strings, JSON text, numbers), and failures to reach the server become StoreErrors that say what to check.
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { StoreError, StoreUnavailableError } from './errors.js';

export interface PostgresPoolOptions {
  /** Most connections this process opens (default 10). Web and worker processes each have their own pool. */
  poolSize?: number;
  /** How long to wait for a connection before failing (ms, default 5,000): requests should fail fast. */
  connectTimeoutMs?: number;
}

type PgModule = typeof pg;
type Parser = (value: string) => unknown;

/**
 * Conversions per type OID, for our pools only (pg's global parsers stay untouched). jsonb/json stay text so the
 * store's row mapping is the one SQLite uses; dates stay 'YYYY-MM-DD' (pg would make a local-midnight Date);
 * bigint counts and change sequences are far below 2^53.
 */
function rowTypes({ types }: PgModule) {
  const { builtins } = types;
  // pg-types declares its parsers as returning `any`; these are the text-format parsers, string in, value out.
  const builtinParser = (oid: number) => types.getTypeParser(oid, 'text') as Parser;
  const timestamptz = builtinParser(builtins.TIMESTAMPTZ);
  const parsers = new Map<number, Parser>([
    [builtins.INT8, Number],
    [builtins.NUMERIC, Number],
    [builtins.DATE, (v) => v],
    [builtins.JSON, (v) => v],
    [builtins.JSONB, (v) => v],
    [builtins.TIMESTAMPTZ, (v) => (timestamptz(v) as Date).toISOString()],
  ]);
  return {
    getTypeParser: ((oid: number) => parsers.get(oid) ?? builtinParser(oid)) as typeof types.getTypeParser,
  };
}

/** Where `url` points, without the password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || new URLSearchParams(u.search).get('host') || 'localhost';
    return `${decodeURIComponent(host)}:${u.port || 5432}${u.pathname || '/'}`;
  } catch {
    return 'the configured server';
  }
}

// Server codes that mean "this connection cannot be used": shutdown, crash recovery, admin termination.
const connectionCodes = /^(08|57P0)/;
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** True when `e` says the server is gone or unreachable, not that a statement was wrong. */
function isConnectionError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  return (
    connectionCodes.test(code) ||
    networkCodes.has(code) ||
    /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(String(err.message))
  );
}

/** The StoreError for a failed connection attempt: what failed, and what the operator should check. */
function unreachable(e: unknown, where: string): StoreError {
  const err = e as { code?: string; message?: string };
  const reason = err.message || err.code || String(e);
  const hint =
    err.code === '3D000'
      ? 'Create the database (createdb) or fix the database name in DATABASE_URL.'
      : err.code === '28P01' || err.code === '28000'
        ? 'Check the user name and password in DATABASE_URL and the server’s pg_hba.conf.'
        : undefined;
  const message = `The PostgreSQL database at ${where} is unreachable (${reason}).`;
  // A missing database or a refused login stays so until an operator acts; anything else (down, restarting,
  // network) may pass by itself, and callers retry or ask to be retried.
  if (hint) return new StoreError(`${message} ${hint}`, { cause: e });
  return new StoreUnavailableError(
    `${message} Check that PostgreSQL is running and reachable from here, and that DATABASE_URL has the right host, port, user, password and database.`,
    { cause: e },
  );
}

/**
 * A Kysely PostgresPool over pg.Pool with paperpulse's type conversions and error messages, created on first use:
 * `pg` is loaded only then, so an SQLite instance never pays for it.
 */
export function createPostgresPool(
  url: string,
  options: PostgresPoolOptions = {},
): () => Promise<PostgresPool> {
  return async () => {
    const { default: pg } = await import('pg');
    const where = describeUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      types: rowTypes(pg),
    });
    // An idle connection whose server went away emits 'error'; unhandled, it would crash the process. The pool
    // drops that client itself and the next query reconnects (or fails with a StoreError): nothing to do here.
    pool.on('error', () => {});
    return {
      async connect() {
        let client: pg.PoolClient;
        try {
          client = await pool.connect();
        } catch (e) {
          throw unreachable(e, where);
        }
        return guarded(client, where);
      },
      end: () => pool.end(),
    };
  };
}

/** `client` whose queries turn a lost connection into a StoreError (and drop the broken connection). */
function guarded(client: pg.PoolClient, where: string): PostgresPoolClient {
  let broken = false;
  // While checked out, a client has no 'error' listener between queries (pg's pool listens only to idle ones):
  // the server ending the connection then (a restart, a failover, pg_terminate_backend) between two statements
  // of a transaction would be an unhandled 'error' event and kill the process. Note it instead: the next query
  // fails as "not queryable", which becomes a StoreError, and release() discards the connection.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  const query = async (text: string, params: readonly unknown[]) => {
    try {
      return await client.query(text, params as unknown[]);
    } catch (e) {
      if (!isConnectionError(e)) throw e;
      broken = true;
      throw unreachable(e, where);
    }
  };
  return {
    // Only the (sql, parameters) form is ever called: the dialect is configured without a cursor.
    query: query as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => {
      client.off('error', onError);
      client.release(destroy || broken);
    },
  };
}
