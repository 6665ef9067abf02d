/**
 * The tracked cases as explicit state machines (DOMAIN.md "The tracked cases"). Pure: no Nest, no database.
 * A transition names only the states it applies in and the state it leads to; a step in any other state is refused
 * with 409 (InvalidTransition) before anything changes. WHO may take a step, and on which condition, is a rule in
 * policies/cases.yaml (action `transition:<action>`, or `report` for the report), never here. `auto` marks the
 * steps the service takes itself: a ruling's outcome (`ruling`) or the scheduler at a deadline (`deadline`).
 */

/** The types a party files through POST /api/v1/cases. */
export const FILED_CASE_TYPES = ['disclosure', 'restriction', 'complaint'] as const;
/**
 * Every case type; accession and removal are opened by the membership module (art. 70-72, 76-77), the yearly
 * report's publication by the yearly-report module (art. 51).
 */
export const CASE_TYPES = [...FILED_CASE_TYPES, 'accession', 'removal', 'yearly_report'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export interface TransitionRule {
  action: string;
  from: readonly string[];
  to: string;
  /** taken by the service itself: the Kerngroep's outcome, or the scheduler at a deadline (others may take it too) */
  /** `declaration`: taken only by its own use case with its reason (complaint admissibility, art. 83), never as a bare step */
  auto?: 'ruling' | 'deadline' | 'declaration';
  description: string;
}

export interface StateMachine {
  type: CaseType;
  initial: string;
  terminal: readonly string[];
  transitions: readonly TransitionRule[];
}

/** Art. 22 (procedure of art. 6.26 of the Raamovereenkomst), steps 1-8 of DOMAIN.md. */
export const DISCLOSURE: StateMachine = {
  type: 'disclosure',
  initial: 'awaiting_ruling',
  terminal: ['rejected', 'withdrawn', 'closed_resolved', 'closed_joint_project', 'closed_no_agreement'],
  transitions: [
    { action: 'ruling-approved', from: ['awaiting_ruling'], to: 'awaiting_consent', auto: 'ruling', description: 'the Kerngroep approves (possibly a narrower scope); every company with entries in scope is asked for consent' },
    { action: 'ruling-rejected', from: ['awaiting_ruling'], to: 'rejected', auto: 'ruling', description: 'the Kerngroep rejects the request' },
    { action: 'withdraw', from: ['awaiting_ruling', 'awaiting_consent', 'awaiting_access'], to: 'withdrawn', description: 'the requester withdraws before access opens' },
    { action: 'close-consent', from: ['awaiting_consent'], to: 'awaiting_access', auto: 'deadline', description: 'every company answered, or the consent deadline passed (silence is not consent)' },
    { action: 'open-access', from: ['awaiting_access'], to: 'access_open', description: 'the requester has signed the standard art-22 clause; the access window opens' },
    { action: 'close-access', from: ['access_open'], to: 'access_closed', auto: 'deadline', description: 'the access window ends; the requester sees nothing more' },
    { action: 'report', from: ['access_open', 'access_closed'], to: 'reported', description: 'the requester reports risks at suppliers, naming entries' },
    { action: 'confirm-brokering', from: ['reported', 'in_dialogue'], to: 'in_dialogue', description: 'the secretariat confirms one company found sourcing from a reported supplier: it is pointed to the report and joins the dialogue (the first opens it)' },
    { action: 'close-resolved', from: ['in_dialogue'], to: 'closed_resolved', description: 'the dialogue found a solution' },
    { action: 'close-joint-project', from: ['in_dialogue'], to: 'closed_joint_project', description: 'systemic risk: a joint project is started (may link several cases)' },
    { action: 'close-no-agreement', from: ['in_dialogue', 'access_closed'], to: 'closed_no_agreement', description: 'closed without agreement' },
  ],
};

/** Art. 23-24: a company asks to restrict disclosure of some of its production locations. */
export const RESTRICTION: StateMachine = {
  type: 'restriction',
  initial: 'awaiting_ruling',
  terminal: ['approved', 'rejected', 'withdrawn'],
  transitions: [
    { action: 'ruling-approved', from: ['awaiting_ruling'], to: 'approved', auto: 'ruling', description: 'approved (hidden, or shared at country or region level); applies to every later disclosure' },
    { action: 'ruling-rejected', from: ['awaiting_ruling'], to: 'rejected', auto: 'ruling', description: 'not sufficiently substantiated' },
    { action: 'withdraw', from: ['awaiting_ruling'], to: 'withdrawn', description: 'the company withdraws its request' },
  ],
};

/**
 * Art. 83-84: a complaint about lack of progress by a participating company. Before any vote the chair or the
 * secretariat declares it admissible (it is about lack of progress, art. 83) or not admissible with a reason
 * (src/cases/complaint-admissibility.ts); only an admissible complaint goes before the Kerngroep.
 */
export const COMPLAINT: StateMachine = {
  type: 'complaint',
  initial: 'awaiting_admissibility',
  terminal: ['not_admissible', 'dismissed', 'closed', 'withdrawn'],
  transitions: [
    { action: 'declare-admissible', from: ['awaiting_admissibility'], to: 'awaiting_ruling', auto: 'declaration', description: 'the complaint is about lack of progress on a commitment: the Kerngroep rules on it' },
    { action: 'declare-not-admissible', from: ['awaiting_admissibility'], to: 'not_admissible', auto: 'declaration', description: 'the complaint is about something else; the complainant is pointed to the company grievance mechanism (art. 85) or the National Contact Point (art. 86)' },
    { action: 'ruling-approved', from: ['awaiting_ruling'], to: 'improvement_period', auto: 'ruling', description: 'the complaint is upheld; the company gets an improvement period' },
    { action: 'ruling-rejected', from: ['awaiting_ruling'], to: 'dismissed', auto: 'ruling', description: 'the complaint is dismissed' },
    { action: 'withdraw', from: ['awaiting_admissibility', 'awaiting_ruling'], to: 'withdrawn', description: 'the complainant withdraws' },
    { action: 'end-improvement-period', from: ['improvement_period'], to: 'follow_up', auto: 'deadline', description: 'the improvement period ended; the secretariat follows up' },
    { action: 'close', from: ['follow_up', 'improvement_period'], to: 'closed', description: 'the secretariat closes the complaint' },
  ],
};

/**
 * A matter the Kerngroep only rules on (art. 45-49): it waits for the ruling, and the outcome is its end state.
 * Accession, removal and the yearly report differ only in what approval leads to.
 */
function ruledMatter(type: CaseType, approved: { state: string; description: string }, rejected: string): StateMachine {
  return {
    type,
    initial: 'awaiting_ruling',
    terminal: [approved.state, 'rejected'],
    transitions: [
      { action: 'ruling-approved', from: ['awaiting_ruling'], to: approved.state, auto: 'ruling', description: approved.description },
      { action: 'ruling-rejected', from: ['awaiting_ruling'], to: 'rejected', auto: 'ruling', description: rejected },
    ],
  };
}

/** Art. 70-72: a motivated request to join, ruled by the Kerngroep; on approval the organisation is registered. */
export const ACCESSION = ruledMatter(
  'accession',
  { state: 'approved', description: 'the Kerngroep approves: the organisation is registered with its signing date and its first person invited' },
  'the Kerngroep does not approve the request',
);

/** Art. 76-77: removal of a party that does not follow a Kerngroep ruling, after a recorded reminder. */
export const REMOVAL = ruledMatter(
  'removal',
  { state: 'removal_decided', description: 'the Kerngroep removes the party with a term of three months; the decision is made public with a short explanation' },
  'the Kerngroep does not remove the party',
);

/** Art. 51: the Kerngroep publishes a yearly report; the secretariat's draft, frozen, is put to the vote. */
export const YEARLY_REPORT = ruledMatter(
  'yearly_report',
  { state: 'published', description: 'the Kerngroep approves the draft as it was put to the vote: it is published, publicly' },
  'the Kerngroep does not approve it; the secretariat may generate a new draft',
);

export const MACHINES: Record<CaseType, StateMachine> = {
  disclosure: DISCLOSURE,
  restriction: RESTRICTION,
  complaint: COMPLAINT,
  accession: ACCESSION,
  removal: REMOVAL,
  yearly_report: YEARLY_REPORT,
};

export type TransitionCheck =
  | { ok: true; rule: TransitionRule }
  | { ok: false; status: 'unknown-action' | 'not-in-this-state'; message: string; rule?: TransitionRule };

/** Does `action` apply to a case of `type` in `state`? (Who may take it is the policy's answer.) */
export function checkTransition(type: CaseType, state: string, action: string): TransitionCheck {
  const machine = MACHINES[type];
  const rule = machine.transitions.find((t) => t.action === action);
  if (!rule) return { ok: false, status: 'unknown-action', message: `A ${type} case has no action "${action}"` };
  if (!rule.from.includes(state))
    return { ok: false, status: 'not-in-this-state', rule, message: `"${action}" does not apply to a ${type} case in state ${state}` };
  return { ok: true, rule };
}

/** The steps that apply in `state` and a participant may take (not the ruling's outcome), for `availableActions`. */
export function nextSteps(type: CaseType, state: string): string[] {
  return MACHINES[type].transitions.filter((t) => t.from.includes(state) && t.auto !== 'ruling' && t.auto !== 'declaration').map((t) => t.action);
}

/** The policy action (policies/cases.yaml) of a participant's step: `transition:<action>`; the report has its own. */
export const policyActionOf = (action: string): string => (action === 'report' ? 'report' : `transition:${action}`);

export const isTerminal = (type: CaseType, state: string) => MACHINES[type].terminal.includes(state);

/** Every state of a machine, in the order they are first reached. */
export function statesOf(machine: StateMachine): string[] {
  const seen = [machine.initial];
  for (const t of machine.transitions) for (const s of [...t.from, t.to]) if (!seen.includes(s)) seen.push(s);
  return seen;
}

/**
 * Mermaid state diagram, for the README: each arrow names the action, and the steps the service takes itself
 * (Kerngroep vote, deadline). Who else takes a step is in policies/cases.yaml and the README's generated table.
 */
export function mermaid(machine: StateMachine): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${machine.initial}`];
  const auto = (t: TransitionRule) => (t.auto === 'ruling' ? ' (Kerngroep vote)' : t.auto === 'deadline' ? ' (or deadline)' : t.auto === 'declaration' ? ' (with its reason)' : '');
  for (const t of machine.transitions) for (const f of t.from) lines.push(`  ${f} --> ${t.to}: ${t.action}${auto(t)}`);
  for (const s of machine.terminal) lines.push(`  ${s} --> [*]`);
  return lines.join('\n');
}

/** Every state of every case type (the case lists filter on it, issue 14). */
export const ALL_CASE_STATES: readonly string[] = [...new Set(Object.values(MACHINES).flatMap((m) => statesOf(m)))].sort();
/** `type:state` of every final state, for the case lists' open/closed filter. */
export const TERMINAL_TYPE_STATES: readonly string[] = Object.values(MACHINES).flatMap((m) => m.terminal.map((s) => `${m.type}:${s}`));
