import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import { CaseTypeHooks } from '../cases/case-type-hooks.js';
import type { CaseRow } from '../cases/cases.repository.js';
import { OpenMatter } from '../cases/filing/open-matter.js';
import type { Caller, Language } from '../common/caller.js';
import { InvalidTransition, Unprocessable } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { RulingDecision } from '../kerngroep/rulings.service.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { endOfAgreementYear, removalDates, shreddingDates } from './membership-dates.js';
import { MembershipRepository } from './membership.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = (d: Date) => d.toISOString().slice(0, 10);
const bad = (field: string, problem: string) => new Unprocessable('The request does not fit the agreement', [{ field, problem }]);

/**
 * Removal (art. 76-77): when a party does not follow a Kerngroep ruling, the Kerngroep first reminds it (a recorded
 * reminder), then decides on removal — a case of type `removal`, ruled like every matter (decision rule, recusal of
 * the party's own seat, escalation to the assembly). On approval the removal takes effect after three months, is made
 * public with its short explanation, and the party keeps its duties until the end of that agreement year.
 */
@Injectable()
export class Removal implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: MembershipRepository,
    private readonly matters: OpenMatter,
    private readonly hooks: CaseTypeHooks,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly recipients: RecipientsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register('removal', {
      onTransition: (m, c, action, _params, decision, details) =>
        action === 'ruling-approved' ? this.onApproved(m, c, decision!, details) : Promise.resolve(),
    });
  }

  /** POST /api/v1/membership/reminders {organisationId, rulingCaseId, text}: the recorded reminder (art. 76). */
  async remind(caller: Caller, input: { organisationId: string; rulingCaseId: string; text: string }): Promise<{ id: string; recordedAt: string }> {
    return this.db.transaction(async (m) => {
      const org = await this.participatingParty(m, input.organisationId);
      const ruling = UUID.test(input.rulingCaseId) ? await this.repo.decidedRuling(m, input.rulingCaseId) : null;
      if (!ruling) throw bad('rulingCaseId', 'must be a case the Kerngroep has ruled on: a reminder is about a ruling not followed (art. 76)');
      const id = await this.repo.insertReminder(m, { organisationId: org.id, rulingCaseId: input.rulingCaseId, text: input.text.trim(), recordedBy: caller.personId });
      for (const to of await this.recipients.forOrganisations(m, [org.id])) {
        await this.outbox.enqueue(m, { to, template: 'membership.reminder', params: { caseId: input.rulingCaseId } });
      }
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'membership.reminder',
        object: { type: 'Organisation', id: org.id },
        details: { reminderId: id, rulingCaseId: input.rulingCaseId },
      });
      return { id, recordedAt: new Date().toISOString() };
    });
  }

  /**
   * POST /api/v1/membership/removals {organisationId, reminderId, explanation}: puts the removal before the Kerngroep.
   * The explanation is the short public one of art. 77; the party's own seat is recused (art. 84).
   */
  async propose(caller: Caller, input: { organisationId: string; reminderId: string; explanation: string }): Promise<{ caseId: string }> {
    return this.db.transaction(async (m) => {
      const org = await this.participatingParty(m, input.organisationId);
      const reminder = UUID.test(input.reminderId) ? await this.repo.reminder(m, input.reminderId) : null;
      if (!reminder || reminder.organisation_id !== org.id)
        throw bad('reminderId', 'must be a reminder recorded for this party: the Kerngroep reminds a party before it removes it (art. 76)');
      // A party on notice can still be removed (the earlier date then wins); one already being removed cannot.
      const leaving = await this.repo.changeOf(m, org.id);
      if (leaving && (leaving.kind === 'removal' || leaving.effected_at)) throw new InvalidTransition('The Kerngroep has already decided to remove this party (art. 76-77)');
      if (await this.repo.hasOpenRemoval(m, org.id)) throw new InvalidTransition('A removal of this party is already before the Kerngroep');
      const explanation = input.explanation.trim();
      const row = await this.matters.execute(m, caller, {
        type: 'removal',
        requesterOrganisationId: caller.organisation.id,
        subjectOrganisationId: org.id,
        grounds: explanation,
        scope: { reminderId: reminder.id, rulingCaseId: reminder.ruling_case_id },
        proposal: { explanation, termMonths: 3 },
        concerned: [org.id],
        details: { reminderId: reminder.id },
      });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'cases.file',
        object: { type: 'case', id: row.id },
        details: { type: 'removal', organisationId: org.id, reminderId: reminder.id },
      });
      return { caseId: row.id };
    });
  }

  /** The Kerngroep (or the assembly) approved the removal: it takes effect after three months (art. 76-77). */
  private async onApproved(m: EntityManager, c: CaseRow, decision: RulingDecision, details: Record<string, unknown>): Promise<void> {
    const org = (await this.repo.organisation(m, c.subject_organisation_id!, true))!;
    let dates = removalDates(new Date());
    // the chair's proposal carries the explanation as a string (chair-runs-ruling.ts checks it); the case's grounds otherwise
    const proposed = decision.proposal.explanation;
    const explanation = typeof proposed === 'string' ? proposed : c.grounds;
    // A party on notice may still be removed: the removal replaces the notice, and the earlier of the two dates wins.
    const existing = await this.repo.changeOf(m, org.id);
    if (existing?.effected_at) {
      // It left (its withdrawal took effect) while the Kerngroep deliberated: nothing is left to remove.
      details.alreadyLeft = true;
      return;
    }
    if (existing) {
      const earlier = new Date(existing.effective_at);
      if (earlier < dates.effectiveAt) dates = { effectiveAt: earlier, dutiesUntil: endOfAgreementYear(earlier) };
      await this.repo.dropPendingChange(m, existing.id);
    }
    const shred = shreddingDates(dates.effectiveAt, this.config.memberDataRetentionDays);
    await this.repo.insertChange(m, {
      organisationId: org.id,
      kind: 'removal',
      motivation: explanation,
      givenBy: null,
      caseId: c.id,
      reminderId: (c.scope.reminderId as string | undefined) ?? null,
      effectiveAt: dates.effectiveAt,
      dutiesUntil: dates.dutiesUntil,
      shredWarnAt: shred.warnAt,
      shredDueAt: shred.dueAt,
    });
    if (org.status === 'withdrawing') await this.repo.setStatus(m, org.id, 'active');
    details.effectiveAt = day(dates.effectiveAt);
    details.dutiesUntil = dates.dutiesUntil;
    // Art. 77: made public; every party and the party itself are told.
    const to = new Map<string, { email: string; language: Language }>();
    for (const r of [...(await this.recipients.forOrganisations(m, await this.repo.parties(m))), ...(await this.recipients.secretariatStaff(m))]) to.set(r.email, r);
    for (const r of to.values()) {
      await this.outbox.enqueue(m, { to: r, template: 'membership.removal-decided', params: { organisation: org.name, effectiveAt: day(dates.effectiveAt), dutiesUntil: dates.dutiesUntil } });
    }
  }

  private async participatingParty(m: EntityManager, organisationId: string) {
    const org = UUID.test(organisationId) ? await this.repo.organisation(m, organisationId, true) : null;
    if (!org || !org.is_party || !['active', 'withdrawing'].includes(org.status))
      throw bad('organisationId', 'must be a party that takes part in the agreement (art. 76)');
    return org;
  }

  /** GET /api/v1/membership/reminders: the recorded reminders (secretariat, Kerngroep). */
  async reminders(caller: Caller) {
    const rows = await this.repo.reminders(this.db.manager);
    await this.audit.record({ actor: actorOf(caller), action: 'membership.reminders', details: { count: rows.length } });
    return rows.map((r) => ({
      id: r.id,
      organisation: { id: r.organisation_id, name: r.organisation_name },
      rulingCaseId: r.ruling_case_id,
      text: r.text,
      recordedAt: new Date(r.recorded_at).toISOString(),
      recordedBy: r.recorded_by_name,
    }));
  }
}
