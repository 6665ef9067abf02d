import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Membership for the yearly report (art. 40, 51): how many parties of each kind and supporters took part at the
 * end of the year, how many joined and left during it. Who signed the agreement is public; only counts go out.
 */
@Injectable()
export class MembershipStatistics {
  async atYearEnd(m: EntityManager, year: number): Promise<{ byKind: Array<{ kind: string; n: number }>; joined: number; left: number }> {
    const end = `make_timestamptz($1 + 1, 1, 1, 0, 0, 0, 'UTC')`;
    const start = `make_timestamptz($1, 1, 1, 0, 0, 0, 'UTC')`;
    const byKind = await m.query<Array<{ kind: string; n: number }>>(
      `SELECT kind::text AS kind, count(*)::int AS n FROM organisations
        WHERE kind IN ('company', 'ngo', 'union', 'branch_org', 'supporter') AND joined_at < ${end}
          AND (status IN ('active', 'withdrawing')
               OR id NOT IN (SELECT organisation_id FROM membership_changes WHERE effected_at IS NOT NULL AND effective_at < ${end}))
        GROUP BY kind ORDER BY kind`,
      [year],
    );
    const [{ joined }] = await m.query<Array<{ joined: number }>>(
      `SELECT count(*)::int AS joined FROM organisations WHERE kind IN ('company', 'ngo', 'union', 'branch_org', 'supporter') AND joined_at >= ${start} AND joined_at < ${end}`,
      [year],
    );
    const [{ left }] = await m.query<Array<{ left: number }>>(
      `SELECT count(*)::int AS left FROM membership_changes WHERE effected_at IS NOT NULL AND effective_at >= ${start} AND effective_at < ${end}`,
      [year],
    );
    return { byKind, joined, left };
  }
}
