// Task "digest-plan": the scheduled pass (every 15 minutes) that finds subscribers whose local send hour has
// passed and queues one "digest-send" job per digest (key digest:<subscriber>:<period>). Idempotent.
import { planDigests } from '../../digest/plan.js';
import type { Task } from '../task.js';

/** Kind "digest-plan", payload `{}`: plans what is due at the moment it runs. */
export const planDigestsTask: Task = {
  kind: 'digest-plan',
  async run(_payload, ctx) {
    const now = ctx.now();
    const added = await planDigests(ctx.store, { now });
    if (added) ctx.log.info({ job: ctx.job.id, digests: added }, `${added} digests queued`);
  },
};
