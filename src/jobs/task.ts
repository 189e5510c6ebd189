// What a task is: the code that runs one job of one kind. Tasks are idempotent (a job may run again after a crash)
// and resume from their own checkpoints, so running one twice never loses or duplicates data.
import type { Logger } from '../log.js';
import type { Job, Store } from '../store/store.js';

export interface TaskContext {
  store: Store;
  log: Logger;
  job: Job;
  /** Aborted when the worker lost the job's lease (another worker may have it now): stop soon. */
  signal: AbortSignal;
  now: () => Date;
  /** Records a checkpoint on the job (kept across retries); a no-op once the lease is lost. */
  saveProgress: (progress: unknown) => Promise<void>;
}

export interface Task {
  /** The job kind this task runs, e.g. "ingest-source". */
  kind: string;
  run(payload: unknown, ctx: TaskContext): Promise<void>;
}

/** A failure that must not be retried (bad payload, unknown source): the job fails at once. */
export class PermanentJobError extends Error {}

/** A failure whose cause said when to try again (HTTP 429/503 with Retry-After). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
