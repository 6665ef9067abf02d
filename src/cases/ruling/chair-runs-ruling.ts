import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { InvalidInput, InvalidTransition } from '../../common/errors.js';
import { type ChairAction, RulingsService } from '../../kerngroep/rulings.service.js';
import { CasesRepository, type CaseRow } from '../cases.repository.js';
import { RESTRICTION_LEVELS } from '../disclosure-level.js';
import type { TransitionDto } from '../dto/case-requests.dto.js';
import { normaliseScope } from '../filing/scope.js';
import { CaseTransitions } from '../transitions/case-transitions.js';

/**
 * The chair's part in a case's ruling (art. 47, 50, 84): record an absence, appoint a substitute for a recused seat,
 * put a (narrower) proposal before the first vote, close the vote. Runs in the caller's transaction (case locked).
 */
@Injectable()
export class ChairRunsRuling {
  constructor(
    private readonly cases: CasesRepository,
    private readonly rulings: RulingsService,
    private readonly transitions: CaseTransitions,
    private readonly audit: AuditService,
  ) {}

  async execute(m: EntityManager, caller: Caller, c: CaseRow, action: ChairAction, dto: TransitionDto): Promise<void> {
    const ruling = await this.rulings.forCase(m, c.id);
    if (!ruling || c.state !== 'awaiting_ruling') throw new InvalidTransition(`"${action}" applies only while the case awaits the Kerngroep's ruling`);
    const result = await this.rulings.chairAction(m, caller, ruling, action, dto, (p) => this.validateProposal(c, p));
    await this.cases.addEvent(m, {
      caseId: c.id,
      actor: actorOf(caller),
      action: `ruling.${action}`,
      audience: action === 'close-vote' ? 'participants' : 'kerngroep',
      details: action === 'appoint-substitute' ? { seat: dto.seat } : action === 'record-absence' ? { seat: dto.seat } : {},
    });
    await this.cases.touch(m, c.id);
    if (result.decision) await this.transitions.onRulingDecided(m, caller, c, result.decision);
    await this.audit.appendInTransaction(m, {
      actor: actorOf(caller),
      action: `kerngroep.${action}`,
      object: { type: 'case', id: c.id },
      details: { seat: dto.seat ?? null, outcome: result.decision?.outcome ?? (result.escalated ? 'escalated' : null) },
    });
  }

  /** The chair may put a narrower scope (art. 22), another level (art. 24) or another period before the vote. */
  private validateProposal(c: CaseRow, p: Record<string, unknown>): Record<string, unknown> {
    const bad = (field: string, problem: string) => new InvalidInput('The request is invalid', [{ field: `proposal.${field}`, problem }]);
    if (c.type === 'disclosure') {
      const scope = p.scope as Record<string, unknown> | undefined;
      if (!scope || typeof scope !== 'object') throw bad('scope', 'is required');
      const narrowed = normaliseScope(scope, 'proposal.scope');
      const original = c.scope;
      for (const key of ['countries', 'regions', 'rawMaterials', 'activityTypes'] as const) {
        const wide = original[key] as string[] | undefined;
        const narrow = narrowed[key] as string[] | undefined;
        if (narrow && !narrow.every((x) => typeof x === 'string')) throw bad(`scope.${key}`, 'must be a list of strings');
        // Art. 22 / DOMAIN.md step 2: the Kerngroep may approve a narrower scope, never a wider one.
        if (wide?.length && (!narrow?.length || !narrow.every((x) => wide.includes(x)))) throw bad(`scope.${key}`, 'must stay within the requested scope');
      }
      if (original.year !== undefined && narrowed.year !== original.year) throw bad('scope.year', 'must stay the requested year');
      return { scope: narrowed };
    }
    if (c.type === 'restriction') {
      if (!(RESTRICTION_LEVELS as readonly unknown[]).includes(p.level)) throw bad('level', `must be one of ${RESTRICTION_LEVELS.join(', ')}`);
      return { level: p.level };
    }
    if (c.type === 'removal') {
      // Art. 77: what the Kerngroep votes on is the removal with its short public explanation; the term is fixed (art. 76).
      const e = p.explanation;
      if (typeof e !== 'string' || !e.trim() || e.length > 1000) throw bad('explanation', 'must be the short public explanation, 1 to 1000 characters (art. 77)');
      return { explanation: e.trim(), termMonths: 3 };
    }
    if (c.type === 'accession') throw bad('name', 'a request to join is put to the vote as the organisation filed it (art. 70-72)');
    if (c.type === 'yearly_report') throw bad('sha256', 'the yearly report is put to the vote as the secretariat froze it; a new draft is a new matter (art. 51)');
    const days = p.improvementPeriodDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 730) throw bad('improvementPeriodDays', 'must be a whole number of days from 1 to 730');
    return { improvementPeriodDays: days };
  }
}
