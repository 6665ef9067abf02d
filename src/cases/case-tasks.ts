import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '../common/caller.js';
import { RulingTasks } from '../kerngroep/ruling-tasks.js';
import type { CallerAbility } from '../policies/ability.js';
import { PoliciesService } from '../policies/policies.service.js';
import { CaseTasksRepository, type OpenCaseRow } from './case-tasks.repository.js';
import { CaseView } from './case-view.js';
import { MACHINES, nextSteps } from './state-machines.js';

export type CaseTodoKind = 'consent' | 'vote' | 'appoint-substitute' | 'open-access' | 'sign-nda' | 'report' | 'confirm-brokering' | 'review-match' | 'close-consent' | 'reply';

/** One thing a person is asked to do in a case, with the request that does it. */
export interface CaseTodo {
  kind: CaseTodoKind;
  caseId: string;
  caseType: string;
  state: string;
  dueAt: string | null;
  deadlineKind: string | null;
  /** for `sign-nda`: the agreement to sign before the next step */
  ndaKind?: string;
  /** the route that does it (and, for a transition, its `action`; for a vote or substitute, the seat; for
   * `confirm-brokering`, the one company it confirms) */
  perform: { method: 'POST'; path: string; action?: string; seat?: string | null; capacity?: string; companyId?: string };
}

/** The transitions that are somebody's next step in a case (the rest — withdraw, close early — are options, not to-dos). */
const TODO_TRANSITIONS: Partial<Record<string, CaseTodoKind>> = {
  'open-access': 'open-access',
  report: 'report',
  'confirm-brokering': 'confirm-brokering',
  'close-consent': 'close-consent',
};

const FINAL_STATES = Object.values(MACHINES).flatMap((m) => m.terminal.map((s) => `${m.type}:${s}`));

/**
 * The cases part of the to-do list (issue 14, item 1). Every task comes from the decisions the routes make: the
 * caller's ability (policies/cases.yaml: `consent`, `vote`, `report`, `message`, `transition` on the case), the case's
 * `availableActions` (the state machine plus the chair's actions, `CaseView.actionsWith`) and the Kerngroep's
 * eligibility (`RulingTasks`, the decision rule). No second set of checks: what this offers, the API accepts.
 * A fixed number of SQL statements for any number of cases.
 */
@Injectable()
export class CaseTasks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CaseTasksRepository,
    private readonly rulings: RulingTasks,
    private readonly policies: PoliciesService,
  ) {}

  async forCaller(caller: Caller): Promise<CaseTodo[]> {
    const ability = await this.policies.abilityFor(caller);
    const where = ability.toSql('read', 'Case', { id: 'c.id' }, 1);
    const rows = await this.repo.openCases(this.db.manager, where, FINAL_STATES, caller.organisation.id);
    const rulings = await this.rulings.forCases(this.db.manager, caller, rows.map((r) => r.id));
    const todos: CaseTodo[] = [];
    const mayStillSign = () =>
      !ability.facts.ndas.some((n) => n.kind === 'disclosure') && ability.can('sign', 'NdaSignature', { kind: 'disclosure', organisationId: caller.organisation.id });
    let signed: CallerAbility | undefined;
    for (const c of rows) {
      const record = { id: c.id };
      const may = (action: string) => ability.can(action, 'Case', record);
      const ruling = rulings.get(c.id);
      const actions = CaseView.actionsWith(ability, c, ruling ? { stage: ruling.stage } : null);
      const base = { caseId: c.id, caseType: c.type, state: c.state, ...deadline(c) };
      const path = (tail: string) => `/api/v1/cases/${c.id}/${tail}`;

      // art. 19, 22: a company with entries in scope that has not answered yet
      if (c.state === 'awaiting_consent' && c.my_consent === 'pending' && may('consent')) {
        todos.push({ kind: 'consent', ...base, perform: { method: 'POST', path: path('consents') } });
      }
      // art. 46-49, 84: a seat holder, deputy standing in, appointed substitute, or a party in the assembly
      if (ruling?.vote && may('vote')) {
        todos.push({ kind: 'vote', ...base, perform: { method: 'POST', path: path('votes'), seat: ruling.vote.seat, capacity: ruling.vote.capacity } });
      }
      // art. 50, 84: the chair appoints a substitute for each recused seat
      if (ruling && actions.includes('appoint-substitute') && may('transition')) {
        for (const seat of ruling.seatsAwaitingSubstitute) {
          todos.push({ kind: 'appoint-substitute', ...base, perform: { method: 'POST', path: path('transitions'), action: 'appoint-substitute', seat } });
        }
      }
      for (const action of actions) {
        const kind = TODO_TRANSITIONS[action];
        if (!kind) continue;
        // a report is the requester's step once, while access is open; the route takes further reports as well
        if (action === 'report' && (c.state !== 'access_open' || c.reports > 0)) continue;
        if (!may(action === 'report' ? 'report' : 'transition')) continue;
        if (action === 'confirm-brokering') {
          // Art. 22: one company at a time (`companyId` per call), each found company the secretariat has not confirmed
          for (const companyId of c.unconfirmed_brokered) {
            todos.push({ kind, ...base, perform: { method: 'POST', path: path('transitions'), action, companyId } });
          }
          // Issue 16: each uncertain supplier match, decided when brokering applies (secretariat-reviews-supplier-matches)
          if (may('decide-match')) {
            for (const candidateId of c.to_review) {
              todos.push({ kind: 'review-match', ...base, perform: { method: 'POST', path: path(`match-candidates/${candidateId}/decision`) } });
            }
          }
          continue;
        }
        todos.push({ kind, ...base, perform: action === 'report' ? { method: 'POST', path: path('reports') } : { method: 'POST', path: path('transitions'), action } });
      }
      // Art. 22: access opens for the organisation that will see the data once it signed the standard clause
      // (beneficiary-opens-access: `nda: disclosure, fact: case-beneficiary`). Until then its step is signing, where
      // the NDA policy lets it sign: offered when the same rules, with the clause signed, would offer open-access.
      if (!actions.includes('open-access') && nextSteps(c.type, c.state).includes('open-access') && mayStillSign()) {
        signed ??= await this.policies.abilityWith(caller, { ndas: [{ kind: 'disclosure', signatureId: 'to-sign' }] });
        if (CaseView.actionsWith(signed, c, ruling ? { stage: ruling.stage } : null).includes('open-access')) {
          todos.push({ kind: 'sign-nda', ...base, ndaKind: 'disclosure', perform: { method: 'POST', path: '/api/v1/ndas/signatures' } });
        }
      }
      // art. 22: the dialogue waits for this organisation when another one wrote last
      if (c.state === 'in_dialogue' && !c.closed_at && c.last_message_organisation_id && c.last_message_organisation_id !== caller.organisation.id && may('message')) {
        todos.push({ kind: 'reply', ...base, perform: { method: 'POST', path: path('messages') } });
      }
    }
    return todos;
  }
}

function deadline(c: OpenCaseRow): { dueAt: string | null; deadlineKind: string | null } {
  if (!c.next_deadline) return { dueAt: null, deadlineKind: null };
  return { dueAt: new Date(c.next_deadline.due_at).toISOString(), deadlineKind: c.next_deadline.kind };
}
