import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FollowUpDto, Round } from './dto/monitoring.dto.js';

/** What a policy condition on MonitoringFollowUp is checked against (policies/monitoring-results.yaml); a type, so it passes as a policy record. */
export type FollowUpRecord = {
  id: string;
  companyId: string;
  resultId: string;
  kind: FollowUpDto['kind'];
};

export type FollowUpRow = Omit<FollowUpDto, 'createdAt' | 'deadlineAt' | 'completedAt'> & {
  createdAt: Date;
  deadlineAt: Date | null;
  completedAt: Date | null;
};

/** An open improvement period claimed by the scheduler, with its result's round. */
export interface DuePeriodRow {
  id: string;
  result_id: string;
  company_id: string;
  step: number;
  deadline_at: Date;
  round: Round;
}

/**
 * Every query of `monitoring_follow_ups` (art. 10-11): the signal talks, the improvement periods with their
 * deadlines, and the tasks for the secretariat when a period has ended.
 */
@Injectable()
export class MonitoringFollowUpsRepository {
  async record(m: EntityManager, id: string): Promise<FollowUpRecord | null> {
    const [row] = await m.query<FollowUpRecord[]>(
      `SELECT id, company_id AS "companyId", result_id AS "resultId", kind FROM monitoring_follow_ups WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Art. 10: one open signal talk per result; how many were opened (0 or 1). */
  async openSignalTalk(m: EntityManager, resultId: string, companyId: string): Promise<number> {
    const rows = await m.query<unknown[]>(
      `INSERT INTO monitoring_follow_ups (result_id, company_id, kind)
       SELECT $1, $2, 'signal-talk'
        WHERE NOT EXISTS (SELECT 1 FROM monitoring_follow_ups WHERE result_id = $1 AND kind = 'signal-talk' AND completed_at IS NULL)
       RETURNING id`,
      [resultId, companyId],
    );
    return rows.length;
  }

  /** Art. 11: an improvement period (`period` from now) for each section below its threshold without an open one; how many were opened. */
  async openImprovementPeriods(m: EntityManager, resultId: string, companyId: string, period: string): Promise<number> {
    const rows = await m.query<unknown[]>(
      `INSERT INTO monitoring_follow_ups (result_id, company_id, kind, step, deadline_at)
       SELECT $1, $2, 'improvement-period', rs.step, now() + interval '${period}'
         FROM monitoring_result_sections rs JOIN monitoring_sections s ON s.step = rs.step
        WHERE rs.result_id = $1 AND rs.score < s.sufficient_from
          AND NOT EXISTS (SELECT 1 FROM monitoring_follow_ups f
                           WHERE f.result_id = $1 AND f.kind = 'improvement-period' AND f.step = rs.step AND f.completed_at IS NULL)
       RETURNING id`,
      [resultId, companyId],
    );
    return rows.length;
  }

  /** Closes the open improvement periods of the sections that are now sufficient. */
  async closeSufficientPeriods(m: EntityManager, resultId: string, personId: string): Promise<void> {
    await m.query(
      `UPDATE monitoring_follow_ups f SET completed_at = now(), completed_by = $2
         FROM monitoring_result_sections rs JOIN monitoring_sections s ON s.step = rs.step
        WHERE f.result_id = $1 AND f.kind = 'improvement-period' AND f.completed_at IS NULL
          AND rs.result_id = f.result_id AND rs.step = f.step AND rs.score >= s.sufficient_from`,
      [resultId, personId],
    );
  }

  /** The follow-ups matching the caller's policy scope (`scope`, its parameters from $2), open ones only unless `status` is 'all'. */
  async list(m: EntityManager, status: 'open' | 'all', scope: { sql: string; params: unknown[] }): Promise<FollowUpRow[]> {
    return m.query<FollowUpRow[]>(
      `SELECT f.id, f.result_id AS "resultId", f.company_id AS "companyId", r.round, f.kind, f.step,
              f.created_at AS "createdAt", f.deadline_at AS "deadlineAt", f.completed_at AS "completedAt"
         FROM monitoring_follow_ups f JOIN monitoring_results r ON r.id = f.result_id
        WHERE ($1 = 'all' OR f.completed_at IS NULL) AND ${scope.sql}
        ORDER BY f.deadline_at NULLS FIRST, f.created_at, f.id`,
      [status, ...scope.params],
    );
  }

  /** Marks a follow-up done; false when it already was. */
  async complete(m: EntityManager, id: string, personId: string): Promise<boolean> {
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount]
    const [updated] = await m.query<[unknown[], number]>(
      `UPDATE monitoring_follow_ups SET completed_at = now(), completed_by = $2 WHERE id = $1 AND completed_at IS NULL RETURNING id`,
      [id, personId],
    );
    return updated.length > 0;
  }

  /** The open improvement periods whose reminder (from `remindBefore` ahead of the deadline) or end is due. */
  async dueImprovementPeriods(m: EntityManager, step: 'remind' | 'expire', remindBefore: string, limit: number): Promise<string[]> {
    const rows = await m.query<Array<{ id: string }>>(
      step === 'remind'
        ? `SELECT id FROM monitoring_follow_ups
            WHERE kind = 'improvement-period' AND completed_at IS NULL AND fired_at IS NULL AND reminded_at IS NULL
              AND deadline_at <= now() + interval '${remindBefore}' AND deadline_at > now()
              AND (retry_at IS NULL OR retry_at <= now())
            ORDER BY deadline_at LIMIT $1`
        : `SELECT id FROM monitoring_follow_ups
            WHERE kind = 'improvement-period' AND completed_at IS NULL AND fired_at IS NULL AND deadline_at <= now()
              AND (retry_at IS NULL OR retry_at <= now())
            ORDER BY deadline_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async resultOf(m: EntityManager, id: string): Promise<string | null> {
    const [ref] = await m.query<Array<{ result_id: string }>>(`SELECT result_id FROM monitoring_follow_ups WHERE id = $1`, [id]);
    return ref?.result_id ?? null;
  }

  /** Claims a due improvement period for its step (`FOR UPDATE SKIP LOCKED`); null when another instance has it or it is no longer due. */
  async claimDuePeriod(m: EntityManager, step: 'remind' | 'expire', id: string): Promise<DuePeriodRow | null> {
    const [period] = await m.query<DuePeriodRow[]>(
      `SELECT f.id, f.result_id, f.company_id, f.step, f.deadline_at, r.round
         FROM monitoring_follow_ups f JOIN monitoring_results r ON r.id = f.result_id
        WHERE f.id = $1 AND f.kind = 'improvement-period' AND f.completed_at IS NULL AND f.fired_at IS NULL
          AND ${step === 'remind' ? `f.reminded_at IS NULL AND f.deadline_at > now()` : `f.deadline_at <= now()`}
        FOR UPDATE OF f SKIP LOCKED`,
      [id],
    );
    return period ?? null;
  }

  async markReminded(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE monitoring_follow_ups SET reminded_at = now(), retry_at = NULL WHERE id = $1`, [id]);
  }

  async markFired(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE monitoring_follow_ups SET fired_at = now(), retry_at = NULL WHERE id = $1`, [id]);
  }

  /** Art. 11: the secretariat's task to check a company after its improvement period ended (once per period's step). */
  async openPeriodEnded(m: EntityManager, period: DuePeriodRow): Promise<string | null> {
    const [task] = await m.query<Array<{ id: string }>>(
      `INSERT INTO monitoring_follow_ups (result_id, company_id, kind, step) VALUES ($1, $2, 'improvement-period-ended', $3)
       ON CONFLICT DO NOTHING RETURNING id`,
      [period.result_id, period.company_id, period.step],
    );
    return task?.id ?? null;
  }

  /** A step that rolled back is tried again later, backing off (at most an hour). */
  async stepFailed(m: EntityManager, id: string, message: string): Promise<void> {
    await m.query(
      `UPDATE monitoring_follow_ups SET attempts = attempts + 1, last_error = $2,
              retry_at = now() + make_interval(secs => least(3600, 5 * power(2, attempts)))
        WHERE id = $1`,
      [id, message],
    );
  }
}
