import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RulingDecision } from '../kerngroep/rulings.service.js';
import type { CaseRow } from './cases.repository.js';
import type { CaseType } from './state-machines.js';

/** What another module does when a case of its type moves on (e.g. the membership module at an approved removal). */
export interface CaseTypeHook {
  /**
   * Runs inside the transition's transaction, after the state machine allowed `action` and before the new state is
   * written; throwing rolls the whole transition back. `details` goes into the timeline event and the audit entry.
   */
  onTransition(
    m: EntityManager,
    c: CaseRow,
    action: string,
    params: Record<string, unknown>,
    decision: RulingDecision | undefined,
    details: Record<string, unknown>,
  ): Promise<void>;
}

/**
 * The case types other modules own (accession and removal, art. 70-72 and 76-77): they reuse the cases' Kerngroep ruling — decision rule,
 * recusal, escalation — and act on its outcome through this registry, without a second ruling path.
 */
@Injectable()
export class CaseTypeHooks {
  private readonly hooks = new Map<CaseType, CaseTypeHook[]>();

  register(type: CaseType, hook: CaseTypeHook): void {
    const list = this.hooks.get(type) ?? [];
    list.push(hook);
    this.hooks.set(type, list);
  }

  async onTransition(m: EntityManager, c: CaseRow, action: string, params: Record<string, unknown>, decision: RulingDecision | undefined, details: Record<string, unknown>): Promise<void> {
    for (const hook of this.hooks.get(c.type) ?? []) await hook.onTransition(m, c, action, params, decision, details);
  }
}
