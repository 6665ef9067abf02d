import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../common/caller.js';
import { assemblyEligibility, isSeatRecused, kerngroepEligibility, type Seat, type Voter } from './decision-rule.js';
import { RulingTasksRepository } from './ruling-tasks.repository.js';
import { RulingsRepository } from './rulings.repository.js';

/** What a person may still do in one open ruling (issue 14, item 1), decided by the vote route's own rules. */
export interface RulingTodo {
  caseId: string;
  stage: 'kerngroep' | 'assembly';
  /** the caller may cast this vote now: eligible (`kerngroepEligibility` / `assemblyEligibility`) and not yet cast */
  vote: { seat: Seat | null; capacity: 'fixed' | 'deputy' | 'substitute' | 'party' } | null;
  /** recused seats that have neither a substitute nor a vote: the chair's `appoint-substitute` (art. 84) */
  seatsAwaitingSubstitute: Seat[];
}

/**
 * The Kerngroep's part of the to-do list. The eligibility is the decision rule's (decision-rule.ts), the same
 * functions `RulingsService.vote` and `chairAction` refuse with; the caller's policy check (`vote`, `transition` on
 * the case) is the cases module's, made by whoever asks. A fixed number of statements for any number of rulings.
 */
@Injectable()
export class RulingTasks {
  constructor(
    private readonly repo: RulingTasksRepository,
    private readonly rulings: RulingsRepository,
  ) {}

  async forCases(m: EntityManager, caller: Caller, caseIds: string[]): Promise<Map<string, RulingTodo>> {
    const out = new Map<string, RulingTodo>();
    if (!caseIds.length) return out;
    const rulings = await this.repo.openRulings(m, caseIds);
    if (!rulings.length) return out;
    const ids = rulings.map((r) => r.id);
    const [seats, cast, activeParty] = await Promise.all([
      this.rulings.seatsOf(m, ids),
      this.repo.votesCast(m, ids),
      rulings.some((r) => r.stage === 'assembly') ? this.repo.isActiveParty(m, caller.organisation.id) : Promise.resolve(false),
    ]);
    const voter: Voter = {
      personId: caller.personId,
      organisationId: caller.organisation.id,
      organisationKind: caller.organisation.kind,
      isParty: caller.organisation.isParty,
      isKerngroepChair: caller.isKerngroepChair,
    };
    for (const r of rulings) {
      const concerned = new Set(r.concerned_organisation_ids);
      const votes = cast.get(r.id)!;
      const todo: RulingTodo = { caseId: r.case_id, stage: r.stage as 'kerngroep' | 'assembly', vote: null, seatsAwaitingSubstitute: [] };
      if (r.stage === 'kerngroep') {
        const ruling = seats.get(r.id) ?? [];
        const e = kerngroepEligibility(voter, ruling, concerned);
        if (e.allowed && !votes.seats.has(e.seat)) todo.vote = { seat: e.seat, capacity: e.capacity };
        todo.seatsAwaitingSubstitute = ruling
          .filter((s) => isSeatRecused(s, concerned) && !s.substituteOrganisationId && !votes.seats.has(s.seat))
          .map((s) => s.seat);
      } else if (assemblyEligibility(voter, concerned).allowed && activeParty && !votes.assemblyOrganisations.has(voter.organisationId)) {
        todo.vote = { seat: null, capacity: 'party' };
      }
      out.set(r.case_id, todo);
    }
    return out;
  }
}
