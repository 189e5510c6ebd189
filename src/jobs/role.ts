// The worker role as one unit: the scheduler (optional) and one worker loop on a store. `paperpulse worker` runs
// it as its own process; `serve` runs it in-process unless --no-worker.
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { tasks } from './registry.js';
import { startScheduler } from './scheduler.js';
import { createWorker } from './worker.js';
import type { DigestSender } from '../digest/sender.js';
import { sendDigestTask } from './tasks/send-digest.js';

export interface JobsRoleOptions {
  store: Store;
  log: Logger;
  /** Enqueue the built-in schedules too (idempotent, so every process may). */
  schedule: boolean;
  leaseMs?: number;
  pollMs?: number;
  /**
   * Mail settings: with them this process also sends digests, in a loop of its own running `digestConcurrency`
   * (default 4) at once, so slow SMTP round trips overlap without running other jobs (ingest) in parallel.
   */
  digest?: DigestSender;
  digestConcurrency?: number;
}

export interface JobsRole {
  workerId: string;
  /** Stops scheduling, then waits for the job in hand to finish. */
  stop(): Promise<void>;
}

/** Starts scheduling (when asked) and the worker loop; the loop runs until stop(). */
export async function startJobsRole(o: JobsRoleOptions): Promise<JobsRole> {
  const scheduler = o.schedule ? await startScheduler(o.store, o.log) : undefined;
  const worker = createWorker({ store: o.store, log: o.log, tasks, leaseMs: o.leaseMs, pollMs: o.pollMs });
  void worker.run();
  o.log.info({ worker: worker.id, kinds: Object.keys(tasks), schedule: o.schedule }, 'worker started');
  const send = o.digest ? sendDigestTask(o.digest) : undefined;
  const mailer = send
    ? createWorker({
        store: o.store,
        log: o.log,
        tasks: { [send.kind]: send },
        leaseMs: o.leaseMs,
        pollMs: o.pollMs,
        concurrency: o.digestConcurrency ?? 4,
      })
    : undefined;
  void mailer?.run();
  return {
    workerId: worker.id,
    async stop() {
      scheduler?.stop();
      await Promise.all([worker.stop(), mailer?.stop()]);
      await o.digest?.messenger.close();
    },
  };
}
