import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller, Constituency } from '../../common/caller.js';
import { NotAllowed, Unprocessable } from '../../common/errors.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import { PoliciesService } from '../../policies/policies.service.js';
import type { AppointChairDto, AssignSeatDto, ChairTermDto, KerngroepHistoryDto, SeatTermDto } from '../dto/governance.dto.js';
import { type ChairTermRow, KerngroepGovernanceRepository, type SeatTermRow } from './kerngroep-governance.repository.js';
import { chairAppointmentProblems, seatAssignmentProblems } from './seat-rules.js';

/**
 * Run inside the caller's transaction (the demo seed). `quiet`: no mail — the demo people's addresses are fictional
 * and the test suites' mailboxes start empty; the audit entries are written as always.
 */
export interface Within {
  manager: EntityManager;
  quiet?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toSeatTerm(r: SeatTermRow): SeatTermDto {
  return {
    id: r.id,
    constituency: r.constituency,
    organisation: { id: r.organisation_id, name: r.organisation_name, slug: r.organisation_slug },
    fixed: { id: r.fixed_person_id, name: r.fixed_name },
    deputy: { id: r.deputy_person_id, name: r.deputy_name },
    effectiveFrom: r.effective_from,
    decision: r.decision,
    openVotes: r.open_votes,
    inForce: r.in_force,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}

function toChairTerm(r: ChairTermRow): ChairTermDto {
  return {
    id: r.id,
    person: { id: r.person_id, name: r.person_name },
    organisation: { id: r.organisation_id, name: r.organisation_name, slug: r.organisation_slug },
    effectiveFrom: r.effective_from,
    serProposal: r.ser_proposal,
    kerngroepDecision: r.kerngroep_decision,
    inForce: r.in_force,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}

/**
 * The Kerngroep's composition as the agreement sets it up (art. 45-47, 50, 54): secretariat staff record, from a date
 * and with the decision behind it, which party holds each seat with which of its people as fixed and deputy
 * representative, and who chairs. History is kept (terms are only added); the term in force is the view
 * `kerngroep_seats` / `kerngroep_chair`, which every policy fact reads. Who may record it is
 * policies/kerngroep-seats.yaml. Each change commits with its audit entry and its mails.
 * The demo seed calls these same methods (with its own transaction as `manager`).
 */
@Injectable()
export class KerngroepGovernanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: KerngroepGovernanceRepository,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async history(): Promise<KerngroepHistoryDto> {
    const m = this.db.manager;
    const [seats, chair] = await Promise.all([this.repo.seatHistory(m), this.repo.chairHistory(m)]);
    return { seats: seats.map(toSeatTerm), chair: chair.map(toChairTerm) };
  }

  async assignSeat(caller: Caller, constituency: Constituency, input: AssignSeatDto, within?: Within): Promise<SeatTermDto> {
    await this.authorize(caller, 'assign', 'Only secretariat staff record who holds a Kerngroep seat (art. 47, 55)');
    const openVotes = input.openVotes ?? 'keep';
    const run = async (m: EntityManager) => {
      await this.repo.lock(m);
      // one after the other: a transaction is one connection, which runs one query at a time (pg 9 refuses a
      // second query sent while the first still runs; pg 8 queued it with a deprecation warning)
      const organisation = UUID.test(input.organisationId) ? await this.repo.organisation(m, input.organisationId) : undefined;
      const fixed = UUID.test(input.fixedPersonId) ? await this.repo.person(m, input.fixedPersonId) : undefined;
      const deputy = UUID.test(input.deputyPersonId) ? await this.repo.person(m, input.deputyPersonId) : undefined;
      const today = await this.repo.today(m);
      const problems = seatAssignmentProblems({
        constituency,
        effectiveFrom: input.effectiveFrom,
        openVotes,
        today,
        latestTermFrom: await this.repo.latestSeatTermFrom(m, constituency),
        organisation,
        fixed,
        deputy,
      });
      if (problems.length) throw new Unprocessable('The seat cannot be assigned so under the agreement', problems);
      const before = await this.repo.seatInForce(m, constituency);
      const id = await this.repo.insertSeatTerm(m, {
        constituency,
        organisationId: organisation!.id,
        fixedPersonId: fixed!.id,
        deputyPersonId: deputy!.id,
        effectiveFrom: input.effectiveFrom,
        decision: input.decision.trim(),
        openVotes,
        recordedBy: caller.personId,
      });
      const transferred = openVotes === 'transfer'
        ? await this.repo.transferOpenVotes(m, constituency, { organisationId: organisation!.id, fixedPersonId: fixed!.id, deputyPersonId: deputy!.id })
        : [];
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'kerngroep.seat-assigned',
        object: { type: 'KerngroepSeat', id: constituency },
        details: { termId: id, organisationId: organisation!.id, fixedPersonId: fixed!.id, deputyPersonId: deputy!.id, effectiveFrom: input.effectiveFrom, openVotes, transferredRulings: transferred },
      });
      const row = await this.repo.seatTerm(m, id);
      if (within?.quiet) return { ...toSeatTerm(await this.repo.seatTerm(m, id)), transferredRulings: transferred };
      for (const target of await this.repo.mailTargets(m, [fixed!.id, deputy!.id])) {
        const position = target.id === fixed!.id ? 'fixed' : 'deputy';
        await this.outbox.enqueue(m, {
          to: { email: target.email, language: target.language },
          template: 'governance.seat-assigned',
          params: {
            name: target.name,
            position, // codes: the template words them in the reader's language
            seat: constituency,
            organisationName: row.organisation_name,
            effectiveFrom: input.effectiveFrom,
          },
        });
      }
      const leaving = before ? [before.fixedPersonId, before.deputyPersonId].filter((p) => p !== fixed!.id && p !== deputy!.id) : [];
      for (const target of await this.repo.mailTargets(m, leaving)) {
        await this.outbox.enqueue(m, {
          to: { email: target.email, language: target.language },
          template: 'governance.seat-ended',
          params: { name: target.name, seat: constituency, effectiveFrom: input.effectiveFrom },
        });
      }
      return { ...toSeatTerm(row), transferredRulings: transferred };
    };
    return within ? run(within.manager) : this.db.transaction(run);
  }

