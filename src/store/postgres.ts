// The scale-out Store: PostgreSQL through Kysely and `pg`. The SQL both backends share is in kysely-store.ts and
// import-batch.ts; PostgreSQL-only SQL lives here and in migrations/postgres/.
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { CodeLink, Job, Store } from './store.js';
import type { Database } from './schema.js';
import { KyselyStore } from './kysely-store.js';
import { claimQuery, failExhausted, toJob } from './job-queries.js';
import { createPostgresPool, type PostgresPoolOptions } from './postgres-pool.js';
import { postgresMigrations } from './migrations/postgres/index.js';

export type PostgresStoreOptions = PostgresPoolOptions;

/**
 * Opens the PostgreSQL store at `url` (postgres:// or postgresql://); connects lazily, so an unreachable server
 * shows up as a StoreError from the first call (usually migrate()).
 */
export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Store {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPostgresPool(url, options) }),
  });
  return new PostgresStore(db);
}

class PostgresStore extends KyselyStore {
  readonly backend = 'postgres' as const;
  protected readonly locksChangeSeq = true;

  constructor(db: Kysely<Database>) {
    super(db, postgresMigrations);
  }

  async codeLinks(after: { paperId: string; url: string } | undefined, limit: number): Promise<CodeLink[]> {
    // code_urls is a jsonb array; unnesting it pages links in a stable (paper, url) order, byte-wise like SQLite.
    const rows = await sql<{ paper_id: string; url: string }>`
      select p.id as paper_id, j.url
      from papers p cross join lateral jsonb_array_elements_text(p.code_urls) as j(url)
      where p.code_urls <> '[]'::jsonb
        and (p.id > ${after?.paperId ?? ''}
          or (p.id = ${after?.paperId ?? ''} and j.url collate "C" > ${after?.url ?? ''}))
      order by p.id, j.url collate "C"
      limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ paperId: r.paper_id, url: r.url }));
  }

  protected authorIs(name: string) {
    // Containment (`@>`) on the jsonb author list is answered from the papers_authors GIN index.
    return sql<boolean>`papers.authors @> jsonb_build_array(cast(${name} as text))`;
  }

  async claimJob(worker: string, kinds: string[], leaseMs: number, now: Date): Promise<Job | undefined> {
    if (kinds.length === 0) return undefined;
    // FOR UPDATE SKIP LOCKED in the UPDATE's subquery: each claimer locks a different due row, none waits for
    // another, and the row's condition is re-checked once locked (READ COMMITTED), so no job is leased twice.
    return this.db.transaction().execute(async (trx) => {
      await failExhausted(trx, now).execute();
      const row = await claimQuery(trx, worker, kinds, leaseMs, now, true).executeTakeFirst();
      return row && toJob(row);
    });
  }

  // New store methods go above this line, mirroring sqlite.ts (or into kysely-store.ts when the SQL is shared).

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
