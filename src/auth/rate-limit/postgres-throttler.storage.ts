import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

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

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const fullKey = `${throttlerName}:${key}`;
    // `fresh`: the old window is over (or an old block has passed): this hit opens a new window.
    const [row] = await this.db.query(
      `WITH params AS (SELECT now() AS t, make_interval(secs => $2::double precision / 1000) AS ttl,
                              make_interval(secs => $4::double precision / 1000) AS block)
       INSERT INTO rate_limits AS r (key, hits, expires_at, blocked_until)
       SELECT $1, 1, p.t + p.ttl, CASE WHEN 1 > $3 THEN p.t + p.block END FROM params p
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.blocked_until > now() THEN r.hits
                     WHEN r.expires_at <= now() OR r.blocked_until IS NOT NULL THEN 1
                     ELSE r.hits + 1 END,
         expires_at = CASE WHEN r.blocked_until > now() THEN r.expires_at
                           WHEN r.expires_at <= now() OR r.blocked_until IS NOT NULL THEN EXCLUDED.expires_at
                           ELSE r.expires_at END,
         blocked_until = CASE WHEN r.blocked_until > now() THEN r.blocked_until
                              WHEN r.expires_at <= now() OR r.blocked_until IS NOT NULL
                                THEN CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4::double precision / 1000) END
                              WHEN r.hits + 1 > $3 THEN now() + make_interval(secs => $4::double precision / 1000)
                              ELSE NULL END
       RETURNING hits,
                 GREATEST(0, ceil(extract(epoch FROM expires_at - now())))::int AS expire_s,
                 GREATEST(0, ceil(extract(epoch FROM coalesce(blocked_until, now()) - now())))::int AS block_s,
                 coalesce(blocked_until > now(), false) AS blocked`,
      [fullKey, ttl, limit, blockDuration],
    );
    if (++this.calls % 500 === 0) void this.sweep();
    return { totalHits: row.hits, timeToExpire: row.expire_s, isBlocked: row.blocked, timeToBlockExpire: row.block_s };
  }

  /** Forgets a key (e.g. after a successful sign-in, the failures before it no longer count). */
  async reset(key: string, throttlerName: string): Promise<void> {
    await this.db.query('DELETE FROM rate_limits WHERE key = $1', [`${throttlerName}:${key}`]);
  }

  /** Takes one hit back from a key that is not blocked (a request that turned out to be a success). */
  async refund(key: string, throttlerName: string): Promise<void> {
    await this.db.query(
      `UPDATE rate_limits SET hits = hits - 1
        WHERE key = $1 AND hits > 0 AND expires_at > now() AND (blocked_until IS NULL OR blocked_until <= now())`,
      [`${throttlerName}:${key}`],
    );
  }

  /** Deletes counters whose window and block are long over, so the table stays small. */
  async sweep(): Promise<number> {
    const rows = await this.db
      .query(
        `DELETE FROM rate_limits WHERE expires_at < now() - interval '1 hour'
           AND (blocked_until IS NULL OR blocked_until < now() - interval '1 hour') RETURNING key`,
      )
      .catch(() => []);
    return rows.length;
  }
}
