import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { InvalidInput, InvalidTransition, NotFound, Unprocessable } from '../common/errors.js';
import { preparedQuery } from '../common/prepared-query.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import type {
  FollowUpDto,
  MonitoringResultDto,
  MonitoringResultPageDto,
  Round,
  SectionResultDto,
  StoreResultDto,
} from './dto/monitoring.dto.js';
import { filterResult } from './result-fields.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

/** Art. 11: a company gets three months to improve a section scored insufficient. */
export const IMPROVEMENT_PERIOD = '3 months';
/** The company's people are reminded this long before an improvement period ends (issue 6, item 6). */
export const IMPROVEMENT_REMINDER_BEFORE = '14 days';
/** The scheduler's steps on an improvement period: the reminder before it ends, and its end. */
export type ImprovementPeriodStep = 'remind' | 'expire';

type FullResult = Required<MonitoringResultDto>;

/** The columns a policy condition on MonitoringResult may name (policies/monitoring-results.yaml). */
const RESULT_COLUMNS = { id: 'r.id', companyId: 'r.company_id', round: 'r.round' };

/**
 * Monitoring results per company and round (art. 9-13). The secretariat stores them; who reads which parts is
 * decided by policies/monitoring-results.yaml alone: lists are scoped in SQL, every result is field-filtered
 * (art. 13 opens only the risk and plan-of-action sections to CSO parties under NDA), and every read of an
 * individual company's result is audited with the grant it relied on (e.g. the NDA signature).
 */
