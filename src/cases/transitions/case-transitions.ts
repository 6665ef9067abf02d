import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { Conflict, InvalidInput, InvalidTransition } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { RulingDecision } from '../../kerngroep/rulings.service.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import { LocationDisclosureService } from '../../production-locations/location-disclosure.service.js';
import { SupplierMatchingService } from '../../production-locations/supplier-matching.service.js';
import { DeadlineScheduler } from '../../scheduler/deadline-scheduler.js';
import { CaseTypeHooks } from '../case-type-hooks.js';
import { CaseMail } from '../case-mail.js';
import { CasesRepository, type CaseRow } from '../cases.repository.js';
import type { RestrictionLevel } from '../disclosure-level.js';
import { MatchCandidatesRepository } from '../match-candidates.repository.js';
import { checkTransition } from '../state-machines.js';

export const DAY_MS = 86_400_000;
/** Complaints (art. 83-84): the improvement period proposed by default, as for monitoring (3 months, art. 11). */
export const DEFAULT_IMPROVEMENT_PERIOD_DAYS = 91;
/** The steps that close a case; the mail names the step (a code the template words per language: MAIL_VALUES.resolution). */
const CLOSING = new Set(['close-resolved', 'close-joint-project', 'close-no-agreement', 'close']);

/**
 * Moving a case from one state to the next (state-machines.ts) with everything the step causes: the change, the
 * timeline event, the mails (outbox), the deadlines and the audit entry, in the caller's transaction, which has
 * locked the case row. Also the steps the scheduler takes at a deadline and the step a ruling's outcome causes.
 */
