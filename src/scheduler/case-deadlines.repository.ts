import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { jsonDate, jsonDateOrNull, type SqlPart } from '../common/sql-part.js';

export const DEADLINE_KINDS = ['consent', 'access-window', 'improvement-period', 'vote'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface DeadlineRow {
  id: string;
  case_id: string;
  kind: DeadlineKind;
  due_at: Date;
  remind_at: Date | null;
  reminded_at: Date | null;
  fired_at: Date | null;
  attempts: number;
}

type Step = 'remind' | 'expire';

export type OpenDeadline = { kind: DeadlineKind; due_at: Date; remind_at: Date | null };

/**
 * The open deadlines of the case `key` (an SQL expression), soonest first, as one json value for the case view's one
 * statement (issue 18), read back as rows (`kind`, `due_at`, `remind_at`). Handed out by `DeadlineScheduler.openDeadlinesPart`.
 */
export const openDeadlinesPart: SqlPart<OpenDeadline[]> = {
  sql: (key) => `(SELECT coalesce(json_agg(json_build_object('kind', d.kind, 'due_at', d.due_at, 'remind_at', d.remind_at) ORDER BY d.due_at), '[]'::json)
      FROM case_deadlines d WHERE d.case_id = ${key} AND d.fired_at IS NULL AND d.cancelled_at IS NULL)`,
  read: (json) => (json as OpenDeadline[]).map((d) => ({ kind: d.kind, due_at: jsonDate(d.due_at), remind_at: jsonDateOrNull(d.remind_at) })),
};

/** Every query of `case_deadlines`: a case's deadlines, their reminders, and who claimed them (issue 6, item 6). */
@Injectable()
export class CaseDeadlinesRepository {
  async insert(m: EntityManager, caseId: string, kind: DeadlineKind, dueAt: Date, remindAt: Date | null): Promise<void> {
    await m.query(`INSERT INTO case_deadlines (case_id, kind, due_at, remind_at) VALUES ($1, $2, $3, $4)`, [caseId, kind, dueAt, remindAt]);
  }

  async cancel(m: EntityManager, caseId: string, kind: DeadlineKind): Promise<void> {
    await m.query(
      `UPDATE case_deadlines SET cancelled_at = now() WHERE case_id = $1 AND kind = $2 AND fired_at IS NULL AND cancelled_at IS NULL`,
      [caseId, kind],
    );
  }

  /** The ids whose reminder or end is due now, oldest first. */
  async due(m: EntityManager, step: Step, limit: number): Promise<string[]> {
    const due = await m.query<Array<{ id: string }>>(
      step === 'remind'
        ? `SELECT id FROM case_deadlines WHERE remind_at <= now() AND reminded_at IS NULL AND fired_at IS NULL
             AND cancelled_at IS NULL AND due_at > now() ORDER BY remind_at LIMIT $1`
        : `SELECT id FROM case_deadlines WHERE due_at <= now() AND fired_at IS NULL AND cancelled_at IS NULL
           ORDER BY due_at LIMIT $1`,
      [limit],
    );
    return due.map((d) => d.id);
  }

  /**
   * Locks the case of a deadline FOR UPDATE (the lock every case transition takes first, so a deadline step and a
   * transition cannot deadlock) and returns its id; null when the deadline does not exist. The lock is taken here,
   * not through the cases module, because that module schedules through this one (it would be an import cycle).
   */
  async lockCaseOf(m: EntityManager, id: string): Promise<string | null> {
    const [ref] = await m.query<Array<{ case_id: string }>>(`SELECT case_id FROM case_deadlines WHERE id = $1`, [id]);
    if (!ref) return null;
    await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [ref.case_id]);
    return ref.case_id;
  }

  /** Claims a deadline whose step is due (`FOR UPDATE SKIP LOCKED`); null when another instance has it or it was cancelled. */
  async claim(m: EntityManager, step: Step, id: string): Promise<DeadlineRow | null> {
    const [row] = await m.query<DeadlineRow[]>(
      step === 'remind'
        ? `SELECT * FROM case_deadlines WHERE id = $1 AND reminded_at IS NULL AND fired_at IS NULL AND cancelled_at IS NULL FOR UPDATE SKIP LOCKED`
        : `SELECT * FROM case_deadlines WHERE id = $1 AND due_at <= now() AND fired_at IS NULL AND cancelled_at IS NULL FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return row ?? null;
  }

  async markDone(m: EntityManager, step: Step, id: string): Promise<void> {
    await m.query(step === 'remind' ? `UPDATE case_deadlines SET reminded_at = now() WHERE id = $1` : `UPDATE case_deadlines SET fired_at = now() WHERE id = $1`, [id]);
  }

  /** After a step rolled back: counts the attempt and moves the step on, backing off (at most an hour). */
  async failed(m: EntityManager, step: Step, id: string, message: string): Promise<void> {
    await m.query(
      `UPDATE case_deadlines SET attempts = attempts + 1, last_error = $2,
              ${step === 'remind' ? 'remind_at' : 'due_at'} = now() + make_interval(secs => least(3600, 5 * power(2, attempts)))
        WHERE id = $1`,
      [id, message],
    );
  }
}
