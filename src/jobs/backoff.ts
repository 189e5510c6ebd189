// When a failed job runs again: exponential backoff from 30 s, capped at an hour, unless the failure said when.
import { PermanentJobError, RetryLaterError } from './task.js';

const BASE_MS = 30_000;
const CAP_MS = 3_600_000;

/** Milliseconds to wait after the given failed attempt (1-based): 30 s, 1 min, 2 min, … at most 1 h. */
export function backoffMs(attempt: number): number {
  return Math.min(BASE_MS * 2 ** Math.max(attempt - 1, 0), CAP_MS);
}

/** When to retry after `error` on `attempt`, or undefined for "do not retry". */
export function retryAt(error: unknown, attempt: number, now: Date): Date | undefined {
  if (error instanceof PermanentJobError) return undefined;
  const backoff = new Date(now.getTime() + backoffMs(attempt));
  if (error instanceof RetryLaterError && error.retryAt > backoff) return error.retryAt;
  return backoff;
}
