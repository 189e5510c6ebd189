// The scheduler only ENQUEUES: at each cron time it adds the period's job with an idempotency key such as
// "ingest:arxiv-rss:2026-11-30", so any number of schedulers (one per worker or serve process) add it once, and
// a worker runs it. On start it also enqueues each schedule's latest period, catching up on a missed run.
import { Cron } from 'croner';
import type { Logger } from '../log.js';
import type { NewJob, Store } from '../store/store.js';

export interface Schedule {
  /** The key prefix, e.g. "ingest:arxiv-rss". */
  name: string;
  /** Cron pattern, read in UTC. */
  pattern: string;
  /** One job per day, hour or minute: the period goes into the key. */
  period: 'day' | 'hour' | 'minute';
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * The built-in schedules (UTC). arXiv announces at 20:00 US Eastern (00:00 or 01:00 UTC), Sunday to Thursday;
 * reading at 01:30 every day is cheap because empty days are empty feeds. Hugging Face daily papers gain upvotes
 * through the day, so hourly. GitHub stars are polled hourly; the source itself only asks for due repositories,
 * and the limit keeps a run inside GitHub's 5,000 requests an hour.
 */
export const schedules: Schedule[] = [
  {
    name: 'ingest:arxiv-rss',
    pattern: '30 1 * * *',
    period: 'day',
    kind: 'ingest-source',
    payload: { source: 'arxiv-rss' },
  },
  {
    name: 'ingest:hf-daily',
    pattern: '10 * * * *',
    period: 'hour',
    kind: 'ingest-source',
    payload: { source: 'hf-daily' },
  },
  {
    name: 'poll-github-stars',
    pattern: '40 * * * *',
    period: 'hour',
    kind: 'poll-github-stars',
    payload: { limit: 4000 },
  },
  // Trending scores: papers changed since the last run every 10 minutes (cheap when nothing changed), and the
  // hourly decay refresh of everything whose score moves with time alone.
  {
    name: 'trending:recompute',
    pattern: '*/10 * * * *',
    period: 'minute',
    kind: 'recompute-trending',
    payload: { mode: 'incremental' },
  },
  {
    name: 'trending:decay',
    pattern: '5 * * * *',
    period: 'hour',
    kind: 'recompute-trending',
    payload: { mode: 'incremental', decay: true },
  },
  // Digests go out when each subscriber's local send hour passes; every 15 minutes also catches zones offset by
  // :30 and :45. The pass only plans (one digest-send job per digest); workers with mail settings send them.
  // The built-in semantic model is retrained when the corpus grew 10% since it was trained (the task checks;
  // most days it does nothing). At night, after the day's ingest.
  {
    name: 'search:retrain',
    pattern: '20 3 * * *',
    period: 'day',
    kind: 'retrain-embeddings',
    payload: {},
  },
  {
    name: 'digest-plan',
    pattern: '*/15 * * * *',
    period: 'minute',
    kind: 'digest-plan',
    payload: {},
  },
];

/** The job a schedule enqueues for the run at `fireTime`; its key names the day (or hour) it belongs to. */
export function jobFor(s: Schedule, fireTime: Date): NewJob {
  const iso = fireTime.toISOString();
  const period = iso.slice(0, s.period === 'day' ? 10 : s.period === 'hour' ? 13 : 16);
  return { kind: s.kind, payload: s.payload, key: `${s.name}:${period}`, runAt: fireTime };
}

/** The schedule's latest run time at or before `now`, if any. */
export function latestRun(s: Schedule, now: Date): Date | undefined {
  return new Cron(s.pattern, { timezone: 'UTC', paused: true }).previousRuns(1, now)[0];
}

export interface Scheduler {
  stop(): void;
}

/** Starts the cron timers for `list`, enqueueing each schedule's latest period first. */
export async function startScheduler(
  store: Store,
  log: Logger,
  list: Schedule[] = schedules,
  now: () => Date = () => new Date(),
): Promise<Scheduler> {
  const enqueue = async (s: Schedule, at: Date) => {
    try {
      const { job, inserted } = await store.enqueueJob(jobFor(s, at));
      if (inserted) log.info({ job: job.id, key: job.key }, 'job enqueued');
    } catch (e) {
      // The next tick (or the next process start) enqueues the period again; the key keeps it single.
      log.warn({ schedule: s.name, err: (e as Error).message }, 'could not enqueue a scheduled job');
    }
  };
  for (const s of list) {
    const last = latestRun(s, now());
    if (last) await enqueue(s, last);
  }
  const timers = list.map(
    (s) =>
      new Cron(s.pattern, { timezone: 'UTC', protect: true }, (self: Cron) =>
        enqueue(s, self.currentRun() ?? now()),
      ),
  );
  return { stop: () => timers.forEach((t) => t.stop()) };
}
