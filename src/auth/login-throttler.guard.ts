import { createHash } from 'node:crypto';
import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { TooManyRequests } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PostgresThrottlerStorage } from './rate-limit/postgres-throttler.storage.js';
import { normaliseEmail } from './auth.service.js';

export const LOGIN_THROTTLER = 'login';

interface LoginRequest {
  ip?: string;
  body?: { email?: unknown };
}

/**
 * Limits sign-in attempts per client IP and lower-cased email (issue 3, item 4): LOGIN_RATE_LIMIT attempts per
 * LOGIN_RATE_WINDOW_SECONDS, counted in PostgreSQL; the attempt after that is a 429 in the API error shape with
 * Retry-After. A successful sign-in clears the key, so only failures add up.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  private ready?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    // explicit tokens: the parent's @InjectThrottlerStorage() metadata would otherwise be inherited
    @Inject(PostgresThrottlerStorage) private readonly pgStorage: PostgresThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super(
      {
        throttlers: [{ name: LOGIN_THROTTLER, ttl: config.loginRateWindowSeconds * 1000, limit: config.loginRateLimit }],
        setHeaders: true,
      },
      pgStorage,
      reflector,
    );
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await (this.ready ??= this.onModuleInit());
    return super.canActivate(context);
  }

  static trackerOf(req: LoginRequest): string {
    const email = typeof req.body?.email === 'string' ? normaliseEmail(req.body.email) : '';
    return `${req.ip ?? ''}|${email}`;
  }

  static keyOf(tracker: string): string {
    // hashed: the table holds no email addresses
    return createHash('sha256').update(tracker).digest('hex');
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return LoginThrottlerGuard.trackerOf(req as LoginRequest);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return LoginThrottlerGuard.keyOf(tracker);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new TooManyRequests(Math.max(1, detail.timeToBlockExpire));
  }

  /** Clears the attempts of this request's IP and email (after a successful sign-in). */
  async clear(req: LoginRequest): Promise<void> {
    await this.pgStorage.reset(LoginThrottlerGuard.keyOf(LoginThrottlerGuard.trackerOf(req)), LOGIN_THROTTLER);
  }
}
