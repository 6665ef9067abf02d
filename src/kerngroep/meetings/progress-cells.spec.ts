import { describe, expect, it } from 'vitest';
import { agendaMatters } from './agenda.js';
import { outsidePeriod } from './agreement-period.js';
import { type CountRow, reportGroups } from './progress-cells.js';

const row = (group: string, part: string, ...contributors: number[]): CountRow => ({ group, part, contributors });

describe('progress report cells (art. 52, with the aggregated list rules of art. 19-20)', () => {
  it('a group resting on fewer than k organisations is suppressed with all its parts', () => {
    const [g] = reportGroups([row('complaint', 'decided', 1), row('complaint', 'decided', 2)], ['complaint'], ['decided', 'open'], 3);
    expect(g).toEqual({ group: 'complaint', total: null, suppressed: true, parts: [{ part: 'decided', count: null, suppressed: true }, { part: 'open', count: null, suppressed: true }] });
  });

  it('a part below k is suppressed, and the smallest shown part too when the hidden rest would be below k', () => {
    const rows = [row('c', 'a', 1), row('c', 'a', 2), row('c', 'a', 3), row('c', 'a', 4), row('c', 'b', 5), row('c', 'b', 6), row('c', 'b', 7), row('c', 'x', 8)];
    const [g] = reportGroups(rows, ['c'], ['a', 'b', 'x', 'empty'], 3);
    expect(g.total).toBe(8);
    // x alone (1 organisation) could be computed as 8 - 4 - 3: b (the smaller) is hidden with it
    expect(g.parts).toEqual([
      { part: 'a', count: 4, suppressed: false },
      { part: 'b', count: null, suppressed: true },
      { part: 'x', count: null, suppressed: true },
      { part: 'empty', count: 0, suppressed: false },
    ]);
  });

  it('a count below k is hidden even when more organisations stand behind it', () => {
    const [g] = reportGroups([row('c', 'a', 1, 2), row('c', 'a', 3, 4), row('c', 'b', 5), row('c', 'b', 6), row('c', 'b', 7)], ['c'], ['a', 'b'], 3);
    expect(g.parts.find((p) => p.part === 'a')).toEqual({ part: 'a', count: null, suppressed: true });
  });

  it('an empty group shows zeros', () => {
    expect(reportGroups([], ['g'], ['p'], 3)).toEqual([{ group: 'g', total: 0, suppressed: false, parts: [{ part: 'p', count: 0, suppressed: false }] }]);
  });
});

describe('agenda (art. 48)', () => {
  const at = (s: string) => new Date(s);
  const ruling = (caseId: string, openedAt: string, decidedAt: string | null) => ({
    caseId, caseType: 'complaint', stage: decidedAt ? ('decided' as const) : ('kerngroep' as const), outcome: decidedAt ? ('approved' as const) : null,
    openedAt: at(openedAt), decidedAt: decidedAt ? at(decidedAt) : null,
  });
  const rulings = [
    ruling('a', '2026-01-05', null), // pending since before Q1: on Q1 and Q2
    ruling('b', '2026-01-10', '2026-02-01'), // decided before Q1: on Q1, marked decided; not on Q2
    ruling('c', '2026-04-01', null), // opened after Q1: only from Q2 on
  ];
  it('a matter goes on the first meeting after it opened and stays until decided; decided before the meeting it is marked so', () => {
    const q1 = agendaMatters(rulings, at('2026-03-01'), null);
    expect(q1.map((m) => [m.caseId, m.status, m.decidedBeforeMeeting])).toEqual([['a', 'pending', false], ['b', 'decided', true]]);
    const q2 = agendaMatters(rulings, at('2026-06-01'), at('2026-03-01'));
    expect(q2.map((m) => m.caseId)).toEqual(['a', 'c']);
  });
});

describe('the agreement period (art. 66-67)', () => {
  it('refuses a date before 16 October 2025 or after 31 December 2029', () => {
    expect(outsidePeriod(new Date('2025-10-15T12:00:00Z'))).toMatch(/before.*2025-10-16/);
    expect(outsidePeriod(new Date('2025-10-16T08:00:00Z'))).toBeNull();
    expect(outsidePeriod(new Date('2029-12-31T20:00:00Z'))).toBeNull();
    expect(outsidePeriod(new Date('2029-12-31T23:30:00Z'))).toMatch(/after.*2029-12-31/); // 1 January in Amsterdam
  });
});
