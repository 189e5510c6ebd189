// Job kind -> task. A worker claims only the kinds listed here.
import type { Task } from './task.js';
import { ingestSource } from './tasks/ingest-source.js';
import { pollGithubStars } from './tasks/poll-github-stars.js';
import { recomputeTrendingTask } from './tasks/recompute-trending.js';
import { planDigestsTask } from './tasks/plan-digests.js';
import { retrainEmbeddingsTask } from './tasks/retrain-embeddings.js';

export type TaskRegistry = Record<string, Task>;

/** Every task paperpulse runs, by kind. */
export const tasks: TaskRegistry = Object.fromEntries(
  [ingestSource, pollGithubStars, recomputeTrendingTask, planDigestsTask, retrainEmbeddingsTask].map((t) => [
    t.kind,
    t,
  ]),
);
