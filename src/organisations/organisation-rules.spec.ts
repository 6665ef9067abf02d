import { describe, expect, it } from 'vitest';
import { decideOrganisationShape, filesDisclosureItself, isCompany, isLocalPartnerOf, isParticipatingCompany } from './organisation-rules.js';

const ngo = { kind: 'ngo' as const, isParty: true, constituency: 'ngos' as const, status: 'active' };
const union = { kind: 'union' as const, isParty: true, constituency: 'unions' as const, status: 'active' };
const company = { kind: 'company' as const, isParty: true, constituency: 'companies' as const, status: 'active' };

describe('organisation kind, party and affiliation rules (art. 22, 40, 45, 60)', () => {
  it('a company is a party of the companies constituency (art. 40, 45)', () => {
    expect(decideOrganisationShape({ kind: 'company' }, null)).toEqual({
      shape: { isParty: true, constituency: 'companies', affiliatedTo: null },
    });
  });

  it('a company cannot be a supporter (art. 40)', () => {
    const r = decideOrganisationShape({ kind: 'company', party: false }, null);
    expect(r).toEqual({ problems: [{ field: 'party', problem: 'a company is always a party, it cannot be a supporter (art. 40)' }] });
  });

  it('a supporter is never a party and has no constituency (art. 60, 45)', () => {
    expect(decideOrganisationShape({ kind: 'supporter' }, null)).toEqual({ shape: { isParty: false, constituency: null, affiliatedTo: null } });
    const r = decideOrganisationShape({ kind: 'supporter', party: true, constituency: 'ngos' }, null);
    expect('problems' in r && r.problems.map((p) => p.field)).toEqual(['party', 'constituency']);
  });

  it('a local partner must be affiliated to an NGO or union party and takes its constituency (art. 22)', () => {
    expect(decideOrganisationShape({ kind: 'local_partner', affiliatedTo: 'u1' }, union)).toEqual({
      shape: { isParty: false, constituency: 'unions', affiliatedTo: 'u1' },
    });
    expect(decideOrganisationShape({ kind: 'local_partner', affiliatedTo: 'n1' }, ngo)).toMatchObject({ shape: { constituency: 'ngos' } });
    for (const [input, target] of [
      [{ kind: 'local_partner' as const }, null],
      [{ kind: 'local_partner' as const, affiliatedTo: 'c1' }, company],
      [{ kind: 'local_partner' as const, affiliatedTo: 'x' }, undefined],
      [{ kind: 'local_partner' as const, affiliatedTo: 'n1' }, { ...ngo, status: 'withdrawn' }],
    ] as const) {
      const r = decideOrganisationShape(input, target);
      expect('problems' in r && r.problems[0].field).toBe('affiliatedTo');
    }
  });

  it('only a local partner is affiliated; the secretariat cannot be registered again', () => {
    const r = decideOrganisationShape({ kind: 'ngo', affiliatedTo: 'u1' }, union);
    expect('problems' in r && r.problems[0].field).toBe('affiliatedTo');
    const s = decideOrganisationShape({ kind: 'secretariat' }, null);
    expect('problems' in s && s.problems[0].field).toBe('kind');
  });
});

describe('named rules about an organisation a request names (art. 17, 22, 83, 85)', () => {
  const org = (kind: string, extra: Partial<{ isParty: boolean; status: string; affiliatedTo: string | null }> = {}) => ({ kind, isParty: true, status: 'active', affiliatedTo: null, ...extra });
  it('art. 17, 85: only a company has a list and a grievance mechanism', () => {
    expect(isCompany(org('company'))).toBe(true);
    for (const kind of ['ngo', 'union', 'branch_org', 'supporter', 'local_partner', 'secretariat']) expect(isCompany(org(kind)), kind).toBe(false);
  });
  it('art. 83: a complaint concerns an active company party only', () => {
    expect(isParticipatingCompany(org('company'))).toBe(true);
    expect(isParticipatingCompany(org('company', { status: 'withdrawing' }))).toBe(false);
    expect(isParticipatingCompany(org('company', { status: 'withdrawn' }))).toBe(false);
    expect(isParticipatingCompany(org('company', { isParty: false }))).toBe(false);
    expect(isParticipatingCompany(org('ngo'))).toBe(false);
  });
  it('art. 22: a local partner files itself; a party files for a local partner affiliated to it', () => {
    expect(filesDisclosureItself(org('local_partner', { isParty: false }))).toBe(true);
    expect(filesDisclosureItself(org('ngo'))).toBe(false);
    expect(isLocalPartnerOf(org('local_partner', { affiliatedTo: 'p1' }), 'p1')).toBe(true);
    expect(isLocalPartnerOf(org('local_partner', { affiliatedTo: 'p2' }), 'p1')).toBe(false);
    expect(isLocalPartnerOf(org('ngo', { affiliatedTo: 'p1' }), 'p1')).toBe(false);
  });
});
