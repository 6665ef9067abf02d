import type { Language } from '../common/caller.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeadlineKind, DueDateOverride } from './agreement-calendar.js';

export type DeadlineState = 'met' | 'overdue' | 'due-soon' | 'upcoming';

export interface DeadlineStatusRow {
  id: string;
  companyId: string;
  companyName: string;
  kind: DeadlineKind;
  period: string;
  dueAt: Date;
  remindAt: Date;
  remindedAt: Date | null;
  overdueAt: Date | null;
  state: DeadlineState;
}

export interface PlannedDeadline {
  companyId: string;
  kind: DeadlineKind;
  period: string;
  plannedOn: string;
  dueAt: Date;
  remindAt: Date;
}

/** A deadline the scheduler holds locked for one step. */
export interface ClaimedDeadline {
  id: string;
  companyId: string;
  kind: DeadlineKind;
  period: string;
  dueAt: Date;
}

/**
 * Whether a company met a deadline: its list of that year is in (art. 17-18), or its result of that round is stored
 * (art. 9-10). Read-only facts of the production-location and monitoring tables, named once here so the state, the
 * scheduler and the to-do list agree.
 */
const MET = `CASE d.kind
    WHEN 'list' THEN EXISTS (SELECT 1 FROM production_location_lists l WHERE l.organisation_id = d.company_id AND l.is_current AND l.year::text = d.period)
    ELSE EXISTS (SELECT 1 FROM monitoring_results r WHERE r.company_id = d.company_id AND r.round = d.period) END`;
/** Companies that take part: a withdrawal or removal in effect ends their duties (art. 73-77). */
const TAKING_PART = `o.kind = 'company' AND o.is_party AND o.status IN ('active', 'withdrawing')`;

const STATUS_SELECT = `
  SELECT d.id, d.company_id AS "companyId", o.name AS "companyName", d.kind, d.period, d.due_at AS "dueAt", d.remind_at AS "remindAt",
         d.reminded_at AS "remindedAt", d.overdue_at AS "overdueAt",
         CASE WHEN ${MET} THEN 'met' WHEN d.due_at <= now() THEN 'overdue' WHEN d.remind_at <= now() THEN 'due-soon' ELSE 'upcoming' END AS state
    FROM company_deadlines d JOIN organisations o ON o.id = d.company_id
   WHERE ${TAKING_PART}`;

