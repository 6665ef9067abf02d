import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthService } from '../auth/auth.service.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { KeyOperationsService } from '../production-locations/key-operations.service.js';
import { type DeadlineStep, DeadlineScheduler } from '../scheduler/deadline-scheduler.js';
import { shreddingDates } from './membership-dates.js';
import { type ChangeRow, MembershipRepository } from './membership.repository.js';

type Step = 'effect' | 'warn' | 'shred';
const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 10) : '');

/**
 * What an effective date does (issue 13, part 7; art. 73-77), in the deadline scheduler's one loop: each step runs
 * in one transaction that claims its row with FOR UPDATE SKIP LOCKED and marks it done, so it runs once however
 * many instances poll, and is audited.
 *
 * At the effective date of a withdrawal or removal:
 * - the organisation becomes `withdrawn` or `removed`; its people are disabled and every session ends at once;
 * - it leaves the Kerngroep seats; in each open Kerngroep vote where its seat had not voted, another party of the
 *   same constituency is appointed as substitute (art. 84) and the chair is told, who may appoint another;
 * - its votes in rulings not yet decided are withdrawn (it no longer takes part in decisions, art. 40);
 * - from then on its entries count in no aggregated output, and no art-21 answer or art-22 match names it (the
 *   queries take only organisations that still take part: `PARTICIPATING`).
 * After MEMBER_DATA_RETENTION_DAYS the secretariat is warned (14 days ahead, or halfway for a short period), then its
 * data keys are shredded (KeyOperationsService.shredCompanyIn): its encrypted data can never be read again.
 */
@Injectable()
export class EffectiveDates implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: DeadlineScheduler,
    private readonly repo: MembershipRepository,
    private readonly sessions: AuthService,
    private readonly keys: KeyOperationsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly recipients: RecipientsService,
  ) {}

  onModuleInit(): void {
    this.scheduler.addSource({
      name: 'membership-effective-dates',
      due: (step, limit) => (step === 'expire' ? this.repo.due(this.db.manager, 'effect', limit) : Promise.resolve([])),
      run: (m, _step, id) => this.run(m, 'effect', id),
      failed: (_step, id, message) => this.repo.failed(this.db.manager, id, 'effect', message),
    });
    this.scheduler.addSource({
      name: 'member-data-shredding',
      due: (step, limit) => this.repo.due(this.db.manager, step === 'remind' ? 'warn' : 'shred', limit),
      run: (m, step, id) => this.run(m, this.shredStep(step), id),
      failed: (step, id, message) => this.repo.failed(this.db.manager, id, this.shredStep(step), message),
    });
  }

  private shredStep(step: DeadlineStep): Step {
    return step === 'remind' ? 'warn' : 'shred';
  }

  private async run(m: EntityManager, step: Step, id: string): Promise<boolean> {
    const change = await this.repo.claim(m, id, step);
    if (!change) return false; // another instance did it, or it is not due any more
    if (step === 'effect') await this.takeEffect(m, change);
    else if (step === 'warn') await this.warn(m, change);
    else await this.shred(m, change);
    return true;
  }

  private async takeEffect(m: EntityManager, c: ChangeRow): Promise<void> {
    const org = (await this.repo.organisation(m, c.organisation_id, true))!;
    await this.repo.setStatus(m, org.id, c.kind === 'withdrawal' ? 'withdrawn' : 'removed');
    const people = await this.repo.disablePeople(m, org.id);
    let sessionsEnded = 0;
    for (const p of people) sessionsEnded += await this.sessions.endSessionsOf(m, p);
    const seats = await this.repo.vacateSeats(m, org.id);
    const votesWithdrawn = await this.repo.dropOpenVotes(m, org.id);
    const substitutes: Array<{ caseId: string; seat: string; organisationId: string | null }> = [];
    for (const seat of seats) {
      for (const r of await this.repo.openRulingsNeedingSubstitute(m, seat)) {
        const substitute = await this.repo.substituteFor(m, seat, [...r.concerned, org.id]);
        substitutes.push({ caseId: r.case_id, seat, organisationId: substitute });
        if (!substitute) continue; // nobody left in the constituency: the chair closes the vote when its deadline passes
        await this.repo.appointSubstitute(m, r.ruling_id, seat, substitute);
        for (const to of await this.recipients.forOrganisations(m, [substitute])) {
          await this.outbox.enqueue(m, { to, template: 'cases.substitute-appointed', params: { caseId: r.case_id } });
        }
        for (const to of await this.repo.chair(m)) {
          await this.outbox.enqueue(m, { to, template: 'membership.seat-vacated', params: { seat, caseId: r.case_id } });
        }
      }
    }
    await this.repo.markEffected(m, c.id, shreddingDates(new Date(), this.config.memberDataRetentionDays));
    await this.audit.appendInTransaction(m, {
      actor: null,
      action: `membership.${c.kind}.effective`,
      object: { type: 'Organisation', id: org.id },
      details: { changeId: c.id, effectiveAt: day(c.effective_at), peopleDisabled: people.length, sessionsEnded, seatsVacated: seats, votesWithdrawn, substitutes },
    });
    for (const to of await this.recipients.secretariatStaff(m)) {
      await this.outbox.enqueue(m, { to, template: 'membership.effective', params: { organisation: org.name, kind: c.kind } }); // the template words the kind per language
    }
  }

  private async warn(m: EntityManager, c: ChangeRow): Promise<void> {
    for (const to of await this.recipients.secretariatStaff(m)) {
      await this.outbox.enqueue(m, { to, template: 'membership.shred-warning', params: { organisation: c.organisation_name, shredAt: day(c.shred_due_at) } });
    }
    await this.repo.markWarned(m, c.id);
    await this.audit.appendInTransaction(m, {
      actor: null,
      action: 'membership.shred-warning',
      object: { type: 'Organisation', id: c.organisation_id },
      details: { changeId: c.id, shredAt: day(c.shred_due_at) },
    });
  }

  private async shred(m: EntityManager, c: ChangeRow): Promise<void> {
    const org = (await this.repo.organisation(m, c.organisation_id))!;
    // Only companies hold data under data keys (their production-location lists, art. 17-19).
    const result = org.kind === 'company' ? await this.keys.shredCompanyIn(m, org.id) : null;
    await this.repo.markShredded(m, c.id);
    await this.audit.appendInTransaction(m, {
      actor: null,
      action: 'membership.shredded',
      object: { type: 'Organisation', id: org.id },
      details: { changeId: c.id, keyOperationId: result?.operationId ?? null, keysDestroyed: result?.done ?? 0, entries: result?.entries ?? 0 },
    });
    for (const to of await this.recipients.secretariatStaff(m)) {
      await this.outbox.enqueue(m, { to, template: 'membership.shredded', params: { organisation: org.name } });
    }
  }
}
