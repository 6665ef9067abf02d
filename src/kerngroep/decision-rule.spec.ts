import { describe, expect, it } from 'vitest';
import {
  assemblyEligibility,
  decideAssembly,
  decideKerngroep,
  kerngroepEligibility,
  type Seat,
  type SeatState,
  type VoteChoice,
  type Voter,
} from './decision-rule.js';

const seat = (s: Seat, extra: Partial<SeatState> = {}): SeatState => ({
  seat: s,
  fixedPersonId: `${s}-fixed`,
  fixedOrganisationId: `${s}-org-fixed`,
  deputyPersonId: `${s}-deputy`,
  deputyOrganisationId: `${s}-org-deputy`,
  isFixedAbsent: false,
  substituteOrganisationId: null,
  ...extra,
});
const SEAT_STATES = (['unions', 'ngos', 'branch_orgs', 'companies'] as Seat[]).map((s) => seat(s));
const voter = (personId: string, organisationId: string, extra: Partial<Voter> = {}): Voter => ({
  personId,
  organisationId,
  organisationKind: 'ngo',
  isParty: true,
  isKerngroepChair: false,
  ...extra,
});
const none = new Set<string>();
const votes = (v: Partial<Record<Seat, VoteChoice>>) => new Map(Object.entries(v) as [Seat, VoteChoice][]);

describe('Kerngroep eligibility (art. 46-47, 50, 84)', () => {
  it('art. 47: the fixed representative votes for the seat', () => {
    expect(kerngroepEligibility(voter('ngos-fixed', 'ngos-org-fixed'), SEAT_STATES, none)).toEqual({
      allowed: true,
      seat: 'ngos',
      capacity: 'fixed',
    });
  });
  it('art. 47: the deputy does not vote while the fixed representative is present', () => {
    const e = kerngroepEligibility(voter('ngos-deputy', 'ngos-org-deputy'), SEAT_STATES, none);
    expect(e).toMatchObject({ allowed: false, code: 'fixed-present' });
  });
  it('art. 47: the deputy votes when the fixed representative is absent', () => {
    const seats = SEAT_STATES.map((s) => (s.seat === 'ngos' ? { ...s, isFixedAbsent: true } : s));
    expect(kerngroepEligibility(voter('ngos-deputy', 'ngos-org-deputy'), seats, none)).toEqual({
      allowed: true,
      seat: 'ngos',
      capacity: 'deputy',
    });
  });
  it('art. 50: the chair never votes, even if they also held a seat', () => {
    const e = kerngroepEligibility(voter('ngos-fixed', 'ngos-org-fixed', { isKerngroepChair: true }), SEAT_STATES, none);
    expect(e).toMatchObject({ allowed: false, code: 'chair' });
  });
  it('art. 40: a supporter never votes', () => {
    const e = kerngroepEligibility(voter('x', 'sup', { organisationKind: 'supporter', isParty: false }), SEAT_STATES, none);
    expect(e).toMatchObject({ allowed: false, code: 'supporter' });
  });
  it('a party without a seat does not vote in the Kerngroep', () => {
    expect(kerngroepEligibility(voter('someone', 'other-ngo'), SEAT_STATES, none)).toMatchObject({ allowed: false, code: 'not-a-seat-holder' });
  });
  it('art. 84: the recused member cannot vote, and the seat waits for the substitute', () => {
    const concerned = new Set(['companies-org-fixed']);
    expect(kerngroepEligibility(voter('companies-fixed', 'companies-org-fixed'), SEAT_STATES, concerned)).toMatchObject({
      allowed: false,
      code: 'recused',
    });
    // the deputy of a recused seat does not stand in: art. 84 replaces the member by another party
    expect(kerngroepEligibility(voter('companies-deputy', 'companies-org-deputy'), SEAT_STATES, concerned)).toMatchObject({
      allowed: false,
      code: 'awaiting-substitute',
    });
  });
  it('art. 84: the substitute party appointed by the chair votes for the recused seat', () => {
    const concerned = new Set(['companies-org-fixed']);
    const seats = SEAT_STATES.map((s) => (s.seat === 'companies' ? { ...s, substituteOrganisationId: 'sub-company' } : s));
    expect(kerngroepEligibility(voter('p', 'sub-company', { organisationKind: 'company' }), seats, concerned)).toEqual({
      allowed: true,
      seat: 'companies',
      capacity: 'substitute',
    });
  });
  it('art. 84: an absent fixed member with a concerned deputy needs a substitute as well', () => {
    const concerned = new Set(['companies-org-deputy']);
    const seats = SEAT_STATES.map((s) => (s.seat === 'companies' ? { ...s, isFixedAbsent: true } : s));
    expect(kerngroepEligibility(voter('companies-deputy', 'companies-org-deputy'), seats, concerned)).toMatchObject({ allowed: false, code: 'recused' });
  });
});

