// POST /webhooks/bounces — a mail relay (or a small adapter in front of it) reports a bounce or complaint. The
// HMAC signature over timestamp and body authorises it (see mail/bounce-webhook.ts for the format).
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { apiError } from '../api/errors.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  TOLERANCE_SECONDS,
  bounceEvent,
  checkBounceCall,
} from '../../mail/bounce-webhook.js';

const problems = {
  missing: `Sign the call: ${TIMESTAMP_HEADER} (Unix seconds) and ${SIGNATURE_HEADER} (v1=hex HMAC-SHA256 of "timestamp.body").`,
  stale: `The timestamp is more than ${TOLERANCE_SECONDS} s from the server's clock: sign each call when sending it.`,
  'bad-signature': 'The signature does not match: check WEBHOOK_SECRET and sign the exact body bytes.',
};

/** Verifies, refuses replays, and records the bounce or complaint. */
export async function bounceWebhook(c: Context<AppEnv>) {
  const accounts = c.var.accounts;
  if (!accounts) return apiError(c, 503, 'no_mail', 'This server was started without mail.');
  const body = await c.req.text();
  if (body.length > 10_000) return apiError(c, 413, 'too_large', 'One event per call, at most 10,000 bytes.');
  const now = accounts.now();
  const timestamp = c.req.header(TIMESTAMP_HEADER);
  const signature = c.req.header(SIGNATURE_HEADER);
  const problem = checkBounceCall(accounts.webhookSecret, { timestamp, signature }, body, now.getTime());
  if (problem) return apiError(c, 401, problem, problems[problem]);
  // Within the time window a captured call could be sent again: each signature counts once.
  const until = new Date((Number(timestamp) + TOLERANCE_SECONDS) * 1000);
  if (!(await c.var.store.useToken(`webhook:${signature!.trim()}`, until, now))) {
    return apiError(c, 409, 'replayed', 'This call was already received.');
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return apiError(
      c,
      400,
      'invalid_body',
      'The body must be JSON: {"type": "hard|soft|complaint", "email": "…"}.',
    );
  }
  const event = bounceEvent.safeParse(json);
  if (!event.success) {
    return apiError(c, 400, 'invalid_body', 'Expected {"type": "hard|soft|complaint", "email": "…"}.');
  }
  const s = await c.var.store.recordBounce(event.data.email, event.data.type, accounts.softBounceLimit, now);
  c.var.log.info({ type: event.data.type, known: !!s, suppressed: !!s?.suppressed }, 'bounce webhook');
  return c.json({ recorded: !!s, suppressed: !!s?.suppressed });
}