@Injectable()
export class CaseTransitions implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesRepository,
    private readonly registry: LocationDisclosureService,
    private readonly scheduler: DeadlineScheduler,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly mail: CaseMail,
    private readonly hooks: CaseTypeHooks,
    private readonly candidates: MatchCandidatesRepository,
    private readonly matching: SupplierMatchingService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('consent', {
      remind: (m, d) => this.mail.remindConsent(m, d),
      expire: (m, d) => this.system(m, d.case_id, 'close-consent', { reason: 'consent deadline passed' }),
    });
    this.scheduler.register('access-window', {
      remind: (m, d) => this.mail.remindAccess(m, d),
      expire: (m, d) => this.system(m, d.case_id, 'close-access', { reason: 'access window ended' }),
    });
    this.scheduler.register('improvement-period', {
      remind: (m, d) => this.mail.toParticipants(m, d.case_id, 'cases.improvement-reminder', { dueAt: new Date(d.due_at).toISOString() }, ['subject', 'secretariat']),
      expire: (m, d) => this.system(m, d.case_id, 'end-improvement-period', { reason: 'improvement period ended' }),
    });
  }

  /** The ruling decided: the case moves on by its outcome (art. 22-24, 83-84). */
  async onRulingDecided(m: EntityManager, caller: Caller | null, c: CaseRow, d: RulingDecision): Promise<void> {
    const action = d.outcome === 'approved' ? 'ruling-approved' : 'ruling-rejected';
    await this.apply(m, caller, c, action, {}, d);
  }

  /** Runs a transition the scheduler takes at a deadline (the case is already locked by the scheduler). */
  async system(m: EntityManager, caseId: string, action: string, details: Record<string, unknown>): Promise<void> {
    const c = await this.cases.lock(m, caseId);
    if (!c) return;
    const check = checkTransition(c.type, c.state, action);
    if (!check.ok || !check.rule.auto) return; // the case moved on meanwhile (e.g. withdrawn): nothing to do at this deadline
    await this.apply(m, null, c, action, details);
  }

  /** Applies one state-machine transition with everything it causes, in the caller's transaction. */
  async apply(m: EntityManager, caller: Caller | null, c: CaseRow, action: string, params: Record<string, unknown>, decision?: RulingDecision): Promise<void> {
    // Who may take the step was decided before (policies/cases.yaml); here only whether it applies in this state.
    const check = checkTransition(c.type, c.state, action);
    if (!check.ok) throw new InvalidTransition(check.message);
    const to = check.rule.to;
    const actor = caller ? actorOf(caller) : null;
    const extra: Record<string, unknown> = {};
    const details: Record<string, unknown> = {};
    const afterwards: Array<() => Promise<void>> = [];

    switch (`${c.type}:${action}`) {
      case 'disclosure:ruling-approved': {
        const scope = (decision!.proposal.scope ?? c.scope) as Record<string, unknown>;
        extra.approved_scope = scope;
        const inScope = await this.registry.entriesInScope(scope, m);
        await this.cases.addConsentRequests(m, c.id, inScope.map((x) => ({ organisationId: x.organisationId, entryIds: x.entries.map((e) => e.id) })));
        details.companiesAsked = inScope.length;
        if (inScope.length > 0) {
          const dueAt = new Date(Date.now() + this.config.consentDeadlineDays * DAY_MS);
          await this.scheduler.schedule(m, c.id, 'consent', dueAt, this.reminderBefore(dueAt, this.config.consentDeadlineDays));
          for (const to2 of await this.mail.recipients(m, inScope.map((x) => x.organisationId))) {
            await this.outbox.enqueue(m, { to: to2, template: 'cases.consent-requested', params: { caseId: c.id, deadline: dueAt.toISOString().slice(0, 10) } });
          }
        } else {
          // Nobody to ask: the consent round is over at once.
          afterwards.push(async () => this.system(m, c.id, 'close-consent', { reason: 'no entries in scope' }));
        }
        break;
      }
      case 'restriction:ruling-approved': {
        // Art. 23-24: the approved level applies to every later disclosure (aggregated list, art-21, art-22 views).
        const level = (decision!.proposal.level ?? (c.scope as { level: string }).level) as RestrictionLevel;
        const ids = (c.scope as { locationIds: string[] }).locationIds;
        await this.registry.applyRestriction(m, ids, level, c.id);
        details.level = level;
        details.entries = ids.length;
        break;
      }
      case 'complaint:ruling-approved': {
        const days = Number(decision!.proposal.improvementPeriodDays ?? DEFAULT_IMPROVEMENT_PERIOD_DAYS);
        const dueAt = new Date(Date.now() + days * DAY_MS);
        await this.scheduler.schedule(m, c.id, 'improvement-period', dueAt, this.reminderBefore(dueAt, days));
        details.improvementPeriodDays = days;
        break;
      }
      case 'disclosure:close-consent': {
        await this.scheduler.cancel(m, c.id, 'consent');
        details.silent = await this.cases.markSilent(m, c.id);
        await this.mail.toParticipants(m, c.id, 'cases.clause-required', {}, ['beneficiary']);
        break;
      }
      case 'disclosure:open-access': {
        // Art. 22: only the local partner the data is for, after signing the clause (rule beneficiary-opens-access).
        const closesAt = new Date(Date.now() + this.config.accessWindowDays * DAY_MS);
        extra.access_opened_at = new Date();
        extra.access_closes_at = closesAt;
        await this.scheduler.schedule(m, c.id, 'access-window', closesAt, this.reminderBefore(closesAt, this.config.accessWindowDays));
        await this.mail.toParticipants(m, c.id, 'cases.access-opened', { closesAt: closesAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' }, ['beneficiary']);
        break;
      }
      case 'disclosure:close-access': {
        await this.scheduler.cancel(m, c.id, 'access-window');
        await this.mail.toParticipants(m, c.id, 'cases.access-closed', {}, ['beneficiary']);
        break;
      }
      case 'disclosure:withdraw':
      case 'restriction:withdraw':
      case 'complaint:withdraw': {
        await this.scheduler.cancel(m, c.id, 'consent');
        break;
      }
      case 'disclosure:confirm-brokering': {
        // Art. 22: each company the blind index found is confirmed by the secretariat one at a time, never all at once.
        const companyId = params.companyId as string | undefined;
        if (!companyId)
          throw new InvalidInput('The request is invalid', [{ field: 'companyId', problem: 'is required: the secretariat confirms each company found, one at a time (art. 22)' }]);
        const found = (await this.cases.brokered(m, c.id)).find((b) => b.company_id === companyId);
        if (!found) throw new InvalidInput('The request is invalid', [{ field: 'companyId', problem: 'is not a company found for the reported suppliers' }]);
        if (found.confirmed_at) throw new Conflict('This company has already been confirmed and brought into the dialogue');
        await this.cases.confirmBrokered(m, c.id, [companyId]);
        details.companies = 1;
        // Issue 16 item 3: the company's proposed matches are confirmed with it, and each becomes one supplier identity.
        for (const p of await this.candidates.confirmProposedOf(m, c.id, companyId, caller?.personId ?? null)) {
          await this.matching.confirmSameSupplier(m, p.reported_location_id, p.candidate_location_id);
        }
        // Art. 22: the secretariat points the company to the report (its own entry is named in the case view) and
        // sets up the dialogue; the mail only links to the case.
        await this.mail.toOrganisations(m, [companyId], 'cases.brokered', { caseId: c.id });
        break;
      }
      case 'disclosure:close-joint-project': {
        const linked = [...new Set((params.linkedCaseIds as string[] | undefined) ?? [])].filter((x) => x !== c.id);
        for (const [i, other] of linked.entries()) {
          const o = await this.cases.find(m, other);
          if (!o || o.type !== 'disclosure')
            throw new InvalidInput('The request is invalid', [{ field: `linkedCaseIds[${i}]`, problem: 'is not a disclosure case' }]);
        }
        await this.cases.link(m, c.id, linked);
        details.linkedCases = linked.length;
        break;
      }
      case 'complaint:end-improvement-period': {
        await this.scheduler.cancel(m, c.id, 'improvement-period');
        await this.mail.toParticipants(m, c.id, 'cases.improvement-ended', {}, ['subject', 'secretariat']);
        break;
      }
      default:
        break;
    }

    if (action === 'ruling-approved' || action === 'ruling-rejected') {
      await this.mail.toParticipants(m, c.id, 'cases.ruling-decided', { outcome: decision!.outcome }, ['requester', 'subject']);
      details.basis = decision!.basis;
    }
    if (CLOSING.has(action)) {
      extra.closed_at = new Date();
      await this.mail.toParticipants(m, c.id, 'cases.closed', { resolution: action }, ['requester', 'sponsor', 'brokered', 'subject']);
    }
    if (check.rule.to === 'withdrawn' || check.rule.to === 'rejected' || check.rule.to === 'dismissed') extra.closed_at = new Date();
    // The modules that own a case type (accession, removal) or a use case beside this one act on the step.
    await this.hooks.onTransition(m, c, action, params, decision, details);

    await this.cases.setState(m, c.id, to, extra);
    // A ruling's outcome is the Kerngroep's, not the last voter's: the participants' timeline names no voter (art. 48).
    const eventActor = action.startsWith('ruling-') ? null : actor;
    await this.cases.addEvent(m, { caseId: c.id, actor: eventActor, action, fromState: c.state, toState: to, details: { ...details, ...(params.reason ? { reason: params.reason } : {}) } });
    await this.audit.appendInTransaction(m, {
      actor,
      action: 'cases.transition',
      object: { type: 'case', id: c.id },
      details: { action, from: c.state, to, ...details },
    });
    // Follow-on transitions (e.g. nobody to ask for consent) run after this one is recorded, in the same transaction.
    for (const f of afterwards) await f();
  }

  private reminderBefore(dueAt: Date, days: number): Date {
    // Remind two days before, or halfway through a short period.
    const before = Math.min(2 * DAY_MS, (days * DAY_MS) / 2);
    return new Date(dueAt.getTime() - before);
  }
}