  async appointChair(caller: Caller, input: AppointChairDto, within?: Within): Promise<ChairTermDto> {
    await this.authorize(caller, 'appoint-chair', 'Only secretariat staff record the chair the SER proposed and the Kerngroep confirmed (art. 54, 55)');
    const run = async (m: EntityManager) => {
      await this.repo.lock(m);
      const person = UUID.test(input.personId) ? await this.repo.person(m, input.personId) : undefined;
      const problems = chairAppointmentProblems({
        effectiveFrom: input.effectiveFrom,
        latestTermFrom: await this.repo.latestChairTermFrom(m),
        person,
        holdsSeat: person ? await this.repo.holdsSeat(m, person.id) : false,
      });
      if (problems.length) throw new Unprocessable('The chair cannot be recorded so under the agreement', problems);
      const before = await this.repo.chairInForce(m);
      const id = await this.repo.insertChairTerm(m, {
        personId: person!.id,
        effectiveFrom: input.effectiveFrom,
        serProposal: input.serProposal.trim(),
        kerngroepDecision: input.kerngroepDecision.trim(),
        recordedBy: caller.personId,
      });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'kerngroep.chair-appointed',
        object: { type: 'KerngroepChair', id },
        details: { personId: person!.id, effectiveFrom: input.effectiveFrom, previousPersonId: before },
      });
      if (within?.quiet) return toChairTerm(await this.repo.chairTerm(m, id));
      for (const target of await this.repo.mailTargets(m, [person!.id])) {
        await this.outbox.enqueue(m, { to: { email: target.email, language: target.language }, template: 'governance.chair-appointed', params: { name: target.name, effectiveFrom: input.effectiveFrom } });
      }
      if (before && before !== person!.id) {
        for (const target of await this.repo.mailTargets(m, [before])) {
          await this.outbox.enqueue(m, { to: { email: target.email, language: target.language }, template: 'governance.chair-ended', params: { name: target.name, effectiveFrom: input.effectiveFrom } });
        }
      }
      return toChairTerm(await this.repo.chairTerm(m, id));
    };
    return within ? run(within.manager) : this.db.transaction(run);
  }

  private async authorize(caller: Caller, action: string, refusal: string): Promise<void> {
    const ability = await this.policies.abilityFor(caller);
    if (!ability.can(action, 'KerngroepSeat', {})) throw new NotAllowed(refusal);
  }
}
