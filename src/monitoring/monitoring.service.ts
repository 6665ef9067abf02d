import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { InvalidInput, InvalidTransition, NotFound, Unprocessable } from '../common/errors.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { isMonitoredKind } from '../organisations/organisation-rules.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import type {
  FollowUpDto,
  MonitoringResultDto,
  MonitoringResultPageDto,
  Round,
  StoreResultDto,
} from './dto/monitoring.dto.js';
import { MonitoringFollowUpsRepository } from './monitoring-follow-ups.repository.js';
import { type MonitoringResultRow, MonitoringResultsRepository, RESULT_BY_KEY, UUID } from './monitoring-results.repository.js';
import { filterResult } from './result-fields.js';

const iso = (v: Date | string | null | undefined) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

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
    private readonly organisations: OrganisationsService,
    private readonly results: MonitoringResultsRepository,
    private readonly followUpRows: MonitoringFollowUpsRepository,
  ) {}

  onModuleInit(): void {
    this.policies.registerRecordLoader('MonitoringResult', async (id) => {
      if (!UUID.test(id)) return null;
      return this.results.record(this.db.manager, id);
    });
    this.policies.registerRecordLoader('MonitoringFollowUp', async (id) => {
      if (!UUID.test(id)) return null;
      return this.followUpRows.record(this.db.manager, id);
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
      const kind = await this.organisations.kindOf(m, companyId);
      if (!kind) throw new NotFound('Company', companyId);
      if (!isMonitoredKind(kind)) {
        throw new Unprocessable('Only companies are monitored', [{ field: 'companyId', problem: 'is not a company (art. 9)' }]);
      }
      const row = await this.results.upsert(m, {
        companyId,
        round,
        finalScore: input.finalScore,
        signal: input.signal,
        advice: input.advice,
        storedBy: caller.personId,
        sections: input.sections,
      });
      const opened = await this.openFollowUps(m, caller, row.id, companyId);
      // Art. 10: the company receives its result; the mail only says it is there (no score in mail).
      const people = await this.recipients.everyoneIn(m, companyId);
      for (const p of people) await this.outbox.enqueue(m, { to: { email: p.email, language: p.language }, template: 'monitoring.result-stored', params: { round } });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'monitoring.store',
        object: { type: 'monitoring-result', id: row.id },
        details: { round, created: row.created, followUpsOpened: opened },
      });
      return row.id;
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
    const signal = await this.results.signalOf(m, resultId);
    if (signal === 'orange' || signal === 'red') opened += await this.followUpRows.openSignalTalk(m, resultId, companyId);
    opened += await this.followUpRows.openImprovementPeriods(m, resultId, companyId, IMPROVEMENT_PERIOD);
    await this.followUpRows.closeSufficientPeriods(m, resultId, caller.personId);
    return opened;
  }

  /** Loads whole results (all fields) by id; sections ordered by step. */
  private async loadMany(ids: string[]): Promise<Map<string, FullResult>> {
    const out = new Map<string, FullResult>();
    if (ids.length === 0) return out;
    // Prepared outside a transaction (issue 18; see the repository).
    const rows = await this.results.loadMany(this.db.manager, ids);
    for (const r of rows) out.set(r.id, this.toResult(r));
    return out;
  }

  private toResult(r: MonitoringResultRow): FullResult {
    const date = (v: string | null | undefined) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());
    return {
      id: r.id,
      companyId: r.companyId,
      companyName: r.companyName,
      round: r.round,
      finalScore: r.finalScore,
      signal: r.signal,
      advice: r.advice,
      sections: r.sections,
      improvementPeriods: r.periods.map((p) => ({
        step: p.step,
        deadlineAt: date(p.deadlineAt)!,
        completedAt: date(p.completedAt),
      })),
      updatedAt: iso(r.updatedAt)!,
    };
  }

  private async load(id: string): Promise<FullResult | undefined> {
    return (await this.loadMany([id])).get(id);
  }

  /** One company's result for a round, with only the fields the caller may see; audited with the grant used. */
  async readOne(caller: Caller, companyId: string, round: Round): Promise<MonitoringResultDto> {
    if (!UUID.test(companyId)) throw new NotFound('Monitoring result');
    // read in the session check's statement (RESULT_BY_KEY, named on the route): one round trip before the audit
    const row = this.policies.routeRead(caller, RESULT_BY_KEY);
    const result = row && row.companyId === companyId.toLowerCase() && row.round === round ? this.toResult(row) : undefined;
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
    const { total, ids } = await this.results.page(this.db.manager, condition, params, pageSize, (page - 1) * pageSize);
    const loaded = await this.loadMany(ids);
    const ability = await this.policies.abilityFor(caller);
    const items: MonitoringResultDto[] = [];
    const read: Array<{ id: string; round: Round; fields: 'all' | 'partial'; grant?: { type: string; id: string } }> = [];
    for (const id of ids) {
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
    const rows = await this.followUpRows.list(this.db.manager, status, where);
    return rows.map((r) => ({
      ...r,
      createdAt: iso(r.createdAt)!,
      deadlineAt: iso(r.deadlineAt),
      completedAt: iso(r.completedAt),
    }));
  }

  /** The secretariat marks a follow-up done (the talk held, the improvement checked). */
  async completeFollowUp(caller: Caller, id: string): Promise<FollowUpDto> {
    if (!UUID.test(id)) throw new NotFound('Follow-up', id);
    const row = await this.followUpRows.record(this.db.manager, id);
    if (!row) throw new NotFound('Follow-up', id);
    await this.policies.authorizeRecord(caller, 'complete', 'MonitoringFollowUp', row, { id, visibleAs: 'list' });
    await this.db.transaction(async (m) => {
      if (!(await this.followUpRows.complete(m, id, caller.personId))) throw new InvalidTransition('This follow-up is already completed');
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
    return this.followUpRows.dueImprovementPeriods(this.db.manager, step, IMPROVEMENT_REMINDER_BEFORE, limit);
  }

  /**
   * For the deadline scheduler, inside its transaction: claims one due improvement period and runs its step.
   * `remind`: the company's people get a reminder mail (no score, only the deadline and a link). `expire`: an
   * `improvement-period-ended` follow-up for the secretariat, and a mail to it. Each once: the result is locked first
   * (the same order as `store`, which may close the period meanwhile), then the period `FOR UPDATE SKIP LOCKED`, and
   * the period is marked reminded / fired in the same transaction as its mail and audit entry.
   */
  async runImprovementPeriodStep(m: EntityManager, step: ImprovementPeriodStep, id: string): Promise<boolean> {
    const resultId = await this.followUpRows.resultOf(m, id);
    if (!resultId) return false;
    await this.results.lock(m, resultId);
    const period = await this.followUpRows.claimDuePeriod(m, step, id);
    if (!period) return false; // another instance did it, or the period closed meanwhile
    const object = { type: 'monitoring-follow-up', id };
    if (step === 'remind') {
      const people = await this.recipients.everyoneIn(m, period.company_id);
      const deadline = new Date(period.deadline_at).toISOString().slice(0, 10);
      for (const p of people) {
        await this.outbox.enqueue(m, { to: { email: p.email, language: p.language }, template: 'monitoring.improvement-reminder', params: { round: period.round, deadline } });
      }
      await this.followUpRows.markReminded(m, id);
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
    const taskId = await this.followUpRows.openPeriodEnded(m, period);
    const staff = await this.recipients.secretariatStaff(m);
    for (const p of staff) {
      await this.outbox.enqueue(m, { to: { email: p.email, language: p.language }, template: 'monitoring.improvement-period-ended', params: { round: period.round } });
    }
    await this.followUpRows.markFired(m, id);
    await this.audit.appendInTransaction(m, {
      actor: null,
      action: 'monitoring.improvement-period-ended',
      object,
      details: { round: period.round, step: period.step, followUpId: taskId, recipients: staff.length },
    });
    return true;
  }

  /** For the deadline scheduler: a step that rolled back is tried again later, backing off (the deadline stays). */
  async improvementPeriodStepFailed(_step: ImprovementPeriodStep, id: string, message: string): Promise<void> {
    await this.followUpRows.stepFailed(this.db.manager, id, message.slice(0, 500));
  }
}
