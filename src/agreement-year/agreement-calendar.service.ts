import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { NotFound, Unprocessable } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import {
  type AgreementCalendar,
  agreementCalendar,
  companyDeadlines,
  type DeadlineKind,
  dueAt,
  dueDateProblem,
  isPeriodOf,
  remindAt,
} from './agreement-calendar.js';
import { AgreementCalendarRepository, type DeadlineStatusRow, type PlannedDeadline } from './agreement-calendar.repository.js';

export type CalendarStep = 'remind' | 'expire';

/** How often an instance brings the companies' deadline rows in line with the calendar (also at once after a change). */
const SYNC_EVERY_MS = 60_000;

const MAIL: Record<DeadlineKind, Record<CalendarStep, string>> = {
  list: { remind: 'agreement-year.list-reminder', expire: 'agreement-year.list-overdue' },
  monitoring: { remind: 'agreement-year.round-reminder', expire: 'agreement-year.round-overdue' },
};

/**
 * The agreement's calendar (issue 15, item 1): the dates (configuration, with the secretariat's changes), each
 * company's deadlines and their state, and the reminders and overdue notices the deadline scheduler sends — each once,
 * however many instances poll (the row is claimed `FOR UPDATE SKIP LOCKED` and marked in the transaction of its mail).
 */
@Injectable()
export class AgreementCalendarService {
  private readonly logger = new Logger('AgreementCalendar');
  private syncedAt = 0;

  constructor(
    private readonly repository: AgreementCalendarRepository,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async calendar(m?: EntityManager): Promise<AgreementCalendar> {
    return agreementCalendar(this.config.agreementCalendar, await this.repository.overrides(m));
  }

  /** The secretariat sets the due date of one year's list or one round (art. 9-10, 17-18; 55: it runs the calendar). */
  async setDueDate(caller: Caller, kind: DeadlineKind, period: string, dueOn: unknown): Promise<AgreementCalendar> {
    await this.policies.assertCan(caller, 'set-due-date', 'AgreementCalendar', { kind });
    const problem = dueDateProblem(this.config.agreementCalendar, dueOn);
    if (problem) throw new Unprocessable(`dueOn ${problem}`, [{ field: 'dueOn', problem }]);
    if (!isPeriodOf(await this.calendar(), kind, period)) throw new NotFound(kind === 'list' ? 'list year' : 'monitoring round');
    await this.repository.transaction(async (m) => {
      await this.repository.setOverride(m, kind, period, dueOn as string, caller.personId);
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'agreement-year.set-due-date',
        object: { type: 'agreement-calendar', id: `${kind}:${period}` },
        details: { kind, period, dueOn: dueOn as string },
      });
      await this.sync(m);
    });
    return this.calendar();
  }

  /** Brings every company's deadline rows in line with the calendar and its signing date. */
  async sync(m?: EntityManager): Promise<void> {
    const calendar = await this.calendar(m);
    const planned: PlannedDeadline[] = [];
    for (const company of await this.repository.companiesTakingPart(m)) {
      for (const d of companyDeadlines(calendar, company.signedOn, this.config.agreementCalendar)) {
        planned.push({ companyId: company.id, kind: d.kind, period: d.period, plannedOn: d.dueOn, dueAt: dueAt(d.dueOn), remindAt: remindAt(d.remindOn) });
      }
    }
    if (m) await this.repository.sync(m, planned);
    else await this.repository.transaction((tx) => this.repository.sync(tx, planned));
    this.syncedAt = Date.now();
  }

  /** A company's deadlines (its own, or any for the secretariat: the policy decides), earliest first. */
  async deadlinesOf(caller: Caller, companyId: string): Promise<DeadlineStatusRow[]> {
    await this.policies.authorizeRecord(caller, 'read', 'CompanyDueDate', { companyId }, { id: companyId });
    if (!(await this.repository.isCompanyTakingPart(companyId))) throw new NotFound('CompanyDueDate');
    return this.repository.statuses(companyId);
  }

  /** Every company's deadlines the caller may read (the secretariat's dashboard: who is overdue, who is due soon). */
  async deadlinesFor(caller: Caller): Promise<DeadlineStatusRow[]> {
    const ability = await this.policies.abilityFor(caller);
    return (await this.repository.statuses(null)).filter((d) => ability.can('read', 'CompanyDueDate', { companyId: d.companyId }));
  }

  /** For the deadline scheduler: due reminders and overdue notices (the rows are first brought in line, now and then). */
  async due(step: CalendarStep, limit: number): Promise<string[]> {
    if (step === 'remind' && Date.now() - this.syncedAt > SYNC_EVERY_MS) {
      await this.sync().catch((e: Error) => this.logger.error(`calendar sync failed: ${e.message}`));
    }
    return this.repository.due(step, limit);
  }

  /**
   * In the scheduler's transaction: claims one deadline and sends its mail to the company's people — a reminder
   * before the due date, a notice once it is overdue (the secretariat sees the state on its dashboard). Neither
   * carries a score or supplier data, only the year or round and the date.
   */
  async run(m: EntityManager, step: CalendarStep, id: string): Promise<boolean> {
    const row = await this.repository.claim(m, step, id);
    if (!row) return false; // another instance did it, or the company met the deadline meanwhile
    const people = await this.repository.recipients(m, row.companyId);
    const deadline = new Date(new Date(row.dueAt).getTime() - 86_400_000).toISOString().slice(0, 10);
    const params: Record<string, string> = row.kind === 'list' ? { year: row.period, deadline } : { round: row.period, deadline };
    for (const p of people) await this.outbox.enqueue(m, { to: { email: p.email, language: p.language }, template: MAIL[row.kind][step], params });
    await this.repository.markDone(m, step, id);
    await this.audit.appendInTransaction(m, {
      actor: null,
      action: step === 'remind' ? 'agreement-year.reminded' : 'agreement-year.overdue',
      object: { type: 'company-deadline', id },
      details: { kind: row.kind, period: row.period, recipients: people.length },
    });
    return true;
  }

  failed(_step: CalendarStep, id: string, message: string): Promise<void> {
    return this.repository.failed(id, message);
  }
}
