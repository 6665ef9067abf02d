import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A counter after a hit: its hits, seconds until its window and its block end, and whether it is blocked. */
export interface RateLimitHitRow {
  hits: number;
  expire_s: number;
  block_s: number;
  blocked: boolean;
}

/** Every query of `rate_limits`: one counter per throttled key, shared by every app instance (DESIGN.md, Scaling out). */
@Injectable()
export class RateLimitsRepository {
  /**
   * One atomic upsert per hit: a key's window starts at its first hit and lasts `ttlMs`; the hit that takes the
   * count past `limit` blocks the key for `blockMs`; after the window or the block has passed, the next hit starts
   * a fresh window (`fresh`: the old window is over, or an old block has passed).
   */
  async hit(m: EntityManager, key: string, ttlMs: number, limit: number, blockMs: number): Promise<RateLimitHitRow> {
    const [row] = await m.query<RateLimitHitRow[]>(
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
      [key, ttlMs, limit, blockMs],
    );
    return row;
  }

  async forget(m: EntityManager, key: string): Promise<void> {
    await m.query('DELETE FROM rate_limits WHERE key = $1', [key]);
  }

  /** Takes one hit back from a key that is not blocked. */
  async refund(m: EntityManager, key: string): Promise<void> {
    await m.query(
      `UPDATE rate_limits SET hits = hits - 1
        WHERE key = $1 AND hits > 0 AND expires_at > now() AND (blocked_until IS NULL OR blocked_until <= now())`,
      [key],
    );
  }

  /** Deletes counters whose window and block are over for an hour; how many. */
  async sweep(m: EntityManager): Promise<number> {
    const rows = await m.query<unknown[]>(
      `DELETE FROM rate_limits WHERE expires_at < now() - interval '1 hour'
         AND (blocked_until IS NULL OR blocked_until < now() - interval '1 hour') RETURNING key`,
    );
    return rows.length;
  }
}
