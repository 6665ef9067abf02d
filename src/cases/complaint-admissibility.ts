import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { InvalidTransition, NotFound, Unprocessable } from '../common/errors.js';
import { type GrievanceMechanism, GrievanceMechanismsService, NATIONAL_CONTACT_POINT } from '../grievance-mechanisms/grievance-mechanisms.service.js';
import { RulingsService } from '../kerngroep/rulings.service.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { CasesRepository } from './cases.repository.js';
import { DEFAULT_IMPROVEMENT_PERIOD_DAYS } from './transitions/case-transitions.js';
import { ComplaintAdmissibilityRepository } from './complaint-admissibility.repository.js';
import { COMMITMENT_KINDS } from './dto/case-requests.dto.js';
import { checkTransition } from './state-machines.js';

/** Why a complaint is or is not admissible (art. 83); only lack of progress is. */
export const ADMISSIBILITY_REASONS = ['lack-of-progress', 'supply-chain-violation', 'financial-dispute', 'other'] as const;

export interface AdmissibilityInput {
  admissible: boolean;
  reason: string;
  explanation: string;
  commitment?: { kind: string; reference?: string };
}

export interface AdmissibilityView {
  caseId: string;
  state: string;
  commitment: { kind: string; reference?: string } | null;
  declared: null | { admissible: boolean; reason: string; explanation: string; declaredAt: string; declaredBy: string };
  /** for a complaint that is not admissible: where the complainant can go instead (art. 85-86) */
  pointer: null | { grievanceMechanism: GrievanceMechanism | null; nationalContactPoint: typeof NATIONAL_CONTACT_POINT };
}

/**
 * Complaint admissibility (art. 83-86; issue 13 part 8). Complaints and disputes concern only the lack of progress
 * of a participating company on a commitment — a monitoring section, its plan of action, its yearly list, a
 * Kerngroep ruling (art. 83). Before any vote the chair or the secretariat declares a complaint admissible (the
 * Kerngroep's ruling opens: decision rule, recusal, escalation as for every matter) or not admissible with a reason;
 * a complaint about something else — an alleged violation in a supply chain, a dispute about money — is pointed to
 * the company's own grievance mechanism (art. 85) or the National Contact Point (art. 86).
 */
@Injectable()
export class ComplaintAdmissibility {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly repo: ComplaintAdmissibilityRepository,
    private readonly rulings: RulingsService,
    private readonly grievance: GrievanceMechanismsService,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly recipients: RecipientsService,
  ) {}

  /** POST /api/v1/cases/:id/admissibility */
  async declare(caller: Caller, id: string, input: AdmissibilityInput): Promise<AdmissibilityView> {
    await this.policies.rebuildAbility(caller);
    await this.db.transaction(async (m) => {
      const c = await this.cases.lock(m, id);
      if (!c) throw new NotFound('case', id);
      await this.policies.authorizeRecord(caller, 'declare-admissibility', 'Case', { id }, { id });
      if (c.type !== 'complaint') throw new InvalidTransition('Only a complaint is declared admissible or not (art. 83)');
      const action = input.admissible ? 'declare-admissible' : 'declare-not-admissible';
      const check = checkTransition('complaint', c.state, action);
      if (!check.ok) throw new InvalidTransition(check.status === 'not-in-this-state' ? `The admissibility is declared once, before the vote; the complaint is ${c.state}` : check.message);

      const commitment = input.commitment ?? (c.scope.commitment as AdmissibilityInput['commitment'] | undefined);
      if (input.admissible) {
        if (input.reason !== 'lack-of-progress')
          throw new Unprocessable('The declaration does not fit the agreement', [{ field: 'reason', problem: 'an admissible complaint is about lack of progress (art. 83)' }]);
        if (!commitment || !(COMMITMENT_KINDS as readonly string[]).includes(commitment.kind))
          throw new Unprocessable('The declaration does not fit the agreement', [{ field: 'commitment', problem: `name the commitment the company lacks progress on: one of ${COMMITMENT_KINDS.join(', ')} (art. 83)` }]);
      } else if (input.reason === 'lack-of-progress') {
        throw new Unprocessable('The declaration does not fit the agreement', [{ field: 'reason', problem: 'a complaint about lack of progress is admissible (art. 83); give the reason it is not' }]);
      }
      if (input.commitment) await this.repo.setCommitment(m, id, input.commitment);
      await this.repo.insert(m, { caseId: id, admissible: input.admissible, reason: input.reason, explanation: input.explanation.trim(), declaredBy: caller.personId });
      await this.cases.setState(m, id, check.rule.to, input.admissible ? {} : { closed_at: new Date() });
      await this.cases.addEvent(m, { caseId: id, actor: actorOf(caller), action, fromState: c.state, toState: check.rule.to, details: { reason: input.reason } });
      if (input.admissible) {
        // Now the matter goes before the Kerngroep (art. 84): the company it concerns is recused.
        await this.rulings.open(m, id, { improvementPeriodDays: DEFAULT_IMPROVEMENT_PERIOD_DAYS }, [c.subject_organisation_id!]);
      }
      for (const to of await this.recipients.forOrganisations(m, [c.requester_organisation_id])) {
        await this.outbox.enqueue(m, { to, template: input.admissible ? 'cases.complaint-admissible' : 'cases.complaint-not-admissible', params: { caseId: id } });
      }
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'cases.admissibility',
        object: { type: 'case', id },
        details: { admissible: input.admissible, reason: input.reason, commitment: commitment?.kind ?? null },
      });
    });
    return this.read(caller, id, false);
  }

  /** GET /api/v1/cases/:id/admissibility: for whoever may read the case. */
  async read(caller: Caller, id: string, audited = true): Promise<AdmissibilityView> {
    const c = await this.cases.find(this.db.manager, id);
    if (!c || c.type !== 'complaint') throw new NotFound('case', id);
    const decision = await this.policies.authorizeRecord(caller, 'read', 'Case', { id }, { id });
    const row = await this.repo.of(this.db.manager, id);
    if (audited) await this.audit.record({ actor: actorOf(caller), action: 'cases.admissibility.read', object: { type: 'case', id }, grant: decision.grant });
    return {
      caseId: id,
      state: c.state,
      commitment: (c.scope.commitment as AdmissibilityView['commitment']) ?? null,
      declared: row && { admissible: row.admissible, reason: row.reason, explanation: row.explanation, declaredAt: new Date(row.declared_at).toISOString(), declaredBy: row.declared_by_name },
      pointer:
        row && !row.admissible
          ? { grievanceMechanism: await this.grievance.of(this.db.manager, c.subject_organisation_id!), nationalContactPoint: NATIONAL_CONTACT_POINT }
          : null,
    };
  }
}
