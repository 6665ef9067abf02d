import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { ClientThrottlerGuard, clientAddressOf, type ThrottledRequest } from '../rate-limit/client-throttler.guard.js';
import { PostgresThrottlerStorage } from '../rate-limit/postgres-throttler.storage.js';
import { PendingSignIns } from './pending-sign-in.js';

export const SECOND_FACTOR_PERSON_THROTTLER = 'second-factor-person';
export const SECOND_FACTOR_ADDRESS_THROTTLER = 'second-factor-address';

/**
 * Limits second-factor attempts like sign-ins (issue 17), in PostgreSQL per LOGIN_RATE_WINDOW_SECONDS: per person
 * (named by the pending sign-in token, or the signed-in caller for step-up and enrolment), LOGIN_RATE_LIMIT; per
 * client address, LOGIN_RATE_LIMIT_PER_ADDRESS. A six-digit code has a million values: ten guesses a minute leave a
 * guesser well under one chance in a thousand a day. A success clears the person's count.
 */
@Injectable()
export class SecondFactorThrottlerGuard extends ClientThrottlerGuard {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PostgresThrottlerStorage) storage: PostgresThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    const pending = new PendingSignIns(config.jwtSecret);
    const personOf = (req: ThrottledRequest): string =>
      pending.read(req.body?.pendingToken) ?? (req as ThrottledRequest & { user?: { personId?: string } }).user?.personId ?? '';
    super(
      [
        { name: SECOND_FACTOR_PERSON_THROTTLER, limit: config.loginRateLimit, track: personOf },
        { name: SECOND_FACTOR_ADDRESS_THROTTLER, limit: config.loginRateLimitPerAddress, track: clientAddressOf },
      ],
      config.loginRateWindowSeconds * 1000,
      storage,
      reflector,
    );
  }

  async succeeded(req: ThrottledRequest): Promise<void> {
    await Promise.all([this.clearCounter(SECOND_FACTOR_PERSON_THROTTLER, req), this.refundCounter(SECOND_FACTOR_ADDRESS_THROTTLER, req)]);
  }
}
