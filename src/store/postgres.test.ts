// What only the PostgreSQL backend does: reaching (or failing to reach) a server, pool limits, lost connections,
// and several processes writing at once. The store contract itself is tested for both backends in store.test.ts.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { PaperInput } from '../model/paper.js';
import type { Store } from './store.js';
import { StoreError } from './errors.js';
import { postgresMigrations } from './migrations/postgres/index.js';
import { openPostgresStore } from './postgres.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { paper as basePaper } from '../../test/helpers/papers.js';
import { freePort } from '../../test/helpers/server.js';
import {
  connectionCount,
  createTestDatabase,
  postgresServerUrl,
  terminateConnections,
} from '../../test/helpers/postgres.js';
import { startPostgresCluster } from '../../test/helpers/postgres-cluster.js';

let t: TempStore;
beforeAll(async () => {
  t = await tempStore('postgres');
});
afterAll(() => t?.cleanup());

// Listed in the cs.DC category on 2026-08-01 unless a test says otherwise.
const paper = (id: string, over: Partial<PaperInput> = {}) =>
  basePaper(id, { categories: ['cs.DC'], primaryCategory: 'cs.DC', firstSeen: '2026-08-01', ...over });

/** The error `promise` rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!outcome) throw new Error('expected a rejection');
  return outcome;
}

describe('an unreachable database', () => {
  it('is a StoreError that names the server, hides the password and says what to check', async () => {
    const port = await freePort(); // nothing listens there
    const store = openPostgresStore(`postgres://paperpulse:s3cret-pw@127.0.0.1:${port}/papers`);
    try {
      const e = await rejection(store.migrate());
      expect(e).toBeInstanceOf(StoreError);
      expect(e.message).toContain(`PostgreSQL database at 127.0.0.1:${port}/papers is unreachable`);
      expect(e.message).toContain('ECONNREFUSED');
      expect(e.message).toMatch(/PostgreSQL is running.*DATABASE_URL/);
      expect(e.message).not.toContain('s3cret-pw');
      // Every later call fails the same clear way; nothing hangs or crashes.
      expect(await rejection(store.paperCount())).toBeInstanceOf(StoreError);
    } finally {
      await store.close();
    }
  });

  it('says so when the database does not exist', async () => {
    const url = new URL(postgresServerUrl());
    url.pathname = '/no_such_database';
    const store = openPostgresStore(url.toString());
    try {
      const e = await rejection(store.paperCount());
      expect(e).toBeInstanceOf(StoreError);
      expect(e.message).toMatch(/database "no_such_database" does not exist.*createdb/);
    } finally {
      await store.close();
    }
  });
});

describe('connections', () => {
  it('opens at most poolSize connections however many queries wait', async () => {
    // Tagged, so that only this pool's connections are counted.
    const store = openPostgresStore(`${t.url}?application_name=pool_size_test`, { poolSize: 2 });
    try {
      const counts = await Promise.all(Array.from({ length: 8 }, () => store.paperCount()));
      expect(counts).toEqual(Array(8).fill(0));
      const open = await connectionCount('pool_size_test');
      expect(open).toBeGreaterThan(0);
      expect(open).toBeLessThanOrEqual(2);
    } finally {
      await store.close();
    }
  });

  it('survives the server closing its connections and carries on with new ones', async () => {
    const store = openPostgresStore(t.url);
    try {
      await store.importBatch({ papers: [paper('2608.00001')], signals: [] });
      expect(await terminateConnections(t.url)).toBeGreaterThan(0);
      // A query may still meet a connection the server just closed: it fails fast as a StoreError...
      const first = await store.paperCount().catch((e: unknown) => e);
      if (typeof first !== 'number') expect(first).toBeInstanceOf(StoreError);
      // ...and the pool replaces that connection by itself.
      expect(await store.paperCount()).toBe(1);
      expect((await store.paperById('2608.00001'))?.title).toBe('Paper 2608.00001');
    } finally {
      await store.close();
    }
  });
});

describe('a server restart', () => {
  it('fails fast while the server is down and carries on by itself once it is back', async () => {
    // A cluster of its own: restarting the shared one would disturb the other test files.
    const cluster = await startPostgresCluster();
    const store = openPostgresStore(cluster.url);
    try {
      await store.migrate();
      await store.importBatch({ papers: [paper('2608.00002')], signals: [] });
      await cluster.restart(async () => {
        const e = await rejection(store.paperCount());
        expect(e).toBeInstanceOf(StoreError);
        expect(e.message).toMatch(/is unreachable/);
      });
      // The same store object, without reopening: the pool replaced its dead connections.
      expect(await store.paperCount()).toBe(1);
      await store.importBatch({ papers: [paper('2608.00003')], signals: [] });
      expect(await store.paperCount()).toBe(2);
    } finally {
      await store.close();
      await cluster.stop();
    }
  });
});

describe('two processes starting at once', () => {
  it('migrate the same database once between them', async () => {
    const database = await createTestDatabase();
    const [one, two] = [openPostgresStore(database.url), openPostgresStore(database.url)];
    try {
      const applied = await Promise.all([one.migrate(), two.migrate()]);
      // Every migration, once, in name order, whichever process applied it.
      expect(applied.flat()).toEqual(Object.keys(await postgresMigrations.getMigrations()).sort());
      expect(await two.paperCount()).toBe(0);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await database.drop();
    }
  });
});

describe('two processes writing at once', () => {
  let db: TempStore;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    db = await tempStore('postgres');
    a = db.store;
    b = openPostgresStore(db.url); // a second pool on the same database, like a second worker process
  });
  afterAll(async () => {
    await b.close();
    await db.cleanup();
  });

  it('hands out unique, increasing change sequences and loses no paper, merge or signal', async () => {
    const rounds = 10;
    const batch = (who: 'a' | 'b', round: number) => ({
      papers: [
        ...Array.from({ length: 20 }, (_, i) =>
          paper(`2609.${who === 'a' ? 1 : 5}${String(round * 20 + i).padStart(4, '0')}`),
        ),
        // Both writers enrich the same paper: each adds its own code link (links accumulate on merge).
        paper('2609.00000', { source: 'hf-daily', codeUrls: [`https://github.com/${who}/r${round}`] }),
      ],
      signals: [
        {
          paperId: '2609.00000',
          kind: 'hf_upvotes' as const,
          value: round,
          observedAt: `2026-09-${String(round + 1).padStart(2, '0')}T00:00:00.000Z`,
          source: `writer-${who}`,
        },
      ],
    });
    await Promise.all(
      (['a', 'b'] as const).map(async (who) => {
        const store = who === 'a' ? a : b;
        for (let round = 0; round < rounds; round++) await store.importBatch(batch(who, round));
      }),
    );

    expect(await a.paperCount()).toBe(2 * rounds * 20 + 1);
    const changes = await a.papersChangedSince(0, 10_000);
    const seqs = changes.map((c) => c.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    // Every paper is listed once, at its latest change; the cursor covers them all.
    expect(new Set(changes.map((c) => c.paper.id)).size).toBe(2 * rounds * 20 + 1);
    expect(await a.changeSeq()).toBeGreaterThanOrEqual(seqs.at(-1)!);

    const shared = await b.paperById('2609.00000');
    expect(shared?.codeUrls).toHaveLength(2 * rounds);
    expect(shared?.codeUrls).toEqual(
      expect.arrayContaining(['https://github.com/a/r0', 'https://github.com/b/r9']),
    );
    expect(await a.signalsForPaper('2609.00000', '2026-12-31T00:00:00.000Z')).toEqual({
      hf_upvotes: rounds - 1,
    });
  });
});
