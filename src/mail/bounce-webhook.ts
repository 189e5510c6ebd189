// The signed bounce/complaint webhook's format (documented in docs/architecture.md):
//   POST /webhooks/bounces, Content-Type: application/json, body {"type": "hard"|"soft"|"complaint", "email": "…"}
//   X-Paperpulse-Timestamp: Unix seconds when the call was signed
//   X-Paperpulse-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
// A call older (or newer) than TOLERANCE_SECONDS is refused, and each signature is accepted once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const TIMESTAMP_HEADER = 'X-Paperpulse-Timestamp';
export const SIGNATURE_HEADER = 'X-Paperpulse-Signature';
/** How far a call's timestamp may be from our clock. */
export const TOLERANCE_SECONDS = 300;

export const bounceEvent = z.object({
  type: z.enum(['hard', 'soft', 'complaint']),
  email: z.string().trim().min(3).max(254),
});

export type BounceEvent = z.infer<typeof bounceEvent>;

/** The signature header value for a body signed at `timestamp` (what a sender computes). */
export function signBounceCall(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Why a call was refused. */
export type BounceCallProblem = 'missing' | 'stale' | 'bad-signature';

/** Checks a call's timestamp and signature; `undefined` when valid. */
export function checkBounceCall(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowMs: number,
): BounceCallProblem | undefined {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return 'missing';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return 'stale';
  const expected = Buffer.from(signBounceCall(secret, Number(timestamp), body));
  const given = Buffer.from(signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
  return undefined;
}
