import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Counts for the yearly report (art. 51): the cases of a type filed in a year, per state. Counts only. */
@Injectable()
export class CaseStatistics {
  async perState(m: EntityManager, year: number, types: readonly string[]): Promise<Array<{ type: string; state: string; n: number }>> {
    return m.query(
      `SELECT type, state, count(*)::int AS n FROM cases
        WHERE type = ANY($2::text[]) AND created_at >= make_timestamptz($1, 1, 1, 0, 0, 0, 'UTC')
          AND created_at < make_timestamptz($1 + 1, 1, 1, 0, 0, 0, 'UTC')
        GROUP BY type, state ORDER BY type, state`,
      [year, types],
    );
  }
}
