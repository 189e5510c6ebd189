// The JSON-lines format of `subscribers export` and `subscribers import` (loaded only when those commands run).
import { z } from 'zod';
import { preferencesSchema, type Subscriber } from '../model/subscriber.js';

export const statuses = ['pending', 'active', 'paused', 'unsubscribed'] as const;

/** One line of `subscribers export`, and what `subscribers import` accepts. */
export const subscriberLine = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ error: 'not an email address' })),
  status: z.enum(statuses, { error: `status must be one of ${statuses.join(', ')}` }),
  preferences: preferencesSchema.default(preferencesSchema.parse({})),
  suppressed: z
    .object({ reason: z.enum(['hard_bounce', 'complaint', 'soft_bounces']), at: z.iso.datetime() })
    .nullable()
    .default(null),
  createdAt: z.iso.datetime().optional(),
  confirmedAt: z.iso.datetime().nullable().default(null),
});

/** A subscriber as one export line (the fields import reads, plus the soft-bounce count for information). */
export function exportLine(s: Subscriber): string {
  return JSON.stringify({
    email: s.email,
    status: s.status,
    preferences: s.preferences,
    suppressed: s.suppressed,
    softBounces: s.softBounces,
    createdAt: s.createdAt,
    confirmedAt: s.confirmedAt,
  });
}
