// The worker loop: claim one due job, run its task while renewing the lease, then complete it or fail it with
// backoff. Coordination is only through the store, so any number of workers (processes) can share a queue.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Job, Store } from '../store/store.js';
import { retryAt } from './backoff.js';
import type { TaskRegistry } from './registry.js';

export interface WorkerOptions {
  store: Store;
  tasks: TaskRegistry;
  log: Logger;
  /** Lease owner name; unique per process by default (host:pid:random). */
  id?: string;
  /** How long a claim lasts without renewal (ms). A dead worker's job is free again after this. */
  leaseMs?: number;
  /** How long to sleep when nothing is due (ms). */
  pollMs?: number;
  now?: () => Date;
  /** Jobs run at once in this process (default 1); more overlap waiting (SMTP, HTTP), not CPU. */
  concurrency?: number;
  /** Stop once nothing is due instead of polling (a one-off drain, e.g. `digest run`). */
  untilIdle?: boolean;
}

export interface Worker {
  readonly id: string;
  /** Runs jobs until stop(); resolves once the job in hand (if any) is finished. */
  run(): Promise<void>;
  /** Asks the loop to stop after the current job; returns run()'s promise. */
  stop(): Promise<void>;
}

/** Creates a worker over `store` for the kinds in `tasks`. */
export function createWorker(options: WorkerOptions): Worker {
  const { store, tasks, log } = options;
  const id = options.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1000;
  const now = options.now ?? (() => new Date());
  const kinds = Object.keys(tasks);
  let stopping = false;
  const wakers = new Set<() => void>();
  let running: Promise<void> | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  async function execute(job: Job) {
    const lost = new AbortController();
    // Renew well before expiry, so one slow round trip does not lose the lease.
    const renew = setInterval(() => {
      store.renewLease(job.id, id, leaseMs, now()).then(
        (held) => {
          if (!held && !lost.signal.aborted) lost.abort(new Error(`lease on job ${job.id} lost`));
        },
        (e: unknown) => log.warn({ job: job.id, err: e }, 'could not renew the lease; will try again'),
      );
    }, leaseMs / 3);
    const ctx = {
      store,
      log,
      job,
      signal: lost.signal,
      now,
      // A checkpoint that cannot be saved is not fatal: the source's own checkpoints still resume the work.
      saveProgress: (progress: unknown) =>
        store.saveJobProgress(job.id, id, progress, now()).then(
          () => undefined,
          (e: unknown) => log.warn({ job: job.id, err: (e as Error).message }, 'could not save progress'),
        ),
    };
    try {
      await tasks[job.kind]!.run(job.payload, ctx);
      const done = await store.completeJob(job.id, id, now());
      if (done) log.info({ job: job.id, kind: job.kind, key: job.key }, 'job done');
      else log.warn({ job: job.id }, 'job finished after its lease was lost; the new holder completes it');
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const state = await store.failJob(job.id, id, message, retryAt(e, job.attempts, now()), now());
      log.warn({ job: job.id, kind: job.kind, attempt: job.attempts, state, err: message }, 'job failed');
    } finally {
      clearInterval(renew);
    }
  }

  async function loop() {
    while (!stopping) {
      let job: Job | undefined;
      try {
        job = await store.claimJob(id, kinds, leaseMs, now());
      } catch (e) {
        // The database is away (restart, network): keep polling; claims resume when it is back.
        log.warn({ err: (e as Error).message }, 'could not claim a job');
      }
      // If even recording the outcome fails, the lease expires and another claim runs the job again.
      if (job)
        await execute(job).catch((e: unknown) => log.error({ job: job.id, err: e }, 'job outcome lost'));
      else if (options.untilIdle) return;
      else await sleep(pollMs);
    }
  }

  return {
    id,
    run() {
      const loops = Math.max(1, Math.floor(options.concurrency ?? 1));
      running ??= Promise.all(Array.from({ length: loops }, () => loop())).then(() => undefined);
      return running;
    },
    stop() {
      stopping = true;
      for (const wake of [...wakers]) wake();
      return running ?? Promise.resolve();
    },
  };
}
