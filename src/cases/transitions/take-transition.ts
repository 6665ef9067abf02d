import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '../../common/caller.js';
import { Conflict, InvalidInput, InvalidTransition, NotAllowed } from '../../common/errors.js';
import { CHAIR_ACTIONS, type ChairAction } from '../../kerngroep/rulings.service.js';
import { CaseAccess } from '../case-access.js';
import { CaseView } from '../case-view.js';
import type { TransitionDto } from '../dto/case-requests.dto.js';
import { ChairRunsRuling } from '../ruling/chair-runs-ruling.js';
import { checkTransition } from '../state-machines.js';
import { actorsOf } from './actors.js';
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
  ) {}

  /**
   * POST /api/v1/cases/:id/transitions. Locks the case, checks the state machine (409 when the action does not apply
   * in the current state, nothing changed) and who may take it (403), then applies it with its event, mails and audit.
   */
  async execute(caller: Caller, id: string, dto: TransitionDto): Promise<Record<string, unknown>> {
    await this.access.freshAbility(caller);
    await this.db.transaction(async (m) => {
      const c = await this.access.lockVisible(m, caller, id, 'transition');
      if (dto.version !== undefined && dto.version !== c.version)
        throw new Conflict(`The case changed since you read it (version ${c.version}, you sent ${dto.version})`);
      const grants = (await this.access.grantsOf(caller)).get(id) ?? new Set();

      if ((CHAIR_ACTIONS as readonly string[]).includes(dto.action)) {
        await this.chair.execute(m, caller, c, dto.action as ChairAction, dto);
        return;
      }
      const check = checkTransition(c.type, c.state, dto.action, actorsOf(caller, c, grants));
      if (!check.ok) {
        // No such action for this case type at all: bad input naming the field, not a state conflict.
        if (check.status === 'unknown-action') throw new InvalidInput('The request is invalid', [{ field: 'action', problem: check.message }]);
        if (check.status === 'not-your-move' && check.rule?.from.includes(c.state)) throw new NotAllowed(check.message);
        throw new InvalidTransition(check.message);
      }
      await this.transitions.apply(m, caller, c, dto.action, dto as unknown as Record<string, unknown>);
    });
    return this.view.read(caller, id, false);
  }
}
