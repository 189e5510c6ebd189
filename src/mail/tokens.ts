// Signed tokens for links in emails (confirm, unsubscribe, sign in): tamper-proof, bound to one purpose and
// one subject, and expiring. Stateless: single use, where needed, is enforced by the caller (e.g. a used-token row).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'signin' | 'click' | 'session';

interface Payload {
  /** purpose */
  p: TokenPurpose;
  /** subject, e.g. a subscriber id */
  s: string;
  /** expiry, Unix seconds; 0 = never */
  e: number;
  /** nonce: two tokens for the same subject differ, so a used one cannot be replayed as the next */
  n: string;
}

/** Why a token was refused; the web layer shows one neutral message for all of them. */
export class TokenError extends Error {
  constructor(readonly reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired') {
    super(`token refused: ${reason}`);
    this.name = 'TokenError';
  }
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Signs and verifies tokens with a secret key (SECRET_KEY); each purpose gets its own derived key. */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('the token secret must be at least 32 characters');
  }

  // Derived once per purpose: a digest signs a dozen links, and deriving the key each time doubled the cost.
  private readonly keys = new Map<TokenPurpose, Buffer>();

  private mac(purpose: TokenPurpose, data: string): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = createHmac('sha256', this.secret).update(`paperpulse-token:${purpose}`).digest();
      this.keys.set(purpose, key);
    }
    return createHmac('sha256', key).update(data).digest();
  }

  /** A token for `subject` and `purpose`, valid for `ttlSeconds` (0 = no expiry, e.g. unsubscribe links). */
  sign(purpose: TokenPurpose, subject: string, ttlSeconds: number): string {
    const payload: Payload = {
      p: purpose,
      s: subject,
      e: ttlSeconds > 0 ? Math.floor(this.now() / 1000) + ttlSeconds : 0,
      n: randomBytes(9).toString('base64url'),
    };
    const body = b64(JSON.stringify(payload));
    return `v1.${body}.${b64(this.mac(purpose, body))}`;
  }

  /** The subject of a valid token for `purpose`; throws TokenError otherwise. */
  verify(token: string, purpose: TokenPurpose): { subject: string; nonce: string } {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'v1' || !parts[1] || !parts[2] || token.length > 2048) {
      throw new TokenError('malformed');
    }
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Payload;
    } catch {
      throw new TokenError('malformed');
    }
    // Check the signature with the key of the purpose asked for: a token of another purpose fails here.
    const expected = this.mac(purpose, parts[1]);
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new TokenError(payload.p !== purpose ? 'wrong-purpose' : 'bad-signature');
    }
    if (payload.e !== 0 && payload.e * 1000 < this.now()) throw new TokenError('expired');
    return { subject: payload.s, nonce: payload.n };
  }
}
