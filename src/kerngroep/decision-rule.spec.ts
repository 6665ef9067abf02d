import { describe, expect, it } from 'vitest';
import { decideAssembly, decideKerngroep, type Seat, type VoteChoice } from './decision-rule.js';

const votes = (v: Partial<Record<Seat, VoteChoice>>) => new Map(Object.entries(v) as [Seat, VoteChoice][]);

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
    expect(() => decideKerngroep(new Map([['chair' as Seat, 'for']]))).toThrow(/unknown seat/);
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

});
