import { describe, expect, it } from 'vitest';
import { agreementDateProblem, isCalendarDate } from './agreement-term.js';
import { chairAppointmentProblems, seatAssignmentProblems, type SeatAssignmentInput } from './seat-rules.js';
import { enrolmentProblems, modulePeriodProblems } from '../modules/module-rules.js';

const union = { id: 'u1', kind: 'union' as const, isParty: true, constituency: 'unions' as const, status: 'active' };
const fixed = { id: 'p1', organisationId: 'u1', disabled: false };
const deputy = { id: 'p2', organisationId: 'u1', disabled: false };
const base: SeatAssignmentInput = { constituency: 'unions', effectiveFrom: '2026-01-01', openVotes: 'keep', today: '2026-06-01', latestTermFrom: null, organisation: union, fixed, deputy };
const fields = (problems: Array<{ field: string }>) => problems.map((p) => p.field);
/** vitest's matcher is typed `any`; as `unknown` it goes into the expected object without an unsafe assignment. */
const containing = (text: string): unknown => expect.stringContaining(text);

describe('agreement term (art. 66-67)', () => {
  it('accepts only real dates from 16 October 2025 to 31 December 2029', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(agreementDateProblem('d', '2025-10-16')).toBeNull();
    expect(agreementDateProblem('d', '2029-12-31')).toBeNull();
    expect(agreementDateProblem('d', '2025-10-15')?.problem).toContain('art. 66');
    expect(agreementDateProblem('d', '2030-01-01')?.problem).toContain('art. 67');
    expect(agreementDateProblem('d', '1-1-2026')?.problem).toContain('YYYY-MM-DD');
  });
});

describe('seat assignment (art. 46-47, 49)', () => {
  it('a party of the constituency with two of its own people is fine', () => {
    expect(seatAssignmentProblems(base)).toEqual([]);
  });

  it('art. 47: a representative of another organisation, or the same person twice, is refused', () => {
    expect(seatAssignmentProblems({ ...base, deputy: { id: 'p3', organisationId: 'n1', disabled: false } })).toEqual([
      { field: 'deputyPersonId', problem: containing('art. 47') },
    ]);
    expect(fields(seatAssignmentProblems({ ...base, deputy: fixed }))).toEqual(['deputyPersonId']);
    expect(fields(seatAssignmentProblems({ ...base, fixed: { ...fixed, disabled: true } }))).toEqual(['fixedPersonId']);
  });

  it('art. 46: an organisation of another constituency, a non-party or a withdrawn party cannot hold the seat', () => {
    expect(seatAssignmentProblems({ ...base, constituency: 'ngos' })[0]).toEqual({ field: 'organisationId', problem: containing('art. 46') });
    expect(fields(seatAssignmentProblems({ ...base, organisation: { ...union, kind: 'supporter', isParty: false, constituency: null } }))).toContain('organisationId');
    expect(fields(seatAssignmentProblems({ ...base, organisation: { ...union, status: 'withdrawn' } }))).toEqual(['organisationId']);
    expect(fields(seatAssignmentProblems({ ...base, organisation: undefined }))).toContain('organisationId');
  });

  it('history is kept: no term before the latest one; transfer only for a term in force', () => {
    expect(fields(seatAssignmentProblems({ ...base, latestTermFrom: '2026-03-01' }))).toEqual(['effectiveFrom']);
    expect(seatAssignmentProblems({ ...base, latestTermFrom: '2026-01-01' })).toEqual([]);
    expect(seatAssignmentProblems({ ...base, openVotes: 'transfer' })).toEqual([]);
    expect(seatAssignmentProblems({ ...base, openVotes: 'transfer', effectiveFrom: '2026-07-01' })).toEqual([
      { field: 'openVotes', problem: containing('art. 49') },
    ]);
  });
});

describe('chair (art. 50, 54)', () => {
  const person = { id: 'c1', organisationId: 's1', organisationKind: 'supporter' as const, disabled: false };
  it('not from the secretariat, not a seat holder, within the term', () => {
    expect(chairAppointmentProblems({ effectiveFrom: '2026-01-01', latestTermFrom: null, person, holdsSeat: false })).toEqual([]);
    expect(chairAppointmentProblems({ effectiveFrom: '2026-01-01', latestTermFrom: null, person: { ...person, organisationKind: 'secretariat' }, holdsSeat: false })[0].problem).toContain('art. 54');
    expect(chairAppointmentProblems({ effectiveFrom: '2026-01-01', latestTermFrom: null, person, holdsSeat: true })[0].problem).toContain('art. 50');
    expect(fields(chairAppointmentProblems({ effectiveFrom: '2024-01-01', latestTermFrom: null, person, holdsSeat: false }))).toEqual(['effectiveFrom']);
  });
});

describe('modules (art. 13 footnote 4, 55, 66-67)', () => {
  it('a period within the term that does not end before it starts; the secretariat takes part in none', () => {
    expect(modulePeriodProblems('2025-10-16', '2029-12-31')).toEqual([]);
    expect(fields(modulePeriodProblems('2026-05-01', '2026-04-01'))).toEqual(['endsOn']);
    expect(fields(modulePeriodProblems('2025-01-01', null))).toEqual(['startsOn']);
    expect(enrolmentProblems({ kind: 'secretariat', status: 'active' })[0].problem).toContain('art. 55');
    expect(enrolmentProblems({ kind: 'ngo', status: 'active' })).toEqual([]);
    expect(fields(enrolmentProblems({ kind: 'ngo', status: 'removed' }))).toEqual(['organisationId']);
  });
});