describe('Kerngroep decision (art. 49)', () => {
  it('art. 49: all four seats for is consensus: approved', () => {
    expect(decideKerngroep(votes({ unions: 'for', ngos: 'for', branch_orgs: 'for', companies: 'for' }))).toMatchObject({
      status: 'decided',
      outcome: 'approved',
      basis: 'consensus',
    });
  });
  it('art. 49: all four seats against is consensus: rejected', () => {
    expect(decideKerngroep(votes({ unions: 'against', ngos: 'against', branch_orgs: 'against', companies: 'against' }))).toMatchObject({
      status: 'decided',
      outcome: 'rejected',
      basis: 'consensus',
    });
  });
  it('art. 49: 3-1 is a majority', () => {
    expect(decideKerngroep(votes({ unions: 'for', ngos: 'for', branch_orgs: 'against', companies: 'for' }))).toMatchObject({
      status: 'decided',
      outcome: 'approved',
      basis: 'majority',
      tally: { for: 3, against: 1, abstain: 0 },
    });
    expect(decideKerngroep(votes({ unions: 'against', ngos: 'for', branch_orgs: 'against', companies: 'against' }))).toMatchObject({
      outcome: 'rejected',
      basis: 'majority',
    });
  });
  it('art. 49: 2-1 with an abstention is a majority of votes cast (abstentions are not votes cast)', () => {
    expect(decideKerngroep(votes({ unions: 'for', ngos: 'abstain', branch_orgs: 'against', companies: 'for' }))).toMatchObject({
      status: 'decided',
      outcome: 'approved',
      basis: 'majority',
      tally: { for: 2, against: 1, abstain: 1 },
    });
  });
  it('art. 49: three for and one abstention is no consensus but a majority', () => {
    expect(decideKerngroep(votes({ unions: 'for', ngos: 'for', branch_orgs: 'abstain', companies: 'for' }))).toMatchObject({
      outcome: 'approved',
      basis: 'majority',
    });
  });
  it('art. 49: 2-2 is no majority: escalation to the Sectormodule Vergadering', () => {
    expect(decideKerngroep(votes({ unions: 'for', ngos: 'for', branch_orgs: 'against', companies: 'against' }))).toMatchObject({
      status: 'escalated',
      reason: 'no majority (2-2)',
    });
  });
  it('art. 49: 1-1 with two abstentions, and four abstentions, escalate', () => {
    expect(decideKerngroep(votes({ unions: 'for', ngos: 'abstain', branch_orgs: 'against', companies: 'abstain' })).status).toBe('escalated');
    expect(decideKerngroep(votes({ unions: 'abstain', ngos: 'abstain', branch_orgs: 'abstain', companies: 'abstain' }))).toMatchObject({
      status: 'escalated',
      reason: 'no votes were cast',
    });
  });
  it('stays pending until every seat voted, naming the missing seats', () => {
    expect(decideKerngroep(votes({ unions: 'for', ngos: 'for', branch_orgs: 'for' }))).toEqual({
      status: 'pending',
      tally: { for: 3, against: 0, abstain: 0 },
      missingSeats: ['companies'],
    });
  });
  it('when the chair closes early, seats that did not vote are not votes cast and consensus is impossible', () => {
    expect(decideKerngroep(votes({ unions: 'for', ngos: 'for', branch_orgs: 'for' }), true)).toMatchObject({
      status: 'decided',
      outcome: 'approved',
      basis: 'majority',
    });
    expect(decideKerngroep(votes({}), true)).toMatchObject({ status: 'escalated' });
  });
  it('refuses an unknown seat', () => {
    expect(() => decideKerngroep(new Map([['chair' as Seat, 'for' as VoteChoice]]))).toThrow(/unknown seat/);
  });
});

