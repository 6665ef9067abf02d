import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Counts for the yearly report (art. 14d, 33): per monitoring round, how many participating companies had each
 * signal. Counts only; which company had which signal never leaves this module (the yearly report suppresses
 * small counts, src/yearly-report/protect-counts.ts).
 */
@Injectable()
export class MonitoringStatistics {
  async signalsPerRound(m: EntityManager): Promise<Array<{ round: string; signal: string; n: number }>> {
    return m.query(
      `SELECT round, signal, count(*)::int AS n FROM monitoring_results
        WHERE company_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))
        GROUP BY round, signal ORDER BY round, signal`,
    );
  }
}
