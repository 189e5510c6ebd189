// Task "recompute-trending": rescores papers into trending_scores (rank/recompute.ts). Idempotent: a rerun after
// a crash rescores the same papers to the same rows, and the cursor is saved only at the end.
import { z } from 'zod';
import { PermanentJobError, type Task } from '../task.js';
import { recomputeTrending } from '../../rank/recompute.js';
import { withWeights } from '../../rank/score.js';
import { loadConfig } from '../../config.js';

const payload = z.object({
  mode: z.enum(['full', 'incremental']).default('incremental'),
  /** Also rescore the papers whose scores move with time alone (hourly). */
  decay: z.boolean().default(false),
});

/** Kind "recompute-trending", payload `{ mode?: 'full' | 'incremental', decay?: boolean }`. */
export const recomputeTrendingTask: Task = {
  kind: 'recompute-trending',
  async run(raw, ctx) {
    const p = payload.safeParse(raw ?? {});
    if (!p.success) throw new PermanentJobError(`bad recompute-trending payload: ${p.error.message}`);
    // The worker process was started with the same environment as the web processes: same weights.
    const constants = withWeights(loadConfig(process.env).trendingWeights);
    let saved = 0;
    const r = await recomputeTrending(ctx.store, {
      ...p.data,
      constants,
      now: ctx.now(),
      signal: ctx.signal,
      onProgress: (done, total) => {
        // A checkpoint every ~10,000 papers shows progress; the run itself restarts from its cursor.
        if (done - saved >= 10_000 || done === total) {
          saved = done;
          void ctx.saveProgress({ done, total });
        }
      },
    });
    ctx.log.info(
      { mode: r.mode, papers: r.papers, batches: r.batches, asOf: r.asOf, ms: Math.round(r.ms) },
      'trending recomputed',
    );
  },
};
