// POST /api/subscriptions — subscribe by JSON. Same double opt-in and same answer for every address as the form:
// 202 "accepted" means "if the address can receive digests, a confirmation email is on its way".
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { preferencesSchema, defaultPreferences } from '../../model/subscriber.js';
import { apiError } from './errors.js';

export const subscriptionRequest = z
  .object({
    email: z.string().trim().max(254).pipe(z.email()).describe('the address to send digests to'),
    preferences: preferencesSchema
      .optional()
      .describe('digest preferences; any field left out gets its default'),
  })
  .meta({ id: 'SubscriptionRequest' });

export const subscriptionAccepted = z
  .object({
    status: z.literal('accepted'),
    message: z.string(),
  })
  .meta({ id: 'SubscriptionAccepted' });

const message =
  'If this address can receive digests, a confirmation email is on its way; nothing is sent until it is confirmed. ' +
  'An address that is already subscribed gets a sign-in link instead.';

/** Validates the JSON body and queues the request (mail goes out after the response). */
export async function apiSubscribe(c: Context<AppEnv>) {
  const accounts = c.var.accounts;
  if (!accounts) return apiError(c, 503, 'no_mail', 'This server was started without mail.');
  if (!(c.req.header('content-type') ?? '').includes('application/json')) {
    return apiError(c, 415, 'unsupported_media_type', 'Send the subscription as application/json.');
  }
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return apiError(c, 400, 'invalid_body', 'The body is not valid JSON.');
  }
  const parsed = subscriptionRequest.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return apiError(c, 400, 'invalid_body', detail);
  }
  accounts.subscribe(parsed.data.email, parsed.data.preferences ?? defaultPreferences());
  c.header('Cache-Control', 'no-store');
  return c.json({ status: 'accepted' as const, message }, 202);
}
