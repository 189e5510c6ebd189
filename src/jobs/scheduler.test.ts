// Schedules enqueue one job per period, whichever process (or how many) enqueues it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { tempStore, type TempStore } from '../../test/helpers/store.js';
import { jobFor, latestRun, schedules, startScheduler, type Schedule } from './scheduler.js';
import { tasks } from './registry.js';

const byName = (name: string) => schedules.find((s) => s.name === name)!;

describe('schedules', () => {
  it('each runs a registered task', () => {
    for (const s of schedules) expect(Object.keys(tasks)).toContain(s.kind);
  });

  it.each([
    ['ingest:arxiv-rss', '2026-11-30T12:00:00Z', '2026-11-30T01:30:00.000Z', 'ingest:arxiv-rss:2026-11-30'],
    ['ingest:arxiv-rss', '2026-11-30T01:00:00Z', '2026-11-29T01:30:00.000Z', 'ingest:arxiv-rss:2026-11-29'],
    ['ingest:hf-daily', '2026-11-30T14:09:00Z', '2026-11-30T13:10:00.000Z', 'ingest:hf-daily:2026-11-30T13'],
    [
      'poll-github-stars',
      '2026-11-30T14:45:00Z',
      '2026-11-30T14:40:00.000Z',
      'poll-github-stars:2026-11-30T14',
    ],
  ])('%s at %s: latest run %s, key %s', (name, now, run, key) => {
    const s = byName(name);
    const at = latestRun(s, new Date(now))!;
    expect(at.toISOString()).toBe(run);
    expect(jobFor(s, at)).toMatchObject({ key, kind: s.kind, payload: s.payload, runAt: at });
  });
});

describe('startScheduler', () => {
  let t: TempStore;
  beforeAll(async () => {
    t = await tempStore('sqlite');
  });
  afterAll(() => t?.cleanup());

  it('enqueues the latest period on start, once however many schedulers start', async () => {
    const log = pino({ level: 'silent' });
    const list: Schedule[] = [
      {
        name: 'test:daily',
        pattern: '0 3 * * *',
        period: 'day',
        kind: 'ingest-source',
        payload: { source: 'x' },
      },
    ];
    const now = () => new Date('2026-11-30T05:00:00Z');
    const started = await Promise.all([1, 2, 3].map(() => startScheduler(t.store, log, list, now)));
    started.forEach((s) => s.stop());
    const claimed = await t.store.claimJob('w', ['ingest-source'], 1000, now());
    expect(claimed).toMatchObject({ key: 'test:daily:2026-11-30', runAt: '2026-11-30T03:00:00.000Z' });
    expect(await t.store.claimJob('w', ['ingest-source'], 1000, now())).toBeUndefined();
  });
});
