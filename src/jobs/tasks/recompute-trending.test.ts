// The recompute-trending task as the worker runs it, on a real SQLite store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { tempStore, type TempStore } from '../../../test/helpers/store.js';
import { paper, signal } from '../../../test/helpers/papers.js';
import { PermanentJobError, type TaskContext } from '../task.js';
import { recomputeTrendingTask } from './recompute-trending.js';
import { tasks } from '../registry.js';
import { schedules, jobFor } from '../scheduler.js';

let t: TempStore;
const progress: unknown[] = [];

const context = async (): Promise<TaskContext> => {
  const { job } = await t.store.enqueueJob({ kind: 'recompute-trending', key: `t:${Math.random()}` });
  return {
    store: t.store,
    log: pino({ level: 'silent' }),
    job,
    signal: new AbortController().signal,
    now: () => new Date('2026-11-30T12:00:00Z'),
    saveProgress: (p) => {
      progress.push(p);
      return Promise.resolve();
    },
  };
};

beforeAll(async () => {
  t = await tempStore();
  await t.store.importBatch({
    papers: [
      paper('2611.00001', { firstSeen: '2026-11-28' }),
      paper('2611.00002', { firstSeen: '2026-11-29' }),
    ],
    signals: [signal('2611.00001', 12, '2026-11-29T10:00:00.000Z')],
  });
});
afterAll(() => t?.cleanup());

describe('recompute-trending task', () => {
  it('is registered and scheduled every 10 minutes, plus an hourly decay refresh', () => {
    expect(tasks['recompute-trending']).toBe(recomputeTrendingTask);
    const keys = schedules
      .filter((s) => s.kind === 'recompute-trending')
      .map((s) => jobFor(s, new Date('2026-11-30T06:10:00Z')).key);
    expect(keys).toEqual(['trending:recompute:2026-11-30T06:10', 'trending:decay:2026-11-30T06']);
  });

  it('scores the papers and records its progress', async () => {
    await recomputeTrendingTask.run({ mode: 'full' }, await context());
    const rows = await t.store.trendingScoresFor(['2611.00001', '2611.00002']);
    expect(rows.map((r) => r.paperId)).toEqual(['2611.00001', '2611.00002']);
    expect(rows[0]!.detail.trailing).toEqual({ hf_upvotes: 12 });
    expect(progress.at(-1)).toEqual({ done: 2, total: 2 });
  });

  it('refuses a bad payload for good', async () => {
    await expect(recomputeTrendingTask.run({ mode: 'sometimes' }, await context())).rejects.toBeInstanceOf(
      PermanentJobError,
    );
  });
});