describe('Sectormodule Vergadering (art. 49)', () => {
  it('art. 49: majority of the parties decides', () => {
    expect(decideAssembly(['for', 'for', 'against', 'abstain'], 4)).toMatchObject({ status: 'decided', outcome: 'approved', basis: 'assembly' });
    expect(decideAssembly(['for', 'against', 'against'], 3)).toMatchObject({ outcome: 'rejected' });
  });
  it('art. 49: a tie is no majority for the proposal: rejected', () => {
    expect(decideAssembly(['for', 'against'], 2)).toMatchObject({ status: 'decided', outcome: 'rejected' });
  });
  it('waits for every eligible party unless the chair closes', () => {
    expect(decideAssembly(['for'], 3)).toEqual({ status: 'pending', tally: { for: 1, against: 0, abstain: 0 }, outstanding: 2 });
    expect(decideAssembly(['for'], 3, true)).toMatchObject({ status: 'decided', outcome: 'approved' });
  });
  it('every party votes once; chair, supporters and a concerned organisation do not', () => {
    expect(assemblyEligibility(voter('p', 'o'), none)).toEqual({ allowed: true });
    expect(assemblyEligibility(voter('p', 'o', { isKerngroepChair: true }), none)).toMatchObject({ allowed: false, code: 'chair' });
    expect(assemblyEligibility(voter('p', 'o', { organisationKind: 'supporter', isParty: false }), none)).toMatchObject({ code: 'supporter' });
    expect(assemblyEligibility(voter('p', 'o'), new Set(['o']))).toMatchObject({ code: 'recused' });
    expect(assemblyEligibility(voter('p', 'lp', { organisationKind: 'local_partner', isParty: false }), none)).toMatchObject({ code: 'supporter' });
  });
});

describe('a seat whose holder left the agreement (art. 47, 73-77, 84)', () => {
  it('the deputy stands in when the fixed place is empty because its organisation left', () => {
    const seats = SEAT_STATES.map((s) => (s.seat === 'companies' ? { ...s, fixedPersonId: null, fixedOrganisationId: null } : s));
    expect(kerngroepEligibility(voter('companies-deputy', 'companies-org-deputy'), seats, none)).toEqual({ allowed: true, seat: 'companies', capacity: 'deputy' });
  });
  it('a vacant seat (no holder left) is voted by the substitute party of its constituency, and by nobody else', () => {
    const vacant = { fixedPersonId: null, fixedOrganisationId: null, deputyPersonId: null, deputyOrganisationId: null };
    const seats = SEAT_STATES.map((s) => (s.seat === 'branch_orgs' ? { ...s, ...vacant, substituteOrganisationId: 'other-branch-org' } : s));
    expect(kerngroepEligibility(voter('p', 'other-branch-org', { organisationKind: 'branch_org' }), seats, none)).toEqual({ allowed: true, seat: 'branch_orgs', capacity: 'substitute' });
    const noSubstitute = SEAT_STATES.map((s) => (s.seat === 'branch_orgs' ? { ...s, ...vacant } : s));
    expect(kerngroepEligibility(voter('p', 'other-branch-org', { organisationKind: 'branch_org' }), noSubstitute, none)).toMatchObject({ allowed: false, code: 'not-a-seat-holder' });
  });
});
