// Task "digest-send": sends one subscriber's digest for one period through the process's DigestSender. The
// digest's outbox row is leased to this job's lease holder, so a retried or taken-over job never sends twice.
import { z } from 'zod';
import { deliverDigest, DigestBusyError } from '../../digest/deliver.js';
import { SEND_DIGEST } from '../../digest/plan.js';
import type { DigestSender } from '../../digest/sender.js';
import { PermanentJobError, RetryLaterError, type Task } from '../task.js';

const Payload = z.object({ subscriberId: z.number().int().positive(), period: z.string().min(7).max(10) });

/** Kind "digest-send", payload `{ subscriberId, period }`; needs a DigestSender (mail settings, keys). */
export function sendDigestTask(sender: DigestSender): Task {
  return {
    kind: SEND_DIGEST.kind,
    async run(payload, ctx) {
      const parsed = Payload.safeParse(payload);
      if (!parsed.success) throw new PermanentJobError(`bad digest payload: ${parsed.error.message}`);
      const { job } = ctx;
      const lease = {
        owner: `${job.leaseOwner ?? 'worker'}#${job.id}`,
        until: new Date(job.leaseUntil ?? ctx.now().getTime() + 60_000),
        lastAttempt: job.attempts >= job.maxAttempts,
      };
      try {
        const outcome = await deliverDigest(sender, parsed.data, lease);
        if (outcome === 'failed') {
          const row = await ctx.store.digestFor(parsed.data.subscriberId, parsed.data.period);
          throw new PermanentJobError(row?.lastError ?? 'the digest could not be sent');
        }
        ctx.log.debug({ job: job.id, ...parsed.data, outcome }, 'digest handled');
      } catch (e) {
        if (e instanceof DigestBusyError) throw new RetryLaterError(e.message, e.retryAt, { cause: e });
        throw e;
      }
    },
  };
}
