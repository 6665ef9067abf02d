import { describe, expect, it } from 'vitest';
import { checkTransition, COMPLAINT, DISCLOSURE, isTerminal, MACHINES, mermaid, nextSteps, policyActionOf, RESTRICTION, statesOf } from './state-machines.js';

describe('case state machines', () => {
  it('art. 22: the disclosure case runs request -> ruling -> consent -> access -> report -> dialogue -> closed', () => {
    const path: [string, string][] = [
      ['awaiting_ruling', 'ruling-approved'],
      ['awaiting_consent', 'close-consent'],
      ['awaiting_access', 'open-access'],
      ['access_open', 'close-access'],
      ['access_closed', 'report'],
      ['reported', 'confirm-brokering'],
      ['in_dialogue', 'confirm-brokering'],
      ['in_dialogue', 'close-joint-project'],
    ];
    let state = DISCLOSURE.initial;
    for (const [expected, action] of path) {
      expect(state).toBe(expected);
      const c = checkTransition('disclosure', state, action);
      expect(c.ok).toBe(true);
      if (c.ok) state = c.rule.to;
    }
    expect(state).toBe('closed_joint_project');
    expect(isTerminal('disclosure', state)).toBe(true);
  });

  it('art. 22: a report may be filed while access is open', () => {
    expect(checkTransition('disclosure', 'access_open', 'report').ok).toBe(true);
  });

  it('an action that does not apply in the current state is refused', () => {
    expect(checkTransition('disclosure', 'awaiting_ruling', 'open-access')).toMatchObject({ ok: false, status: 'not-in-this-state' });
    expect(checkTransition('disclosure', 'closed_resolved', 'withdraw')).toMatchObject({ ok: false, status: 'not-in-this-state' });
    expect(checkTransition('restriction', 'approved', 'withdraw')).toMatchObject({ ok: false, status: 'not-in-this-state' });
  });

  it('an unknown action is refused', () => {
    expect(checkTransition('complaint', 'awaiting_ruling', 'open-access')).toMatchObject({ ok: false, status: 'unknown-action' });
  });

  it('the machine says only from -> to: who takes a step is a policy action, and a ruling\'s outcome is nobody\'s step', () => {
    expect(policyActionOf('confirm-brokering')).toBe('transition:confirm-brokering');
    expect(policyActionOf('report')).toBe('report');
    expect(MACHINES.restriction.transitions.filter((t) => t.auto === 'ruling').map((t) => t.action)).toEqual(['ruling-approved', 'ruling-rejected']);
    for (const m of Object.values(MACHINES)) for (const t of m.transitions) expect(Object.keys(t).sort()).toEqual(t.auto ? ['action', 'auto', 'description', 'from', 'to'] : ['action', 'description', 'from', 'to']);
  });

  it('art. 83-84: an upheld complaint gives an improvement period, then follow-up, then closed', () => {
    expect(checkTransition('complaint', 'awaiting_ruling', 'ruling-approved')).toMatchObject({ ok: true, rule: { to: 'improvement_period' } });
    expect(checkTransition('complaint', 'improvement_period', 'end-improvement-period')).toMatchObject({ ok: true, rule: { to: 'follow_up' } });
    expect(checkTransition('complaint', 'follow_up', 'close')).toMatchObject({ ok: true, rule: { to: 'closed' } });
  });

  it('art. 83: a complaint is declared admissible before the Kerngroep rules; the complainant withdraws before or after', () => {
    expect(checkTransition('complaint', 'awaiting_admissibility', 'declare-admissible')).toMatchObject({ ok: true, rule: { to: 'awaiting_ruling' } });
    expect(checkTransition('complaint', 'awaiting_admissibility', 'declare-not-admissible')).toMatchObject({ ok: true, rule: { to: 'not_admissible' } });
    expect(checkTransition('complaint', 'awaiting_admissibility', 'ruling-approved')).toMatchObject({ ok: false, status: 'not-in-this-state' });
    for (const state of ['awaiting_admissibility', 'awaiting_ruling']) expect(checkTransition('complaint', state, 'withdraw').ok).toBe(true);
    // the declaration carries its reason, so it is never offered as a bare step
    expect(nextSteps('complaint', 'awaiting_admissibility')).toEqual(['withdraw']);
  });

  it('each action appears once per machine (the first rule with a name is the only one checked)', () => {
    for (const m of Object.values(MACHINES)) {
      const actions = m.transitions.map((t) => t.action);
      expect(new Set(actions).size, m.type).toBe(actions.length);
    }
  });

  it('lists the steps that apply now, never a ruling\'s outcome (the caller\'s ability then filters them)', () => {
    expect(nextSteps('disclosure', 'awaiting_ruling')).toEqual(['withdraw']);
    expect(nextSteps('disclosure', 'awaiting_consent')).toEqual(['withdraw', 'close-consent']);
    expect(nextSteps('disclosure', 'in_dialogue')).toEqual(['confirm-brokering', 'close-resolved', 'close-joint-project', 'close-no-agreement']);
  });

  it('every state is reachable and every non-terminal state has a way out', () => {
    for (const m of Object.values(MACHINES)) {
      const states = statesOf(m);
      for (const s of states) {
        if (m.terminal.includes(s)) expect(m.transitions.some((t) => t.from.includes(s))).toBe(false);
        else expect(m.transitions.some((t) => t.from.includes(s))).toBe(true);
      }
      for (const s of m.terminal) expect(states).toContain(s);
    }
  });

  it('renders a Mermaid diagram naming the steps the service takes itself (who else: policies/cases.yaml)', () => {
    expect(mermaid(RESTRICTION)).toContain('awaiting_ruling --> approved: ruling-approved (Kerngroep vote)');
    expect(mermaid(DISCLOSURE)).toContain('access_open --> access_closed: close-access (or deadline)');
    expect(mermaid(DISCLOSURE)).toContain('awaiting_access --> access_open: open-access\n');
    expect(mermaid(COMPLAINT)).toContain('[*] --> awaiting_admissibility');
  });
});
