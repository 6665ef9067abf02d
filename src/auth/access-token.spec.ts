import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessTokenVerifier, bearerToken } from './access-token.js';

const SECRET = 'unit-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256', expiresIn: 900 }, verifyOptions: { algorithms: ['HS256'] } });
const verifier = new AccessTokenVerifier(SECRET);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** a token signed by hand, for claims JwtService refuses to sign */
const signRaw = (payload: unknown) => {
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
};
const sub = '7d5c2f52-1c8e-4b63-9d0e-2b7f3a1e0c11';
const sid = '0f6a1f0e-3b9a-4a59-8f7c-9a2b1c3d4e5f';

/** What jsonwebtoken (through JwtService, as the service signs) says of a token: its payload, or undefined. */
function reference(token: string): unknown {
  try {
    return jwt.verify(token);
  } catch {
    return undefined;
  }
}

describe('AccessTokenVerifier (HS256 with a key made once, issue 18)', () => {
  it('accepts what JwtService signs and returns its payload', () => {
    const token = jwt.sign({ sub, sid });
    expect(verifier.verify(token)).toMatchObject({ sub, sid });
    expect(verifier.verify(token)).toEqual(reference(token));
  });

  it('refuses an expired, a not-yet-valid, a forged, an other-key and an alg-none token', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(verifier.verify(jwt.sign({ sub, sid }, { expiresIn: 900 }), now + 900)).toBeUndefined();
    expect(verifier.verify(jwt.sign({ sub, sid, nbf: now + 60 }))).toBeUndefined();
    const [h, p] = jwt.sign({ sub, sid }).split('.');
    expect(verifier.verify(`${h}.${p}.${Buffer.from('x'.repeat(32)).toString('base64url')}`)).toBeUndefined();
    expect(verifier.verify(new JwtService({ secret: `${SECRET}-other` }).sign({ sub, sid }))).toBeUndefined();
    expect(verifier.verify(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub, sid })}.`)).toBeUndefined();
    expect(verifier.verify(new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS512' } }).sign({ sub, sid }))).toBeUndefined();
    for (const token of [signRaw({ sub, sid, exp: 'soon' }), signRaw({ sub, sid, nbf: '0' }), signRaw({ sub, sid, exp: now - 1 })]) {
      expect(verifier.verify(token)).toBeUndefined();
      expect(reference(token)).toBeUndefined();
    }
    // a validly signed token without exp passes both (callerFor then checks the claims and the session)
    expect(verifier.verify(signRaw({ sub, sid }))).toEqual(reference(signRaw({ sub, sid })));
  });

  it('answers as jsonwebtoken does for any change to a signed token (property)', () => {
    const token = jwt.sign({ sub, sid });
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...'abcXYZ019-_.= '), (at, ch) => {
        const changed = token.slice(0, at) + ch + token.slice(at + 1);
        expect(verifier.verify(changed) === undefined).toBe(reference(changed) === undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the bearer token of an Authorization header as passport-jwt did', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(['Bearer abc'])).toBeUndefined();
  });
});
