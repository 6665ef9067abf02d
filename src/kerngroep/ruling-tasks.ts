import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../common/caller.js';
import { isSeatRecused, type Seat } from './decision-rule.js';
import { RulingTasksRepository } from './ruling-tasks.repository.js';
import { RulingsRepository } from './rulings.repository.js';

/** What a person may still do in one open ruling (issue 14, item 1), decided by the vote route's own rules. */
export interface RulingTodo {
  caseId: string;
  stage: 'kerngroep' | 'assembly';
  /**
   * the seat and capacity the caller votes in (`RulingsRepository.voterSeatsOf`: the voter facts the `vote` rules of
   * policies/cases.yaml allow on), when not cast yet; whoever asks checks `vote` on the case as well (the deny rules)
   */
  vote: { seat: Seat | null; capacity: 'fixed' | 'deputy' | 'substitute' | 'party' } | null;
  /** recused seats that have neither a substitute nor a vote: the chair's `appoint-substitute` (art. 84) */
  seatsAwaitingSubstitute: Seat[];
}

/**
 * The Kerngroep's part of the to-do list. Who votes for which seat is read from the same facts as the vote route
 * (`votersSql` in rulings.repository.ts); the caller's policy check (`vote`, `transition` on the case) is the cases
 * module's, made by whoever asks. A fixed number of statements for any number of rulings.
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
    const [seats, cast, voters] = await Promise.all([
      this.rulings.seatsOf(m, ids),
      this.repo.votesCast(m, ids),
      this.rulings.voterSeatsOf(m, rulings.map((r) => r.case_id), caller.personId, caller.organisation.id),
    ]);
    for (const r of rulings) {
      const votes = cast.get(r.id)!;
      const todo: RulingTodo = { caseId: r.case_id, stage: r.stage as 'kerngroep' | 'assembly', vote: null, seatsAwaitingSubstitute: [] };
      const mine = voters.get(r.case_id);
      if (r.stage === 'kerngroep') {
        if (mine?.seat && !votes.seats.has(mine.seat)) todo.vote = mine;
        todo.seatsAwaitingSubstitute = (seats.get(r.id) ?? [])
          .filter((s) => isSeatRecused(s) && !s.substituteOrganisationId && !votes.seats.has(s.seat))
          .map((s) => s.seat);
      } else if (mine?.capacity === 'party' && !votes.assemblyOrganisations.has(caller.organisation.id)) {
        todo.vote = mine;
      }
      out.set(r.case_id, todo);
    }
    return out;
  }
}
