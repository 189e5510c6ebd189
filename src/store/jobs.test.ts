// The job-queue part of the store contract, on both backends (the rest is in store.test.ts): idempotent enqueue,
// leases that never go to two claimers, reclaim after a worker dies, retries, and checkpoints that survive.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite.js';
import { openPostgresStore } from './postgres.js';
import { backends, tempStore, type TempStore } from '../../test/helpers/store.js';

const at = (iso: string) => new Date(iso);
const MIN = 60_000;

describe.each(backends)('%s store: jobs', (backend) => {
  // One store per backend; each test enqueues its own kind, so claims never see another test's jobs.
  let t: TempStore;
  let store: Store;
  beforeAll(async () => {
    t = await tempStore(backend);
    store = t.store;
  });
  afterAll(() => t?.cleanup());

  it('enqueues once per key, keeping the first payload, and claims nothing of an unknown kind', async () => {
    const first = await store.enqueueJob({ kind: 'k1', key: 'k1:2026-11-30', payload: { a: 1 } });
    const again = await store.enqueueJob({ kind: 'k1', key: 'k1:2026-11-30', payload: { a: 2 } });
    expect(first.inserted).toBe(true);
    expect(again).toEqual({ job: first.job, inserted: false });
    expect(first.job).toMatchObject({ state: 'queued', attempts: 0, maxAttempts: 5, payload: { a: 1 } });
    expect(await store.claimJob('w', ['other'], MIN, new Date())).toBeUndefined();
    expect(await store.claimJob('w', [], MIN, new Date())).toBeUndefined();
  });

  it('two schedulers enqueueing the same keys at once add each job once', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `k2:${i}`);
    const results = await Promise.all([...keys, ...keys].map((key) => store.enqueueJob({ kind: 'k2', key })));
    expect(results.filter((r) => r.inserted)).toHaveLength(keys.length);
    expect(new Set(results.map((r) => r.job.id)).size).toBe(keys.length);
  });

  it('claims a job only once it is due, oldest first, and leases it to the claimer', async () => {
    const later = await store.enqueueJob({ kind: 'k3', key: 'k3:b', runAt: at('2026-01-01T02:00:00Z') });
    const sooner = await store.enqueueJob({ kind: 'k3', key: 'k3:a', runAt: at('2026-01-01T01:00:00Z') });
    expect(await store.claimJob('w1', ['k3'], MIN, at('2026-01-01T00:59:59Z'))).toBeUndefined();
    const claimed = await store.claimJob('w1', ['k3'], MIN, at('2026-01-01T03:00:00Z'));
    expect(claimed).toMatchObject({
      id: sooner.job.id,
      state: 'running',
      attempts: 1,
      leaseOwner: 'w1',
      leaseUntil: '2026-01-01T03:01:00.000Z',
    });
    expect((await store.claimJob('w2', ['k3'], MIN, at('2026-01-01T03:00:00Z')))?.id).toBe(later.job.id);
    expect(await store.claimJob('w3', ['k3'], MIN, at('2026-01-01T03:00:30Z'))).toBeUndefined();
  });

  it('lets another worker reclaim a job whose lease expired, and fences out the old holder', async () => {
    const { job } = await store.enqueueJob({ kind: 'k4', key: 'k4', runAt: at('2026-01-01T00:00:00Z') });
    await store.claimJob('dead', ['k4'], MIN, at('2026-01-01T00:00:00Z'));
    expect(await store.renewLease(job.id, 'dead', MIN, at('2026-01-01T00:00:30Z'))).toBe(true);
    // Renewed until 00:01:30, so still held at 00:01:10; free at 00:01:30.
    expect(await store.claimJob('w2', ['k4'], MIN, at('2026-01-01T00:01:10Z'))).toBeUndefined();
    const reclaimed = await store.claimJob('w2', ['k4'], MIN, at('2026-01-01T00:01:30Z'));
    expect(reclaimed).toMatchObject({ id: job.id, leaseOwner: 'w2', attempts: 2 });
    const later = at('2026-01-01T00:02:00Z');
    expect(await store.completeJob(job.id, 'dead', later)).toBe(false);
    expect(await store.failJob(job.id, 'dead', 'late', undefined, later)).toBeUndefined();
    expect(await store.renewLease(job.id, 'dead', MIN, later)).toBe(false);
    expect(await store.completeJob(job.id, 'w2', later)).toBe(true);
    expect(await store.jobById(job.id)).toMatchObject({ state: 'done', leaseOwner: null, lastError: null });
    expect(await store.completeJob(job.id, 'w2', later)).toBe(false);
  });

  it('retries at the time the caller chose, then fails for good after max attempts', async () => {
    const t0 = at('2026-02-01T00:00:00Z');
    const { job } = await store.enqueueJob({ kind: 'k5', key: 'k5', runAt: t0, maxAttempts: 2 });
    await store.claimJob('w', ['k5'], MIN, t0);
    const retryAt = at('2026-02-01T00:05:00Z');
    expect(await store.failJob(job.id, 'w', 'HTTP 503', retryAt, t0)).toBe('queued');
    expect(await store.jobById(job.id)).toMatchObject({
      state: 'queued',
      runAt: retryAt.toISOString(),
      lastError: 'HTTP 503',
      leaseOwner: null,
    });
    expect(await store.claimJob('w', ['k5'], MIN, at('2026-02-01T00:04:59Z'))).toBeUndefined();
    expect(await store.claimJob('w', ['k5'], MIN, retryAt)).toMatchObject({ attempts: 2 });
    expect(await store.failJob(job.id, 'w', 'HTTP 503 again', at('2026-02-01T01:00:00Z'), retryAt)).toBe(
      'failed',
    );
    expect(await store.jobById(job.id)).toMatchObject({ state: 'failed', lastError: 'HTTP 503 again' });
    expect(await store.claimJob('w', ['k5'], MIN, at('2027-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('fails without retry when the caller says so, and fails a job whose worker died on its last attempt', async () => {
    const t0 = at('2026-03-01T00:00:00Z');
    const a = await store.enqueueJob({ kind: 'k6', key: 'k6:a', runAt: t0 });
    await store.claimJob('w', ['k6'], MIN, t0);
    expect(await store.failJob(a.job.id, 'w', 'bad payload', undefined, t0)).toBe('failed');
    const b = await store.enqueueJob({ kind: 'k6', key: 'k6:b', runAt: t0, maxAttempts: 1 });
    await store.claimJob('dies', ['k6'], MIN, t0);
    expect(await store.claimJob('w', ['k6'], MIN, at('2026-03-01T00:02:00Z'))).toBeUndefined();
    const dead = await store.jobById(b.job.id);
    expect(dead).toMatchObject({ state: 'failed', attempts: 1 });
    expect(dead?.lastError).toMatch(/lease expired/);
  });

  it('keeps the progress checkpoint across a lost lease and a retry', async () => {
    const t0 = at('2026-04-01T00:00:00Z');
    const { job } = await store.enqueueJob({ kind: 'k7', key: 'k7', runAt: t0 });
    await store.claimJob('w1', ['k7'], MIN, t0);
    const progress = { pages: 3, last: 'cs.LG 2026-03-31', nested: [1, 'ü'] };
    expect(await store.saveJobProgress(job.id, 'w1', progress, t0)).toBe(true);
    const resumed = await store.claimJob('w2', ['k7'], MIN, at('2026-04-01T00:05:00Z'));
    expect(resumed?.progress).toEqual(progress);
    expect(await store.saveJobProgress(job.id, 'w1', { pages: 99 }, t0)).toBe(false);
    expect((await store.jobById(job.id))?.progress).toEqual(progress);
  });

  it('never gives one job to two claimers on two connections', async () => {
    const other =
      backend === 'sqlite' ? openSqliteStore(t.url.slice('sqlite:'.length)) : openPostgresStore(t.url);
    try {
      const n = 60;
      const t0 = at('2026-05-01T00:00:00Z');
      for (let i = 0; i < n; i++) await store.enqueueJob({ kind: 'k8', key: `k8:${i}`, runAt: t0 });
      // Four claimers per store, each claiming until nothing is left.
      const drain = async (s: Store, name: string) => {
        const got: number[] = [];
        for (let j = await s.claimJob(name, ['k8'], MIN, t0); j; j = await s.claimJob(name, ['k8'], MIN, t0))
          got.push(j.id);
        return got;
      };
      const claims = await Promise.all(
        [store, store, other, other, store, other].map((s, i) => drain(s, `w${i}`)),
      );
      const all = claims.flat();
      expect(all).toHaveLength(n);
      expect(new Set(all).size).toBe(n);
      // Both connections took part, so the claims really competed.
      expect(claims.slice(2, 4).flat().length + claims[5]!.length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
