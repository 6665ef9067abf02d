import { describe, expect, it } from 'vitest';
import { availableActions, checkTransition, COMPLAINT, DISCLOSURE, isTerminal, MACHINES, mermaid, RESTRICTION, statesOf } from './state-machines.js';

describe('case state machines', () => {
  it('art. 22: the disclosure case runs request -> ruling -> consent -> access -> report -> dialogue -> closed', () => {
    const path: [string, string, 'system' | 'requester' | 'secretariat'][] = [
      ['awaiting_ruling', 'ruling-approved', 'system'],
      ['awaiting_consent', 'close-consent', 'system'],
      ['awaiting_access', 'open-access', 'requester'],
      ['access_open', 'close-access', 'system'],
      ['access_closed', 'report', 'requester'],
      ['reported', 'confirm-brokering', 'secretariat'],
      ['in_dialogue', 'close-joint-project', 'secretariat'],
    ];
    let state = DISCLOSURE.initial;
    for (const [expected, action, actor] of path) {
      expect(state).toBe(expected);
      const c = checkTransition('disclosure', state, action, [actor]);
      expect(c.ok).toBe(true);
      if (c.ok) state = c.rule.to;
    }
    expect(state).toBe('closed_joint_project');
    expect(isTerminal('disclosure', state)).toBe(true);
  });

  it('art. 22: a report may be filed while access is open', () => {
    expect(checkTransition('disclosure', 'access_open', 'report', ['requester']).ok).toBe(true);
  });

  it('an action that does not apply in the current state is refused', () => {
    expect(checkTransition('disclosure', 'awaiting_ruling', 'open-access', ['requester'])).toMatchObject({ ok: false, status: 'not-in-this-state' });
    expect(checkTransition('disclosure', 'closed_resolved', 'withdraw', ['requester'])).toMatchObject({ ok: false, status: 'not-in-this-state' });
    expect(checkTransition('restriction', 'approved', 'withdraw', ['requester'])).toMatchObject({ ok: false, status: 'not-in-this-state' });
  });

  it('an unknown action is refused', () => {
    expect(checkTransition('complaint', 'awaiting_ruling', 'open-access', ['requester'])).toMatchObject({ ok: false, status: 'unknown-action' });
  });

  it('only the named actor moves the case on: a requester cannot confirm brokering or close the dialogue', () => {
    expect(checkTransition('disclosure', 'reported', 'confirm-brokering', ['requester'])).toMatchObject({ ok: false, status: 'not-your-move' });
    expect(checkTransition('disclosure', 'in_dialogue', 'close-resolved', ['requester', 'company'])).toMatchObject({ ok: false, status: 'not-your-move' });
    // nobody but the ruling itself decides a ruling's outcome
    expect(checkTransition('restriction', 'awaiting_ruling', 'ruling-approved', ['secretariat', 'chair'])).toMatchObject({ ok: false, status: 'not-your-move' });
  });

  it('art. 83-84: an upheld complaint gives an improvement period, then follow-up, then closed', () => {
    expect(checkTransition('complaint', 'awaiting_ruling', 'ruling-approved', ['system'])).toMatchObject({ ok: true, rule: { to: 'improvement_period' } });
    expect(checkTransition('complaint', 'improvement_period', 'end-improvement-period', ['system'])).toMatchObject({ ok: true, rule: { to: 'follow_up' } });
    expect(checkTransition('complaint', 'follow_up', 'close', ['secretariat'])).toMatchObject({ ok: true, rule: { to: 'closed' } });
  });

  it('art. 83: a complaint is declared admissible before the Kerngroep rules; the complainant withdraws before or after', () => {
    expect(checkTransition('complaint', 'awaiting_admissibility', 'declare-admissible', ['secretariat'])).toMatchObject({ ok: true, rule: { to: 'awaiting_ruling' } });
    expect(checkTransition('complaint', 'awaiting_admissibility', 'declare-not-admissible', ['chair'])).toMatchObject({ ok: true, rule: { to: 'not_admissible' } });
    expect(checkTransition('complaint', 'awaiting_admissibility', 'ruling-approved', ['system'])).toMatchObject({ ok: false, status: 'not-in-this-state' });
    for (const state of ['awaiting_admissibility', 'awaiting_ruling']) expect(checkTransition('complaint', state, 'withdraw', ['requester']).ok).toBe(true);
  });

  it('each action appears once per machine (the first rule with a name is the only one checked)', () => {
    for (const m of Object.values(MACHINES)) {
      const actions = m.transitions.map((t) => t.action);
      expect(new Set(actions).size, m.type).toBe(actions.length);
    }
  });

  it('lists the actions a participant can take now, never the system-only ones', () => {
    expect(availableActions('disclosure', 'awaiting_ruling', ['requester'])).toEqual(['withdraw']);
    expect(availableActions('disclosure', 'awaiting_consent', ['secretariat'])).toEqual(['close-consent']);
    expect(availableActions('disclosure', 'in_dialogue', ['secretariat'])).toEqual(['close-resolved', 'close-joint-project', 'close-no-agreement']);
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

  it('renders a Mermaid diagram naming who moves the case on', () => {
    expect(mermaid(RESTRICTION)).toContain('awaiting_ruling --> approved: ruling-approved (Kerngroep vote)');
    expect(mermaid(DISCLOSURE)).toContain('access_open --> access_closed: close-access (deadline / secretariat)');
    expect(mermaid(COMPLAINT)).toContain('[*] --> awaiting_admissibility');
  });
});
