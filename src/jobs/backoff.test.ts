import { describe, expect, it } from 'vitest';
import { backoffMs, retryAt } from './backoff.js';
import { PermanentJobError, RetryLaterError } from './task.js';

describe('backoff', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [8, 3_600_000],
    [30, 3_600_000],
  ])('waits after attempt %i: %i ms', (attempt, ms) => {
    expect(backoffMs(attempt)).toBe(ms);
  });

  const now = new Date('2026-11-30T00:00:00Z');
  it('retries an ordinary error after the backoff', () => {
    expect(retryAt(new Error('boom'), 2, now)).toEqual(new Date('2026-11-30T00:01:00Z'));
  });
  it('never retries a permanent error', () => {
    expect(retryAt(new PermanentJobError('bad payload'), 1, now)).toBeUndefined();
  });
  it('waits as long as the server asked when that is longer than the backoff', () => {
    const later = new Date('2026-11-30T02:00:00Z');
    expect(retryAt(new RetryLaterError('429', later), 1, now)).toEqual(later);
    const sooner = new Date('2026-11-30T00:00:01Z');
    expect(retryAt(new RetryLaterError('429', sooner), 1, now)).toEqual(new Date('2026-11-30T00:00:30Z'));
  });
});
