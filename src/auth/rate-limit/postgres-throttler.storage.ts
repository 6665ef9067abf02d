import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RateLimitsRepository } from './rate-limits.repository.js';

export interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * `@nestjs/throttler` storage in the `rate_limits` table, never in process memory, so several app instances
 * share one counter per key (DESIGN.md, Scaling out). One atomic upsert per hit:
 * - a key's window starts at its first hit and lasts `ttl` ms; hits in it are counted;
 * - the hit that takes the count past `limit` blocks the key for `blockDuration` ms (all hits then refused);
 * - after the window or the block has passed, the next hit starts a fresh window.
 * Exported for other throttled routes (uploads): use it as the storage of a `ThrottlerGuard` subclass.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private calls = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly counters: RateLimitsRepository,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const fullKey = `${throttlerName}:${key}`;
    const row = await this.counters.hit(this.db.manager, fullKey, ttl, limit, blockDuration);
    if (++this.calls % 500 === 0) void this.sweep();
    return { totalHits: row.hits, timeToExpire: row.expire_s, isBlocked: row.blocked, timeToBlockExpire: row.block_s };
  }

  /** Forgets a key (e.g. after a successful sign-in, the failures before it no longer count). */
  async reset(key: string, throttlerName: string): Promise<void> {
    await this.counters.forget(this.db.manager, `${throttlerName}:${key}`);
  }

  /** Takes one hit back from a key that is not blocked (a request that turned out to be a success). */
  async refund(key: string, throttlerName: string): Promise<void> {
    await this.counters.refund(this.db.manager, `${throttlerName}:${key}`);
  }

  /** Deletes counters whose window and block are long over, so the table stays small. */
  async sweep(): Promise<number> {
    return this.counters.sweep(this.db.manager).catch(() => 0);
  }
}
