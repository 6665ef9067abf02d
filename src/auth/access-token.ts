import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * Verifies the access tokens `JwtService` signs (JWS compact form, HS256, `exp` in seconds) with an HMAC key made
 * once (issue 18: jsonwebtoken + passport cost ~80 µs of every request). The same checks as jsonwebtoken with
 * `algorithms: ['HS256']`: three parts, a header naming HS256, the signature over `header.payload` (compared in
 * constant time), a JSON payload, a numeric `exp` that has not passed and a numeric `nbf` that has. Returns the
 * payload, or undefined for every kind of bad token (the caller answers all of them alike).
 */
export class AccessTokenVerifier {
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret));
  }

  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): unknown {
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) return undefined;
    const header = parseJson(token.slice(0, first));
    if (!isObject(header) || header.alg !== 'HS256') return undefined;
    const expected = Buffer.from(createHmac('sha256', this.key).update(token.slice(0, second)).digest('base64url'));
    const given = Buffer.from(token.slice(second + 1));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const payload = parseJson(token.slice(first + 1, second));
    if (payload === undefined) return undefined;
    if (isObject(payload)) {
      if (payload.exp !== undefined && (typeof payload.exp !== 'number' || nowSeconds >= payload.exp)) return undefined;
      if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > nowSeconds)) return undefined;
    }
    return payload;
  }
}

/** The token of an `Authorization: Bearer <token>` header, read as passport-jwt's `fromAuthHeaderAsBearerToken` does. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /(\S+)\s+(\S+)/.exec(header);
  return m && m[1].toLowerCase() === 'bearer' ? m[2] : undefined;
}

function parseJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
