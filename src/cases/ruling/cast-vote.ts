import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { InvalidTransition, NotFound } from '../../common/errors.js';
import type { VoteChoice } from '../../kerngroep/decision-rule.js';
import { RulingsService } from '../../kerngroep/rulings.service.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { CasesRepository } from '../cases.repository.js';
import { CaseTransitions } from '../transitions/case-transitions.js';

/** A Kerngroep seat, a substitute or (after escalation) a party votes on a case's ruling (art. 49, 84). */
@Injectable()
export class CastVote {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly rulings: RulingsService,
    private readonly transitions: CaseTransitions,
    private readonly audit: AuditService,
    private readonly policies: PoliciesService,
  ) {}

  /** POST /api/v1/cases/:id/votes (art. 49). */
  async execute(caller: Caller, id: string, choice: VoteChoice, reason: string | null): Promise<Record<string, unknown>> {
    const result = await this.db.transaction(async (m) => {
      const c = await this.cases.lock(m, id);
      // Issue 11, section 2: a case the caller may not see answers the same 404 as an unknown one; whether a
      // caller who sees it may vote is the decision rule's answer (403 with the article).
      if (!c) throw new NotFound('case', id);
      await this.policies.authorizeRecord(caller, 'read', 'Case', { id }, { id });
      const ruling = await this.rulings.forCase(m, id);
      if (!ruling || c.state !== 'awaiting_ruling') throw new InvalidTransition('No vote is open on this case');
      const r = await this.rulings.vote(m, caller, ruling, choice, reason);
      await this.cases.addEvent(m, {
        caseId: id,
        // The escalation is told to all parties; who cast the vote that caused it stays in the deliberation.
        actor: r.status === 'escalated' ? null : actorOf(caller),
        action: r.status === 'escalated' ? 'ruling.escalated' : 'ruling.vote',
        audience: r.status === 'escalated' ? 'participants' : 'kerngroep',
        details: { seat: r.seat, capacity: r.capacity },
      });
      await this.cases.touch(m, id);
      if (r.status === 'decided') await this.transitions.onRulingDecided(m, caller, c, r.decision);
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'kerngroep.vote',
        object: { type: 'case', id },
        details: { stage: r.status === 'decided' ? r.decision.basis : r.stage, seat: r.seat, capacity: r.capacity, result: r.status },
      });
      return r;
    });
    return {
      status: result.status,
      seat: result.seat,
      capacity: result.capacity,
      ...(result.status === 'decided' ? { outcome: result.decision.outcome, basis: result.decision.basis } : {}),
    };
  }
}
