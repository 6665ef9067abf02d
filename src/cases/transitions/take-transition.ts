import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '../../common/caller.js';
import { Conflict, InvalidInput, InvalidTransition } from '../../common/errors.js';
import { CHAIR_ACTIONS, type ChairAction } from '../../kerngroep/rulings.service.js';
import { CaseAccess } from '../case-access.js';
import { CaseView } from '../case-view.js';
import type { TransitionDto } from '../dto/case-requests.dto.js';
import { ChairRunsRuling } from '../ruling/chair-runs-ruling.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { checkTransition, policyActionOf } from '../state-machines.js';
import { CaseTransitions } from './case-transitions.js';

/** POST /api/v1/cases/:id/transitions: a participant moves the case on (or the chair runs its ruling). */
@Injectable()
export class TakeTransition {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly view: CaseView,
    private readonly transitions: CaseTransitions,
    private readonly chair: ChairRunsRuling,
    private readonly policies: PoliciesService,
  ) {}

  /**
   * POST /api/v1/cases/:id/transitions. Locks the case; a case the caller may not see is 404, one on which the caller
   * may take no step at all is 403. Then the state machine (400 for an action the case type lacks, 409 when it does
   * not apply in the current state, nothing changed), then the step's own rule in policies/cases.yaml (403 naming the
   * rule and article), then the step with its event, mails and audit.
   */
  async execute(caller: Caller, id: string, dto: TransitionDto): Promise<Record<string, unknown>> {
    await this.access.freshAbility(caller);
    await this.db.transaction(async (m) => {
      const c = await this.access.lockVisible(m, caller, id, 'read');
      const record = { id: c.id };
      // May the caller take some step on this case at all (any `transition:<step>` rule)? Else 403 naming the rules.
      await this.policies.assertCan(caller, 'transition', 'Case', record);
      if (dto.version !== undefined && dto.version !== c.version)
        throw new Conflict(`The case changed since you read it (version ${c.version}, you sent ${dto.version})`);

      if ((CHAIR_ACTIONS as readonly string[]).includes(dto.action)) {
        await this.policies.assertCan(caller, policyActionOf(dto.action), 'Case', record);
        await this.chair.execute(m, caller, c, dto.action as ChairAction, dto);
        return;
      }
      if (dto.action === 'report') throw new InvalidInput('The request is invalid', [{ field: 'action', problem: 'a report is filed with POST /api/v1/cases/:id/reports' }]);
      const check = checkTransition(c.type, c.state, dto.action);
      // A declaration (complaint admissibility, art. 83) is taken only by its own use case, with its reason: never a
      // bare step, whatever the state or the caller's rights (bad input naming the field and where to go instead).
      if (check.rule?.auto === 'declaration')
        throw new InvalidInput('The request is invalid', [{ field: 'action', problem: `"${dto.action}" is declared with its reason through POST /api/v1/cases/:id/admissibility (art. 83)` }]);
      if (!check.ok) {
        // No such action for this case type at all: bad input naming the field, not a state conflict.
        if (check.status === 'unknown-action') throw new InvalidInput('The request is invalid', [{ field: 'action', problem: check.message }]);
        throw new InvalidTransition(check.message);
      }
      await this.policies.assertCan(caller, policyActionOf(dto.action), 'Case', record);
      await this.transitions.apply(m, caller, c, dto.action, dto as unknown as Record<string, unknown>);
    });
    return this.view.read(caller, id, false);
  }
}
