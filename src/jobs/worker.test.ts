// The worker loop against a real (SQLite) store, with tasks defined here: what it does with success, failure,
// a lost lease and a stop request. Claim safety across processes is tested in src/store/jobs.test.ts and e2e.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Store } from '../store/store.js';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { createWorker, type Worker } from './worker.js';
import { PermanentJobError, type Task, type TaskContext } from './task.js';

const log = pino({ level: 'silent' });

/** Resolves when `check` returns true, polling the store (the worker runs concurrently). */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 5));
}

describe('worker', () => {
  let t: TempStore;
  let store: Store;
  let worker: Worker | undefined;
  beforeEach(async () => {
    t = await tempStore('sqlite');
    store = t.store;
  });
  afterEach(async () => {
    await worker?.stop();
    await t.cleanup();
  });

  const start = (tasks: Task[], leaseMs = 60_000) => {
    worker = createWorker({
      store,
      log,
      tasks: Object.fromEntries(tasks.map((k) => [k.kind, k])),
      id: 'w1',
      leaseMs,
      pollMs: 5,
    });
    void worker.run();
    return worker;
  };

  it('runs a due job with its payload, keeps its progress and completes it', async () => {
    const seen: unknown[] = [];
    const task: Task = {
      kind: 'echo',
      run: async (payload, ctx) => {
        seen.push(payload);
        await ctx.saveProgress({ step: 1 });
      },
    };
    const { job } = await store.enqueueJob({ kind: 'echo', key: 'e1', payload: { n: 7 } });
    start([task]);
    await until(async () => (await store.jobById(job.id))?.state === 'done');
    expect(seen).toEqual([{ n: 7 }]);
    expect(await store.jobById(job.id)).toMatchObject({
      attempts: 1,
      progress: { step: 1 },
      leaseOwner: null,
    });
  });

  it('fails a job with exponential backoff, and at once for a permanent error', async () => {
    const task: Task = {
      kind: 'flaky',
      run: (payload) =>
        Promise.reject(
          (payload as { permanent: boolean }).permanent ? new PermanentJobError('bad') : new Error('503'),
        ),
    };
    const before = Date.now();
    const a = await store.enqueueJob({ kind: 'flaky', key: 'f1', payload: { permanent: false } });
    const b = await store.enqueueJob({ kind: 'flaky', key: 'f2', payload: { permanent: true } });
    start([task]);
    await until(async () => (await store.jobById(a.job.id))?.lastError !== null);
    await until(async () => (await store.jobById(b.job.id))?.state === 'failed');
    const retried = (await store.jobById(a.job.id))!;
    expect(retried).toMatchObject({ state: 'queued', attempts: 1, lastError: '503' });
    // First retry 30 s after the failure.
    expect(Date.parse(retried.runAt) - before).toBeGreaterThanOrEqual(30_000);
    expect(await store.jobById(b.job.id)).toMatchObject({ attempts: 1, lastError: 'bad' });
  });

  it('renews the lease while a long task runs, and stop() waits for the task to finish', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let ctxSeen: TaskContext | undefined;
    const task: Task = {
      kind: 'slow',
      run: async (_p, ctx) => {
        ctxSeen = ctx;
        await released;
      },
    };
    const { job } = await store.enqueueJob({ kind: 'slow', key: 's1' });
    start([task], 90);
    await until(() => ctxSeen !== undefined);
    const first = (await store.jobById(job.id))!.leaseUntil!;
    await until(async () => (await store.jobById(job.id))!.leaseUntil! > first);
    const stopped = worker!.stop();
    expect((await store.jobById(job.id))?.state).toBe('running');
    release();
    await stopped;
    expect(await store.jobById(job.id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(ctxSeen?.signal.aborted).toBe(false);
  });

  it('aborts the task when the lease is lost, and leaves the job to the new holder', async () => {
    const task: Task = {
      kind: 'stuck',
      run: (_p, ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error)),
        ),
    };
    const { job } = await store.enqueueJob({ kind: 'stuck', key: 'x1' });
    start([task], 60);
    await until(async () => (await store.jobById(job.id))?.state === 'running');
    // Another worker takes the job over as if w1's lease had expired.
    const far = new Date(Date.now() + 3_600_000);
    expect(await store.claimJob('w2', ['stuck'], 3_600_000, far)).toMatchObject({ leaseOwner: 'w2' });
    await worker!.stop();
    expect(await store.jobById(job.id)).toMatchObject({
      state: 'running',
      leaseOwner: 'w2',
      lastError: null,
    });
  });
});
