import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ClientThrottlerGuard, clientAddressOf, type ThrottledRequest } from './rate-limit/client-throttler.guard.js';
import { PostgresThrottlerStorage } from './rate-limit/postgres-throttler.storage.js';

/** One client address over every link (LOGIN_RATE_LIMIT_PER_ADDRESS). */
export const INVITATION_ADDRESS_THROTTLER = 'invitation-address';
/** One link over every client address (LOGIN_RATE_LIMIT): the link is the account's credential here. */
export const INVITATION_LINK_THROTTLER = 'invitation-link';

const tokenOf = (req: ThrottledRequest): string => {
  const token = req.body?.token ?? req.query?.token;
  return typeof token === 'string' ? token : '';
};

/**
 * Limits checking and accepting invitation links (issue 12, part 2), counted in PostgreSQL per LOGIN_RATE_WINDOW_SECONDS
 * before anything is looked up: per client address over all links, and per link over all addresses. A guess at a link
 * is a guess at 256 random bits, so these limits are about load, not secrecy; the password hash comes only after the
 * link was found usable.
 */
@Injectable()
export class InvitationThrottlerGuard extends ClientThrottlerGuard {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PostgresThrottlerStorage) storage: PostgresThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super(
      [
        { name: INVITATION_ADDRESS_THROTTLER, limit: config.loginRateLimitPerAddress, track: clientAddressOf },
        { name: INVITATION_LINK_THROTTLER, limit: config.loginRateLimit, track: tokenOf },
      ],
      config.loginRateWindowSeconds * 1000,
      storage,
      reflector,
    );
  }
}
