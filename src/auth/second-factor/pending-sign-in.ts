import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The proof that a person gave the right password and must now give their second factor (issue 17):
 * `<personId>.<expiresAtSeconds>.<mac>`, HMAC-SHA256 under a key derived from JWT_SECRET for this purpose only, so
 * it is no access token and no refresh token. No session exists until the second factor is given; the token lives
 * five minutes, and every failed code counts on the person's second-factor rate limit.
 */
export const PENDING_SIGN_IN_SECONDS = 300;

export class PendingSignIns {
  private readonly key: Buffer;

  constructor(jwtSecret: string) {
    this.key = createHash('sha256').update(`ketenkluis:pending-second-factor:${jwtSecret}`).digest();
  }

  issue(personId: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
    const exp = nowSeconds + PENDING_SIGN_IN_SECONDS;
    return `${personId}.${exp}.${this.mac(personId, exp)}`;
  }

  /** The person a well-formed, untampered, unexpired token names, or undefined. */
  read(token: unknown, nowSeconds = Math.floor(Date.now() / 1000)): string | undefined {
    if (typeof token !== 'string') return undefined;
    const parts = token.split('.');
    if (parts.length !== 3 || !UUID.test(parts[0]) || !/^\d{1,12}$/.test(parts[1])) return undefined;
    const exp = Number(parts[1]);
    const expected = Buffer.from(this.mac(parts[0], exp));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return exp > nowSeconds ? parts[0] : undefined;
  }

  private mac(personId: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${personId}.${exp}`).digest('base64url');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
