import { Global, Module } from '@nestjs/common';
import { PostgresThrottlerStorage } from './postgres-throttler.storage.js';
import { RateLimitsRepository } from './rate-limits.repository.js';

/** The PostgreSQL-backed throttler storage, shared by every rate-limited route (login, uploads). */
@Global()
@Module({ providers: [PostgresThrottlerStorage, RateLimitsRepository], exports: [PostgresThrottlerStorage] })
export class RateLimitModule {}
