import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller, Language } from '../common/caller.js';
import { Conflict, InvalidTransition, NotFound, Unprocessable } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { shreddingDates, withdrawalDates } from './membership-dates.js';
import { type ChangeRow, type MemberOrganisation, MembershipRepository } from './membership.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString().slice(0, 10));
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface MembershipView {
  organisation: { id: string; name: string; kind: string; party: boolean };
  status: MemberOrganisation['status'];
  signedAt: string;
  /** art. 73: from when the party can give notice */
  noticePossibleFrom: string | null;
  /** art. 74: the date a notice given today would take effect (null when no notice is possible today) */
  effectiveIfGivenToday: string | null;
  change: ReturnType<typeof changeView> | null;
}

export function changeView(c: ChangeRow, withMotivation: boolean) {
  return {
    id: c.id,
    kind: c.kind,
    organisation: { id: c.organisation_id, name: c.organisation_name },
    givenAt: iso(c.given_at),
    effectiveAt: day(c.effective_at),
    dutiesUntil: c.duties_until,
    effected: c.effected_at !== null,
    effectedAt: iso(c.effected_at),
    shredAt: day(c.shred_due_at),
    shreddedAt: iso(c.shredded_at),
    caseId: c.case_id,
    ...(withMotivation ? { motivation: c.motivation } : {}),
  };
}

/**
 * Withdrawal (art. 73-75): a party gives motivated written notice to the Kerngroep, from one year after it signed;
 * it takes effect at the start of the first year at least six months ahead. The organisation is `withdrawing` until
 * then and keeps its rights and duties (it still votes in the assembly, still owes its yearly list); the scheduler
 * acts on the effective date (effective-date.ts).
 */
@Injectable()
export class GiveNotice {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: MembershipRepository,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly recipients: RecipientsService,
  ) {}

  /** GET /api/v1/membership/organisations/:id: the party's membership, with the dates the agreement sets. */
  async view(caller: Caller, organisationId: string): Promise<MembershipView> {
    const org = UUID.test(organisationId) ? await this.repo.organisation(this.db.manager, organisationId) : null;
    if (!org) throw new NotFound('membership', organisationId);
    const decision = await this.policies.authorizeRecord(caller, 'read', 'Membership', { organisationId: org.id }, { id: organisationId });
    const change = await this.repo.changeOf(this.db.manager, org.id);
    await this.audit.record({ actor: actorOf(caller), action: 'membership.read', object: { type: 'Organisation', id: org.id }, grant: decision.grant });
    return this.toView(org, change, true);
  }

  toView(org: MemberOrganisation, change: ChangeRow | null, withMotivation: boolean): MembershipView {
    const now = new Date();
    const dates = org.is_party && org.status === 'active' && !change ? withdrawalDates(new Date(org.joined_at), now) : null;
    return {
      organisation: { id: org.id, name: org.name, kind: org.kind, party: org.is_party },
      status: org.status,
      signedAt: day(org.joined_at)!,
      noticePossibleFrom: org.is_party ? day(withdrawalDates(new Date(org.joined_at), now).possibleFrom) : null,
      effectiveIfGivenToday: dates?.allowed ? day(dates.effectiveAt) : null,
      change: change ? changeView(change, withMotivation) : null,
    };
  }

  /** POST /api/v1/membership/withdrawal {motivation, effectiveAt?}: the caller's party gives notice (art. 73-74). */
  async execute(caller: Caller, input: { motivation: string; effectiveAt?: string }): Promise<MembershipView> {
    const organisationId = caller.organisation.id;
    await this.policies.authorizeRecord(caller, 'give-notice', 'Membership', { organisationId }, { id: organisationId });
    const requested = input.effectiveAt ? new Date(`${input.effectiveAt}T00:00:00Z`) : undefined;
    return this.db.transaction(async (m) => {
      const org = (await this.repo.organisation(m, organisationId, true))!;
      const existing = await this.repo.changeOf(m, org.id);
      if (existing || org.status !== 'active')
        throw new InvalidTransition(
          existing?.kind === 'removal' ? 'The Kerngroep has decided to remove this party; it cannot give notice as well (art. 76)' : 'This party has already given notice (art. 73)',
        );
      const now = new Date();
      const dates = withdrawalDates(new Date(org.joined_at), now, requested);
      if (!dates.allowed) {
        const field = dates.rule === 'one-year-after-signing' ? 'notice' : 'effectiveAt';
        throw new Unprocessable('The agreement does not allow this date', [{ field, problem: dates.message }]);
      }
      const shred = shreddingDates(dates.effectiveAt, this.config.memberDataRetentionDays);
      const id = await this.repo
        .insertChange(m, {
          organisationId: org.id,
          kind: 'withdrawal',
          motivation: input.motivation.trim(),
          givenBy: caller.personId,
          caseId: null,
          reminderId: null,
          effectiveAt: dates.effectiveAt,
          dutiesUntil: dates.dutiesUntil,
          shredWarnAt: shred.warnAt,
          shredDueAt: shred.dueAt,
        })
        .catch((error: { code?: string }) => {
          if (error.code === '23505') throw new Conflict('This party has already given notice (art. 73)');
          throw error;
        });
      await this.repo.setStatus(m, org.id, 'withdrawing');
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'membership.notice',
        object: { type: 'Organisation', id: org.id },
        details: { changeId: id, effectiveAt: day(dates.effectiveAt), dutiesUntil: dates.dutiesUntil },
      });
      await this.tell(m, org, day(dates.effectiveAt)!);
      return this.toView({ ...org, status: 'withdrawing' }, await this.repo.change(m, id), true);
    });
  }

  /** Art. 73: the notice goes to the Kerngroep; the secretariat keeps the register; the party gets a copy. */
  private async tell(m: EntityManager, org: MemberOrganisation, effectiveAt: string): Promise<void> {
    const to = new Map<string, { email: string; language: Language }>();
    for (const r of [...(await this.repo.kerngroep(m)), ...(await this.recipients.secretariatStaff(m)), ...(await this.recipients.forOrganisations(m, [org.id]))]) to.set(r.email, r);
    for (const r of to.values()) {
      await this.outbox.enqueue(m, { to: r, template: 'membership.notice-given', params: { organisation: org.name, effectiveAt } });
    }
  }
}
