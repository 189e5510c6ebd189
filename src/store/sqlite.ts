// The embedded Store: one SQLite file (WAL) through Kysely. The SQL both backends share is in kysely-store.ts and
// import-batch.ts; SQLite-only SQL lives here and in migrations/sqlite/.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Selectable } from 'kysely';
import type { CodeLink, Job, Store } from './store.js';
import type { Database, JobsTable } from './schema.js';
import { StoreError } from './errors.js';
import { KyselyStore } from './kysely-store.js';
import { anyDueJob, claimQuery, failExhausted, toJob } from './job-queries.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';

// Callers imported StoreError from here before the PostgreSQL store existed.
export { StoreError };

export interface SqliteStoreOptions {
  /**
   * Caps the database file at this many pages (4 KiB each by default) with `PRAGMA max_page_count`; a write
   * that would grow it further fails as "database or disk is full" and its transaction rolls back. Operators
   * use it as a size quota; tests use it to simulate a full disk. Applies to this connection only.
   */
  maxPageCount?: number;
}

/** Opens (creating if needed) the SQLite store at `file`; call migrate() before use. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const { maxPageCount } = options;
  if (maxPageCount !== undefined && !(Number.isInteger(maxPageCount) && maxPageCount > 0)) {
    throw new StoreError(`maxPageCount must be a positive integer, got ${maxPageCount}`);
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let handle: SQLite.Database;
  try {
    handle = new SQLite(file);
    handle.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    if (maxPageCount !== undefined) handle.pragma(`max_page_count = ${maxPageCount}`);
  } catch (cause) {
    throw new StoreError(`Cannot open the SQLite database at ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return new SqliteStore(db, handle);
}

class SqliteStore extends KyselyStore {
  readonly backend = 'sqlite' as const;
  // One writer at a time is all SQLite allows, so there is nothing to lock.
  protected readonly locksChangeSeq = false;

  constructor(
    db: Kysely<Database>,
    private readonly handle: SQLite.Database,
  ) {
    super(db, sqliteMigrations);
  }

  async codeLinks(after: { paperId: string; url: string } | undefined, limit: number): Promise<CodeLink[]> {
    // code_urls is a JSON array; json_each unnests it so links page in a stable (paper, url) order.
    const rows = await sql<{ paper_id: string; url: string }>`
      select p.id as paper_id, j.value as url
      from papers p, json_each(p.code_urls) j
      where p.code_urls <> '[]'
        and (p.id > ${after?.paperId ?? ''} or (p.id = ${after?.paperId ?? ''} and j.value > ${after?.url ?? ''}))
      order by p.id, j.value
      limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ paperId: r.paper_id, url: r.url }));
  }

  protected authorIs(name: string) {
    // Authors are a JSON array; exact-name match through json_each. Fine at this size; an author index can
    // follow if author pages become hot.
    return sql<boolean>`exists (select 1 from json_each(papers.authors) a where a.value = ${name})`;
  }

  async claimJob(worker: string, kinds: string[], leaseMs: number, now: Date): Promise<Job | undefined> {
    if (kinds.length === 0) return undefined;
    // Most polls find nothing due: answer those with a plain read, which takes no lock (WAL), so an idle worker
    // never waits for, or holds up, another process's writes.
    if (!(await anyDueJob(this.db, kinds, now))) return undefined;
    // BEGIN IMMEDIATE takes the write lock before reading, so two processes on one file cannot pick the same row
    // (a deferred transaction would read first, then fail to upgrade). It runs synchronously on the raw handle,
    // never spanning an await, while holding Kysely's connection, so no Kysely transaction is open around it.
    const exhausted = failExhausted(this.db, now).compile();
    const claim = claimQuery(this.db, worker, kinds, leaseMs, now, false).compile();
    const row = await this.db.connection().execute(() =>
      Promise.resolve(
        this.handle
          .transaction(() => {
            this.handle.prepare(exhausted.sql).run(...exhausted.parameters);
            return this.handle.prepare(claim.sql).get(...claim.parameters) as
              Selectable<JobsTable> | undefined;
          })
          .immediate(),
      ),
    );
    return row && toJob(row);
  }

  // New store methods go above this line: into kysely-store.ts when the Kysely query is the same on both
  // dialects (changeSeq, getMeta, setMeta and most reads live there now), else here and in postgres.ts.

  async close(): Promise<void> {
    await this.db.destroy();
    if (this.handle.open) this.handle.close();
  }
}
