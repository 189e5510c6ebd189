import { describe, expect, it } from 'vitest';
import { TokenError, TokenSigner } from './tokens.js';

const secret = 'k'.repeat(40);

describe('TokenSigner', () => {
  it('round-trips subject and purpose, with a fresh nonce each time', () => {
    const s = new TokenSigner(secret);
    const a = s.sign('confirm', 'sub-42', 3600);
    const b = s.sign('confirm', 'sub-42', 3600);
    expect(a).not.toBe(b);
    expect(s.verify(a, 'confirm').subject).toBe('sub-42');
    expect(s.verify(a, 'confirm').nonce).not.toBe(s.verify(b, 'confirm').nonce);
  });

  it.each([
    ['malformed', 'nonsense'],
    ['malformed', 'v1.%%%.abc'],
    ['malformed', 'v2.a.b'],
    ['malformed', `v1.${'a'.repeat(3000)}.b`],
  ])('refuses %s input %j', (reason, token) => {
    const s = new TokenSigner(secret);
    expect(() => s.verify(token, 'confirm')).toThrow(new TokenError(reason as 'malformed'));
  });

  it('refuses a token whose payload or signature was changed', () => {
    const s = new TokenSigner(secret);
    const [v, body, sig] = s.sign('unsubscribe', 'sub-1', 0).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), s: 'sub-2' }),
    ).toString('base64url');
    expect(() => s.verify(`${v}.${forged}.${sig}`, 'unsubscribe')).toThrow(TokenError);
    expect(() => s.verify(`${v}.${body}.${sig!.slice(0, -2)}AA`, 'unsubscribe')).toThrow(TokenError);
    expect(() => new TokenSigner('x'.repeat(40)).verify(`${v}.${body}.${sig}`, 'unsubscribe')).toThrow(
      TokenError,
    );
  });

  it('binds a token to its purpose', () => {
    const s = new TokenSigner(secret);
    const unsubscribe = s.sign('unsubscribe', 'sub-1', 0);
    expect(() => s.verify(unsubscribe, 'signin')).toThrow(new TokenError('wrong-purpose'));
  });

  it('expires, unless signed without expiry', () => {
    let now = 1_000_000_000_000;
    const s = new TokenSigner(secret, () => now);
    const signin = s.sign('signin', 'sub-1', 900);
    const forever = s.sign('unsubscribe', 'sub-1', 0);
    now += 899_000;
    expect(s.verify(signin, 'signin').subject).toBe('sub-1');
    now += 2_000;
    expect(() => s.verify(signin, 'signin')).toThrow(new TokenError('expired'));
    now += 10 * 365 * 86_400_000;
    expect(s.verify(forever, 'unsubscribe').subject).toBe('sub-1');
  });

  it('demands a real secret', () => {
    expect(() => new TokenSigner('short')).toThrow(/at least 32/);
  });
});
