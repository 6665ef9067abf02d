import type { Language } from '../common/caller.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import type { DeadlineRow } from '../scheduler/deadline-scheduler.js';
import { CasesRepository, type CaseRow } from './cases.repository.js';

/** A part an organisation plays in a case, for choosing whom a case mail goes to. */
export type CasePart = 'requester' | 'beneficiary' | 'sponsor' | 'subject' | 'brokered' | 'secretariat';

/**
 * Case mail (issue 6): whom a case's notifications go to, and the reminders the scheduler sends. Every mail is put
 * in the outbox inside the caller's transaction, so it exists exactly when the change commits. Mails carry only a
 * link to the case, never NAW.
 */
@Injectable()
export class CaseMail {
  constructor(
    private readonly cases: CasesRepository,
    private readonly outbox: OutboxService,
    private readonly people: RecipientsService,
  ) {}

  async remindConsent(m: EntityManager, d: DeadlineRow): Promise<void> {
    const pending = await this.cases.pendingConsentCompanies(m, d.case_id);
    for (const to of await this.recipients(m, pending)) {
      await this.outbox.enqueue(m, { to, template: 'cases.consent-reminder', params: { caseId: d.case_id, deadline: new Date(d.due_at).toISOString().slice(0, 10) } });
    }
  }

  async remindAccess(m: EntityManager, d: DeadlineRow): Promise<void> {
    await this.toParticipants(m, d.case_id, 'cases.access-reminder', { closesAt: new Date(d.due_at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' }, ['beneficiary']);
  }

  async participantOrganisations(m: EntityManager, c: CaseRow, parts: CasePart[]): Promise<string[]> {
    const out = new Set<string>();
    if (parts.includes('requester')) out.add(c.requester_organisation_id);
    if (parts.includes('requester') && c.on_behalf_of) out.add(c.on_behalf_of);
    if (parts.includes('beneficiary')) out.add(c.on_behalf_of ?? c.requester_organisation_id);
    if (parts.includes('sponsor') && c.sponsor_organisation_id) out.add(c.sponsor_organisation_id);
    if (parts.includes('subject') && c.subject_organisation_id) out.add(c.subject_organisation_id);
    if (parts.includes('brokered')) for (const b of await this.cases.brokered(m, c.id)) if (b.confirmed_at) out.add(b.company_id);
    if (parts.includes('secretariat')) for (const s of await this.cases.secretariatOrganisations(m)) out.add(s);
    return [...out];
  }

  /** Mails `template` to the people of the organisations playing `parts` in the case. */
  async toParticipants(m: EntityManager, caseId: string, template: string, params: Record<string, string>, parts: CasePart[]): Promise<void> {
    const c = await this.cases.find(m, caseId);
    if (!c) return;
    const orgs = await this.participantOrganisations(m, c, parts);
    await this.toOrganisations(m, orgs, template, { caseId, ...params });
  }

  /** Mails `template` to the people of these organisations. */
  async toOrganisations(m: EntityManager, organisationIds: string[], template: string, params: Record<string, string>): Promise<void> {
    for (const to of await this.recipients(m, organisationIds)) await this.outbox.enqueue(m, { to, template, params });
  }

  /** An organisation's admins (or, if it has none, all its people); the secretariat's staff. */
  async recipients(m: EntityManager, organisationIds: string[]): Promise<Array<{ email: string; language: Language }>> {
    return this.people.forOrganisations(m, organisationIds);
  }
}
