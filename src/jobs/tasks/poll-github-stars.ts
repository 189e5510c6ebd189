// Task "poll-github-stars": one round of star polling (the github-stars source) with GITHUB_TOKEN when set.
// Only repositories that are due are polled, and `limit` keeps one run within the hourly allowance.
import type { Task } from '../task.js';
import { ingest } from './ingest-source.js';

/** Kind "poll-github-stars", payload `{ limit?, baseUrl? }`. */
export const pollGithubStars: Task = {
  kind: 'poll-github-stars',
  run: (payload, ctx) =>
    ingest(
      { ...(payload as object), source: 'github-stars' },
      ctx,
      process.env.GITHUB_TOKEN?.trim() || undefined,
    ),
};
