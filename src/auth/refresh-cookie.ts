import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/config.js';

/**
 * The refresh token (issue 14, item 7): `<sessionId>.<personId>.<mac>`, where the mac is an HMAC-SHA256 of the
 * two ids under a key derived from JWT_SECRET. It proves nothing by itself: the session row it names must still be
 * live (not signed out, not expired, person not disabled), read fresh on every refresh, so sign-out and disabling
 * end it at once. It travels only in an HttpOnly, SameSite=Strict cookie scoped to the refresh route, so page
 * scripts never see it and no other route (and no other site) ever receives it.
 */
export const REFRESH_COOKIE = 'ketenkluis_refresh';
export const REFRESH_PATH = '/api/v1/auth/refresh';

export class RefreshTokens {
  private readonly key: Buffer;

  constructor(private readonly config: AppConfig) {
    this.key = createHash('sha256').update(`ketenkluis:refresh-token:${config.jwtSecret}`).digest();
  }

  issue(sessionId: string, personId: string): string {
    return `${sessionId}.${personId}.${this.mac(sessionId, personId)}`;
  }

  /** The session and person a well-formed, untampered token names, or undefined. */
  read(token: string | undefined): { sessionId: string; personId: string } | undefined {
    const parts = (token ?? '').split('.');
    if (parts.length !== 3 || !UUID.test(parts[0]) || !UUID.test(parts[1])) return undefined;
    const expected = Buffer.from(this.mac(parts[0], parts[1]));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return { sessionId: parts[0], personId: parts[1] };
  }

  /** Sets the cookie; it lives as long as the session may (SESSION_TTL_HOURS). */
  set(reply: FastifyReply, token: string): void {
    reply.setCookie(REFRESH_COOKIE, token, { ...this.options(), maxAge: this.config.sessionTtlHours * 3600 });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, this.options());
  }

  private options() {
    // Secure everywhere but development, where the service is reached over plain http on a laptop.
    return { path: REFRESH_PATH, httpOnly: true, sameSite: 'strict' as const, secure: this.config.env !== 'development' };
  }

  private mac(sessionId: string, personId: string): string {
    return createHmac('sha256', this.key).update(`${sessionId}.${personId}`).digest('base64url');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
