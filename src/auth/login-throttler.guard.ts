import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ClientThrottlerGuard, clientAddressOf, type ThrottledRequest } from './rate-limit/client-throttler.guard.js';
import { PostgresThrottlerStorage } from './rate-limit/postgres-throttler.storage.js';
import { normaliseEmail } from './auth.service.js';

/** The pair of one client address and one email (LOGIN_RATE_LIMIT). */
export const LOGIN_THROTTLER = 'login';
/** One client address over every email (LOGIN_RATE_LIMIT_PER_ADDRESS): spraying many emails from one address. */
export const LOGIN_ADDRESS_THROTTLER = 'login-address';
/** One email over every client address (LOGIN_RATE_LIMIT_PER_ACCOUNT): guessing one account from many addresses. */
export const LOGIN_ACCOUNT_THROTTLER = 'login-account';

const emailOf = (req: ThrottledRequest): string => (typeof req.body?.email === 'string' ? normaliseEmail(req.body.email) : '');

/**
 * Limits sign-in attempts (issue 3, item 4; issue 12, part 2) on three counters in PostgreSQL, each per
 * LOGIN_RATE_WINDOW_SECONDS, all counted before the password check so a refused attempt costs no hash:
 * - per client address and email, LOGIN_RATE_LIMIT;
 * - per client address over all emails, LOGIN_RATE_LIMIT_PER_ADDRESS;
 * - per email over all client addresses, LOGIN_RATE_LIMIT_PER_ACCOUNT.
 * The attempt past a limit is a 429 in the API error shape with Retry-After. A successful sign-in clears the
 * failures of its address+email and of its account, and gives its own attempt back to the address, so only
 * failures add up; it does not clear the address's other failures, or one valid account would reset a spray.
 */
@Injectable()
export class LoginThrottlerGuard extends ClientThrottlerGuard {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    // explicit tokens: the parent's @InjectThrottlerStorage() metadata would otherwise be inherited
    @Inject(PostgresThrottlerStorage) storage: PostgresThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super(
      [
        { name: LOGIN_THROTTLER, limit: config.loginRateLimit, track: (req) => `${clientAddressOf(req)}|${emailOf(req)}` },
        { name: LOGIN_ADDRESS_THROTTLER, limit: config.loginRateLimitPerAddress, track: clientAddressOf },
        { name: LOGIN_ACCOUNT_THROTTLER, limit: config.loginRateLimitPerAccount, track: emailOf },
      ],
      config.loginRateWindowSeconds * 1000,
      storage,
      reflector,
    );
  }

  /** After a successful sign-in: see the class comment. */
  async succeeded(req: ThrottledRequest): Promise<void> {
    await Promise.all([
      this.clearCounter(LOGIN_THROTTLER, req),
      this.clearCounter(LOGIN_ACCOUNT_THROTTLER, req),
      this.refundCounter(LOGIN_ADDRESS_THROTTLER, req),
    ]);
  }
}