@Injectable()
export class MonitoringService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly recipients: RecipientsService,
  ) {}

  onModuleInit(): void {
    this.policies.registerRecordLoader('MonitoringResult', async (id) => {
      if (!UUID.test(id)) return null;
      const [row] = await this.db.query(`SELECT id, company_id AS "companyId", round FROM monitoring_results WHERE id = $1`, [id]);
      return row ?? null;
    });
    this.policies.registerRecordLoader('MonitoringFollowUp', async (id) => {
      if (!UUID.test(id)) return null;
      const [row] = await this.db.query(
        `SELECT id, company_id AS "companyId", result_id AS "resultId", kind FROM monitoring_follow_ups WHERE id = $1`,
        [id],
      );
      return row ?? null;
    });
  }

  /** Stores (or replaces) a company's result for a round; opens the follow-ups of art. 10-11 in the same transaction. */
  async store(caller: Caller, companyId: string, round: Round, input: StoreResultDto): Promise<FullResult> {
    const steps = input.sections.map((s) => s.step);
    const duplicate = steps.find((s, i) => steps.indexOf(s) !== i);
    if (duplicate !== undefined) {
      throw new InvalidInput('The request is invalid', [{ field: 'sections', problem: `step ${duplicate} is given twice; give each of the six steps once` }]);
    }
    // The route's guard asked "ever"; the rules may also condition on the company or the round.
    await this.policies.authorizeRecord(caller, 'store', 'MonitoringResult', { companyId, round }, { visibleAs: 'store' });
    const id = await this.db.transaction(async (m) => {
      const [company] = await m.query(`SELECT kind FROM organisations WHERE id = $1`, [companyId]);
      if (!company) throw new NotFound('Company', companyId);
      if (company.kind !== 'company') {
        throw new Unprocessable('Only companies are monitored', [{ field: 'companyId', problem: 'is not a company (art. 9)' }]);
      }
      const [row] = await m.query(
        `INSERT INTO monitoring_results (company_id, round, final_score, signal, advice, stored_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (company_id, round) DO UPDATE
           SET final_score = EXCLUDED.final_score, signal = EXCLUDED.signal, advice = EXCLUDED.advice,
               stored_by = EXCLUDED.stored_by, updated_at = now()
         RETURNING id, (xmax = 0) AS created`,
        [companyId, round, input.finalScore, input.signal, input.advice, caller.personId],
      );
      await m.query(`DELETE FROM monitoring_result_sections WHERE result_id = $1`, [row.id]);
      for (const s of input.sections) {
        await m.query(`INSERT INTO monitoring_result_sections (result_id, step, score, advice) VALUES ($1, $2, $3, $4)`, [
          row.id,
          s.step,
          s.score,
          s.advice,
        ]);
      }
      const opened = await this.openFollowUps(m, caller, row.id, companyId);
      // Art. 10: the company receives its result; the mail only says it is there (no score in mail).
      const people = await m.query(`SELECT email, language FROM people WHERE organisation_id = $1 AND disabled_at IS NULL ORDER BY email`, [companyId]);
      for (const p of people) await this.outbox.enqueue(m, { to: { email: p.email, language: p.language }, template: 'monitoring.result-stored', params: { round } });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'monitoring.store',
        object: { type: 'monitoring-result', id: row.id },
        details: { round, created: row.created, followUpsOpened: opened },
      });
      return row.id as string;
    });
    return this.load(id) as Promise<FullResult>;
  }

  /**
   * Art. 10: an orange or red signal → a talk by the secretariat (one open task per result). Art. 11: each
   * section below its threshold → a three-month improvement period with its deadline; a section that is now
   * sufficient closes its open period.
   */
  private async openFollowUps(m: EntityManager, caller: Caller, resultId: string, companyId: string): Promise<number> {
    let opened = 0;
    const [{ signal }] = await m.query(`SELECT signal FROM monitoring_results WHERE id = $1`, [resultId]);
    if (signal === 'orange' || signal === 'red') {
      const rows = await m.query(
        `INSERT INTO monitoring_follow_ups (result_id, company_id, kind)
         SELECT $1, $2, 'signal-talk'
          WHERE NOT EXISTS (SELECT 1 FROM monitoring_follow_ups WHERE result_id = $1 AND kind = 'signal-talk' AND completed_at IS NULL)
         RETURNING id`,
        [resultId, companyId],
      );
      opened += rows.length;
    }
    const rows = await m.query(
      `INSERT INTO monitoring_follow_ups (result_id, company_id, kind, step, deadline_at)
       SELECT $1, $2, 'improvement-period', rs.step, now() + interval '${IMPROVEMENT_PERIOD}'
         FROM monitoring_result_sections rs JOIN monitoring_sections s ON s.step = rs.step
        WHERE rs.result_id = $1 AND rs.score < s.sufficient_from
          AND NOT EXISTS (SELECT 1 FROM monitoring_follow_ups f
                           WHERE f.result_id = $1 AND f.kind = 'improvement-period' AND f.step = rs.step AND f.completed_at IS NULL)
       RETURNING id`,
      [resultId, companyId],
    );
    opened += rows.length;
    await m.query(
      `UPDATE monitoring_follow_ups f SET completed_at = now(), completed_by = $2
         FROM monitoring_result_sections rs JOIN monitoring_sections s ON s.step = rs.step
        WHERE f.result_id = $1 AND f.kind = 'improvement-period' AND f.completed_at IS NULL
          AND rs.result_id = f.result_id AND rs.step = f.step AND rs.score >= s.sufficient_from`,
      [resultId, caller.personId],
    );
    return opened;
  }

  /** Loads whole results (all fields) by id, or one by company and round; sections ordered by step. */
  private async loadMany(ids: string[], key?: { companyId: string; round: Round }): Promise<Map<string, FullResult>> {
    const out = new Map<string, FullResult>();
    if (ids.length === 0 && !key) return out;
    // One round trip: the result with its sections and improvement periods as JSON arrays. Prepared (issue 18):
    // read on every request, so each pooled connection plans it once; two thirds of its cost was planning.
    const [where, params] = key ? [`r.company_id = $1 AND r.round = $2`, [key.companyId, key.round]] : [`r.id = ANY($1::uuid[])`, [ids]];
    const rows = await preparedQuery(this.db, 
      `SELECT r.id, r.company_id AS "companyId", o.name AS "companyName", r.round, r.final_score::float8 AS "finalScore",
              r.signal, r.advice, r.updated_at AS "updatedAt",
              coalesce((SELECT json_agg(json_build_object('step', rs.step, 'key', s.key, 'title', s.title, 'reportsOn', s.reports_on,
                                                          'score', rs.score::float8, 'sufficient', rs.score >= s.sufficient_from, 'advice', rs.advice)
                                        ORDER BY rs.step)
                          FROM monitoring_result_sections rs JOIN monitoring_sections s ON s.step = rs.step
                         WHERE rs.result_id = r.id), '[]') AS sections,
              coalesce((SELECT json_agg(json_build_object('step', f.step, 'deadlineAt', f.deadline_at, 'completedAt', f.completed_at)
                                        ORDER BY f.step, f.created_at)
                          FROM monitoring_follow_ups f
                         WHERE f.result_id = r.id AND f.kind = 'improvement-period'), '[]') AS periods
         FROM monitoring_results r JOIN organisations o ON o.id = r.company_id
        WHERE ${where}`,
      params,
    );
    const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());
    for (const r of rows) {
      out.set(r.id, {
        id: r.id,
        companyId: r.companyId,
        companyName: r.companyName,
        round: r.round,
        finalScore: r.finalScore,
        signal: r.signal,
        advice: r.advice,
        sections: r.sections as SectionResultDto[],
        improvementPeriods: (r.periods as Array<{ step: number; deadlineAt: string; completedAt: string | null }>).map((p) => ({
          step: p.step,
          deadlineAt: date(p.deadlineAt)!,
          completedAt: date(p.completedAt),
        })),
        updatedAt: iso(r.updatedAt)!,
      });
    }
    return out;
  }

  private async load(id: string): Promise<FullResult | undefined> {
    return (await this.loadMany([id])).get(id);
  }

  /** One company's result for a round, with only the fields the caller may see; audited with the grant used. */
  async readOne(caller: Caller, companyId: string, round: Round): Promise<MonitoringResultDto> {
    if (!UUID.test(companyId)) throw new NotFound('Monitoring result');
    const [result] = (await this.loadMany([], { companyId, round })).values();
    if (!result) throw new NotFound('Monitoring result');
    const decision = await this.policies.authorizeRecord(caller, 'read', 'MonitoringResult', result, { id: result.id });
    // Art. 13 and DESIGN.md "Audit": every read of an individual company's result, under which grant.
    await this.audit.record({
      actor: actorOf(caller),
      action: 'monitoring.read',
      object: { type: 'monitoring-result', id: result.id },
      grant: decision.grant,
      details: { round, fields: decision.fields.includes('*') ? 'all' : 'partial' },
    });
    return filterResult(result, decision.fields);
  }

  /** The results the caller may see (SQL-scoped; totals count only visible rows), each field-filtered and audited. */
  async list(caller: Caller, query: { round?: Round; page?: number; pageSize?: number }): Promise<MonitoringResultPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const params: unknown[] = [query.round ?? null];
    const where = await this.policies.scope(caller, 'read', 'MonitoringResult', RESULT_COLUMNS, 2);
    params.push(...where.params);
    const condition = `($1::text IS NULL OR r.round = $1) AND ${where.sql}`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM monitoring_results r WHERE ${condition}`, params);
    const ids = await this.db.query(
      `SELECT r.id FROM monitoring_results r JOIN organisations o ON o.id = r.company_id
        WHERE ${condition} ORDER BY o.name, r.company_id, r.round LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    const loaded = await this.loadMany(ids.map((r: { id: string }) => r.id));
    const ability = await this.policies.abilityFor(caller);
    const items: MonitoringResultDto[] = [];
    const read: Array<{ id: string; round: Round; fields: 'all' | 'partial'; grant?: { type: string; id: string } }> = [];
    for (const { id } of ids as Array<{ id: string }>) {
      const result = loaded.get(id)!;
      const fields = ability.permittedFields('read', 'MonitoringResult', result);
      items.push(filterResult(result, fields));
      read.push({ id, round: result.round, fields: fields.includes('*') ? 'all' : 'partial', grant: ability.grantUsed('read', 'MonitoringResult', result) });
    }
    // Art. 13 and DESIGN.md "Audit": one entry per request naming every result shown and the grant each relied on
    // (one entry per row made a page of 100 results cost 100 appends to the chain; issue 12).
    if (read.length > 0) {
      const grants = new Set(read.map((r) => (r.grant ? `${r.grant.type}:${r.grant.id}` : '')));
      await this.audit.record({
        actor: actorOf(caller),
        action: 'monitoring.list',
        ...(grants.size === 1 && read[0].grant ? { grant: read[0].grant } : {}),
        details: { round: query.round ?? null, page, results: read },
      });
    }
    return { items, total, page, pageSize };
  }

  /** Follow-up tasks (art. 10-11) the caller may see: the secretariat all, a company its own. */
  async followUps(caller: Caller, status: 'open' | 'all' = 'open'): Promise<FollowUpDto[]> {
    const where = await this.policies.scope(caller, 'list', 'MonitoringFollowUp', { id: 'f.id', companyId: 'f.company_id', resultId: 'f.result_id', kind: 'f.kind' }, 2);
    const rows = await this.db.query(
      `SELECT f.id, f.result_id AS "resultId", f.company_id AS "companyId", r.round, f.kind, f.step,
              f.created_at AS "createdAt", f.deadline_at AS "deadlineAt", f.completed_at AS "completedAt"
         FROM monitoring_follow_ups f JOIN monitoring_results r ON r.id = f.result_id
        WHERE ($1 = 'all' OR f.completed_at IS NULL) AND ${where.sql}
        ORDER BY f.deadline_at NULLS FIRST, f.created_at, f.id`,
      [status, ...where.params],
    );
    return rows.map((r: Record<string, unknown>) => ({
      ...r,
      createdAt: iso(r.createdAt),
      deadlineAt: iso(r.deadlineAt),
      completedAt: iso(r.completedAt),
    }));
  }

  /** The secretariat marks a follow-up done (the talk held, the improvement checked). */
  async completeFollowUp(caller: Caller, id: string): Promise<FollowUpDto> {
    if (!UUID.test(id)) throw new NotFound('Follow-up', id);
    const [row] = await this.db.query(`SELECT id, company_id AS "companyId", result_id AS "resultId", kind FROM monitoring_follow_ups WHERE id = $1`, [id]);
    if (!row) throw new NotFound('Follow-up', id);
    await this.policies.authorizeRecord(caller, 'complete', 'MonitoringFollowUp', row, { id, visibleAs: 'list' });
    await this.db.transaction(async (m) => {
      const [updated] = await m.query(
        `UPDATE monitoring_follow_ups SET completed_at = now(), completed_by = $2 WHERE id = $1 AND completed_at IS NULL RETURNING id`,
        [id, caller.personId],
      );
      if (updated.length === 0) throw new InvalidTransition('This follow-up is already completed');
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'monitoring.complete-follow-up',
        object: { type: 'monitoring-follow-up', id },
        details: { kind: row.kind },
      });
    });
    return (await this.followUps(caller, 'all')).find((f) => f.id === id)!;
  }

  // ------------------------------------------------------------------ improvement periods and the scheduler

  /**
   * For the deadline scheduler: the open improvement periods (art. 11) whose reminder (`remind`, from
   * IMPROVEMENT_REMINDER_BEFORE ahead of the deadline until it) or end (`expire`) is due. A period closed because the
   * section became sufficient again (or completed by the secretariat) is never due.
   */
  async dueImprovementPeriods(step: ImprovementPeriodStep, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      step === 'remind'
        ? `SELECT id FROM monitoring_follow_ups
            WHERE kind = 'improvement-period' AND completed_at IS NULL AND fired_at IS NULL AND reminded_at IS NULL
              AND deadline_at <= now() + interval '${IMPROVEMENT_REMINDER_BEFORE}' AND deadline_at > now()
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

  /**
   * For the deadline scheduler, inside its transaction: claims one due improvement period and runs its step.
   * `remind`: the company's people get a reminder mail (no score, only the deadline and a link). `expire`: an
   * `improvement-period-ended` follow-up for the secretariat, and a mail to it. Each once: the result is locked first
   * (the same order as `store`, which may close the period meanwhile), then the period `FOR UPDATE SKIP LOCKED`, and
   * the period is marked reminded / fired in the same transaction as its mail and audit entry.
   */
  async runImprovementPeriodStep(m: EntityManager, step: ImprovementPeriodStep, id: string): Promise<boolean> {
    const [ref]: Array<{ result_id: string }> = await m.query(`SELECT result_id FROM monitoring_follow_ups WHERE id = $1`, [id]);
    if (!ref) return false;
    await m.query(`SELECT 1 FROM monitoring_results WHERE id = $1 FOR UPDATE`, [ref.result_id]);
    const [period]: Array<{ id: string; result_id: string; company_id: string; step: number; deadline_at: Date; round: Round }> = await m.query(
      `SELECT f.id, f.result_id, f.company_id, f.step, f.deadline_at, r.round
         FROM monitoring_follow_ups f JOIN monitoring_results r ON r.id = f.result_id
        WHERE f.id = $1 AND f.kind = 'improvement-period' AND f.completed_at IS NULL AND f.fired_at IS NULL
          AND ${step === 'remind' ? `f.reminded_at IS NULL AND f.deadline_at > now()` : `f.deadline_at <= now()`}
        FOR UPDATE OF f SKIP LOCKED`,
      [id],
    );
    if (!period) return false; // another instance did it, or the period closed meanwhile
    const object = { type: 'monitoring-follow-up', id };
    if (step === 'remind') {
      const people = await m.query(`SELECT email, language FROM people WHERE organisation_id = $1 AND disabled_at IS NULL ORDER BY email`, [period.company_id]);
      const deadline = new Date(period.deadline_at).toISOString().slice(0, 10);
      for (const p of people) {
        await this.outbox.enqueue(m, { to: { email: p.email, language: p.language }, template: 'monitoring.improvement-reminder', params: { round: period.round, deadline } });
      }
      await m.query(`UPDATE monitoring_follow_ups SET reminded_at = now(), retry_at = NULL WHERE id = $1`, [id]);
      await this.audit.appendInTransaction(m, {
        actor: null,
        action: 'monitoring.improvement-reminded',
        object,
        details: { round: period.round, step: period.step, recipients: people.length },
      });
      return true;
    }
    // Art. 11: the period is over; the secretariat checks whether the company improved (the period itself stays
    // open until the section is scored sufficient or the secretariat completes it).
    const [task]: Array<{ id: string }> = await m.query(
      `INSERT INTO monitoring_follow_ups (result_id, company_id, kind, step) VALUES ($1, $2, 'improvement-period-ended', $3)
       ON CONFLICT DO NOTHING RETURNING id`,
      [period.result_id, period.company_id, period.step],
    );
    const staff = await this.recipients.secretariatStaff(m);
    for (const p of staff) {
      await this.outbox.enqueue(m, { to: { email: p.email, language: p.language }, template: 'monitoring.improvement-period-ended', params: { round: period.round } });
    }
    await m.query(`UPDATE monitoring_follow_ups SET fired_at = now(), retry_at = NULL WHERE id = $1`, [id]);
    await this.audit.appendInTransaction(m, {
      actor: null,
      action: 'monitoring.improvement-period-ended',
      object,
      details: { round: period.round, step: period.step, followUpId: task?.id ?? null, recipients: staff.length },
    });
    return true;
  }

  /** For the deadline scheduler: a step that rolled back is tried again later, backing off (the deadline stays). */
  async improvementPeriodStepFailed(_step: ImprovementPeriodStep, id: string, message: string): Promise<void> {
    await this.db.query(
      `UPDATE monitoring_follow_ups SET attempts = attempts + 1, last_error = $2,
              retry_at = now() + make_interval(secs => least(3600, 5 * power(2, attempts)))
        WHERE id = $1`,
      [id, message.slice(0, 500)],
    );
  }
}