/** Every query of the agreement calendar's tables (`agreement_due_dates`, `company_deadlines`). */
@Injectable()
export class AgreementCalendarRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async overrides(m?: EntityManager): Promise<DueDateOverride[]> {
    const rows: Array<{ kind: DeadlineKind; period: string; due_on: string }> = await (m ?? this.db).query(
      `SELECT kind, period, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM agreement_due_dates ORDER BY kind, period`,
    );
    return rows.map((r) => ({ kind: r.kind, period: r.period, dueOn: r.due_on }));
  }

  async setOverride(m: EntityManager, kind: DeadlineKind, period: string, dueOn: string, personId: string | null): Promise<void> {
    await m.query(
      `INSERT INTO agreement_due_dates (kind, period, due_on, set_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, period) DO UPDATE SET due_on = EXCLUDED.due_on, set_by = EXCLUDED.set_by, set_at = now()`,
      [kind, period, dueOn, personId],
    );
  }

  /** The companies with yearly duties and the day each signed (membership's `joined_at`: art. 66, accession art. 72). */
  async companiesTakingPart(m?: EntityManager): Promise<Array<{ id: string; signedOn: string }>> {
    return (m ?? this.db).query(`SELECT o.id, to_char(o.joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "signedOn" FROM organisations o WHERE ${TAKING_PART} ORDER BY o.id`);
  }

  /**
   * Makes the rows match the plan: new deadlines are added; one whose planned date changed gets the new times and
   * its reminder and overdue notice again; one whose date did not change is left alone (also when its times were
   * moved). Deadlines no longer planned (the secretariat moved a round past the company's period) are dropped
   * unless already notified. Idempotent: every instance may run it.
   */
  async sync(m: EntityManager, planned: PlannedDeadline[]): Promise<void> {
    await m.query(
      `INSERT INTO company_deadlines (company_id, kind, period, planned_on, due_at, remind_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::timestamptz[], $6::timestamptz[])
       ON CONFLICT (company_id, kind, period) DO UPDATE
          SET planned_on = EXCLUDED.planned_on, due_at = EXCLUDED.due_at, remind_at = EXCLUDED.remind_at,
              reminded_at = NULL, overdue_at = NULL, attempts = 0, last_error = NULL, retry_at = NULL
        WHERE company_deadlines.planned_on <> EXCLUDED.planned_on`,
      [
        planned.map((p) => p.companyId),
        planned.map((p) => p.kind),
        planned.map((p) => p.period),
        planned.map((p) => p.plannedOn),
        planned.map((p) => p.dueAt.toISOString()),
        planned.map((p) => p.remindAt.toISOString()),
      ],
    );
    await m.query(
      `DELETE FROM company_deadlines d
        WHERE d.reminded_at IS NULL AND d.overdue_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS p(company_id, kind, period)
                           WHERE p.company_id = d.company_id AND p.kind = d.kind AND p.period = d.period)`,
      [planned.map((p) => p.companyId), planned.map((p) => p.kind), planned.map((p) => p.period)],
    );
  }

  /** Deadlines with their state, of one company or (null) of every company taking part, earliest first. */
  async statuses(companyId: string | null): Promise<DeadlineStatusRow[]> {
    return this.db.query(`${STATUS_SELECT} AND ($1::uuid IS NULL OR d.company_id = $1) ORDER BY d.due_at, o.name, d.kind`, [companyId]);
  }

  /** For the scheduler: deadlines not met whose reminder (`remind`) or overdue notice (`expire`) is due. */
  async due(step: 'remind' | 'expire', limit: number): Promise<string[]> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT d.id FROM company_deadlines d JOIN organisations o ON o.id = d.company_id
        WHERE ${TAKING_PART} AND NOT ${MET} AND (d.retry_at IS NULL OR d.retry_at <= now())
          AND ${step === 'remind' ? `d.reminded_at IS NULL AND d.remind_at <= now() AND d.due_at > now()` : `d.overdue_at IS NULL AND d.due_at <= now()`}
        ORDER BY ${step === 'remind' ? 'd.remind_at' : 'd.due_at'} LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** In the scheduler's transaction: locks one deadline still due for `step` (`SKIP LOCKED`: another instance has it). */
  async claim(m: EntityManager, step: 'remind' | 'expire', id: string): Promise<ClaimedDeadline | undefined> {
    const [row] = await m.query<ClaimedDeadline[]>(
      `SELECT d.id, d.company_id AS "companyId", d.kind, d.period, d.due_at AS "dueAt"
         FROM company_deadlines d JOIN organisations o ON o.id = d.company_id
        WHERE d.id = $1 AND ${TAKING_PART} AND NOT ${MET}
          AND ${step === 'remind' ? `d.reminded_at IS NULL AND d.remind_at <= now() AND d.due_at > now()` : `d.overdue_at IS NULL AND d.due_at <= now()`}
        FOR UPDATE OF d SKIP LOCKED`,
      [id],
    );
    return row;
  }

  /** Whether `id` is a company that takes part (anything else is the one 404 of "not found or not yours"). */
  async isCompanyTakingPart(id: string): Promise<boolean> {
    const [row] = await this.db.query<unknown[]>(`SELECT 1 FROM organisations o WHERE o.id = $1 AND ${TAKING_PART}`, [id]);
    return Boolean(row);
  }

  async recipients(m: EntityManager, companyId: string): Promise<Array<{ email: string; language: Language }>> {
    return m.query(`SELECT email, language FROM people WHERE organisation_id = $1 AND disabled_at IS NULL ORDER BY email`, [companyId]);
  }

  async markDone(m: EntityManager, step: 'remind' | 'expire', id: string): Promise<void> {
    await m.query(`UPDATE company_deadlines SET ${step === 'remind' ? 'reminded_at' : 'overdue_at'} = now(), retry_at = NULL WHERE id = $1`, [id]);
  }

  async failed(id: string, message: string): Promise<void> {
    await this.db.query(
      `UPDATE company_deadlines SET attempts = attempts + 1, last_error = $2,
              retry_at = now() + make_interval(secs => least(3600, 5 * power(2, attempts))) WHERE id = $1`,
      [id, message.slice(0, 500)],
    );
  }
}
