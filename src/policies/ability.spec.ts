import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../common/caller.js';
import { CallerAbility, DENY_BY_DEFAULT, type CallerFacts } from './ability.js';
import { loadPolicyFiles } from './policy-file.js';

const policies = loadPolicyFiles(resolve('policies'));

function caller(kind: Caller['organisation']['kind'], orgId = 'org-1', roles: Caller['roles'] = ['member']): Caller {
  return {
    personId: 'p-1', sessionId: 's-1', email: 'x@example.test', name: 'X', language: 'nl', roles,
    isKerngroepChair: false, kerngroepSeat: null,
    organisation: { id: orgId, slug: 'x', name: 'X', kind, isParty: !['secretariat', 'supporter', 'local_partner'].includes(kind), constituency: null, affiliatedTo: null },
  };
}
const none: CallerFacts = { ndas: [], modules: [], grants: [] };
const result = (companyId: string) => ({ id: 'r1', companyId, round: 'baseline' });

describe('CallerAbility (pure; the matrix tests the same rules through HTTP)', () => {
  it('art. 10: a company reads its own result in full, and another company\'s not at all', () => {
    const a = new CallerAbility(caller('company', 'c1'), none, policies);
    expect(a.can('read', 'MonitoringResult', result('c1'))).toBe(true);
    expect(a.can('read', 'MonitoringResult', result('c2'))).toBe(false);
    expect(a.permittedFields('read', 'MonitoringResult', result('c1'))).toContain('sections.other');
    expect(a.toSql('read', 'MonitoringResult', { companyId: 'r.company_id' }, 3)).toEqual({ sql: 'r.company_id::text = $3', params: ['c1'] });
  });

  it('art. 13: an NGO needs the monitoring NDA and a module; then sees risk and plan sections only', () => {
    const without = new CallerAbility(caller('ngo'), { ...none, modules: ['sector-metaal'] }, policies);
    expect(without.canEver('read', 'MonitoringResult')).toBe(false);
    expect(without.missing('read', 'MonitoringResult')).toEqual(['nda:cso-monitoring']);
    expect(without.toSql('read', 'MonitoringResult', { companyId: 'c' }).sql).toBe('FALSE');
    const noModule = new CallerAbility(caller('ngo'), { ...none, ndas: [{ kind: 'cso-monitoring', signatureId: 'sig' }] }, policies);
    expect(noModule.missing('read', 'MonitoringResult')).toEqual(['module:any']);
    const ok = new CallerAbility(caller('ngo'), { ...none, modules: ['m'], ndas: [{ kind: 'cso-monitoring', signatureId: 'sig' }] }, policies);
    expect(ok.can('read', 'MonitoringResult', result('c9'))).toBe(true);
    expect(ok.permittedFields('read', 'MonitoringResult', result('c9')).sort()).toEqual(
      // issue 11 (art. 13): no final score, signal or overall advice
      ['companyId', 'companyName', 'id', 'round', 'sections.planOfAction', 'sections.risks'],
    );
    expect(ok.grantUsed('read', 'MonitoringResult', result('c9'))).toEqual({ type: 'nda', id: 'sig' });
    expect(ok.toSql('read', 'MonitoringResult', { companyId: 'c' }).sql).toBe('TRUE');
    expect(ok.allowedBy('read', 'MonitoringResult')).toEqual([{ policy: 'monitoring-results.yaml', rule: 'cso-reads-risk-and-plan', article: '13' }]);
  });

  it('deny by default: a branch organisation has no rule for individual results, and nothing is missing it could sign', () => {
    const a = new CallerAbility(caller('branch_org'), { ...none, ndas: [{ kind: 'cso-monitoring', signatureId: 's' }], modules: ['m'] }, policies);
    expect(a.canEver('read', 'MonitoringResult')).toBe(false);
    expect(a.missing('read', 'MonitoringResult')).toEqual([]);
    expect(a.canEver('list', 'MonitoringResult')).toBe(true);
  });

  it('store needs secretariat staff, not just the secretariat organisation (art. 55)', () => {
    expect(new CallerAbility(caller('secretariat', 's', ['member']), none, policies).canEver('store', 'MonitoringResult')).toBe(false);
    expect(new CallerAbility(caller('secretariat', 's', ['secretariat_staff']), none, policies).canEver('store', 'MonitoringResult')).toBe(true);
  });

  it('issue 11, art. 50: a deny rule wins — the chair has no vote, and the refusal names the rule and article', () => {
    const chair = { ...caller('supporter'), isKerngroepChair: true };
    const a = new CallerAbility(chair, none, policies);
    expect(a.canEver('vote', 'Case')).toBe(false);
    const r = a.refusal('vote', 'Case', { id: 'case-1' });
    expect(r.decidedBy).toEqual([{ policy: 'cases.yaml', rule: 'chair-has-no-vote', article: '50' }]);
    expect(r.message).toContain('art. 50');
    // art. 49: the chair closes a vote only once it is decided (fact vote-decided), and the refusal says so
    expect(a.can('transition:close-vote', 'Case', { id: 'case-1' })).toBe(false);
    expect(a.refusal('transition:close-vote', 'Case', { id: 'case-1' })).toMatchObject({ decidedBy: [{ policy: 'cases.yaml', rule: 'chair-closes-vote', article: '49, 50' }], missing: [] });
    const decided = new CallerAbility(chair, { ...none, grants: [{ kind: 'vote-decided', objectId: 'case-1', grantId: 'r-1' }] }, policies);
    expect(decided.can('transition:close-vote', 'Case', { id: 'case-1' })).toBe(true);
    expect(decided.can('transition:close-vote', 'Case', { id: 'case-2' })).toBe(false);
  });

  it('issue 11, art. 22: a fact holds for its record only; a family is open when one of its actions is', () => {
    const partner = caller('local_partner', 'lp');
    const facts: CallerFacts = { ndas: [{ kind: 'disclosure', signatureId: 'sig' }], modules: [], grants: [{ kind: 'case-beneficiary', objectId: 'case-1', grantId: 'case-1' }] };
    const a = new CallerAbility(partner, facts, policies);
    expect(a.can('transition:open-access', 'Case', { id: 'case-1' })).toBe(true);
    expect(a.can('transition:open-access', 'Case', { id: 'case-2' })).toBe(false);
    expect(a.can('transition', 'Case', { id: 'case-1' })).toBe(true);
    expect(a.canEver('transition', 'Case')).toBe(true);
    // Without the clause: the refusal names the rule and suggests the clause, the one thing the partner can obtain.
    const unsigned = new CallerAbility(partner, { ...facts, ndas: [] }, policies);
    const r = unsigned.refusal('transition:open-access', 'Case', { id: 'case-1' });
    expect(r.decidedBy).toEqual([{ policy: 'cases.yaml', rule: 'beneficiary-opens-access', article: '22' }]);
    expect(r.missing).toEqual(['nda:disclosure']);
  });

  it('issue 11: a refusal always names a rule, and never suggests a grant or fact the caller cannot obtain', () => {
    const company = new CallerAbility(caller('company', 'c1'), none, policies);
    const r = company.refusal('list', 'DisclosedLocation');
    expect(r.decidedBy).toEqual([{ policy: 'disclosed-locations.yaml', rule: 'beneficiary-views-while-access-open', article: '19, 22' }]);
    expect(r.missing).toEqual([]);
    const partner = new CallerAbility(caller('local_partner', 'lp'), none, policies);
    expect(partner.refusal('list', 'DisclosedLocation').missing).toEqual(['nda:disclosure']);
    expect(partner.refusal('transition:close-consent', 'Case').decidedBy.map((d) => d.rule)).toEqual(['secretariat-closes-consent-round']);
  });

  it('issue 11: an action no rule names is refused by the documented default rule, never by nothing', () => {
    const staff = new CallerAbility(caller('secretariat', 's', ['secretariat_staff']), none, policies);
    const r = staff.refusal('update', 'Organisation');
    expect(r.decidedBy).toEqual([DENY_BY_DEFAULT]);
    expect(r.decidedBy[0]).toEqual({ policy: 'README.md', rule: 'deny-by-default', article: '19, 56' });
    expect(r.message).toContain('art. 19, 56');
    expect(r.missing).toEqual([]);
  });
});

describe('deny rules (issue 11: every refusal names the rule and the article)', () => {
  it('a deny rule refuses the action to whom it describes, names its rule and article, and leaves others alone', () => {
    const policies = [
      {
        file: 'cases.yaml',
        subject: 'Case',
        title: 'Cases',
        rules: [
          { id: 'parties-vote', article: '49', reason: 'Parties vote', action: ['vote'], who: { party: true } },
          { id: 'chair-has-no-vote', article: '50', reason: 'The chair has no vote', action: ['vote'], who: { chair: true }, effect: 'deny' as const },
        ],
      },
    ];
    const chair = { ...caller('union'), isKerngroepChair: true };
    const refused = new CallerAbility(chair, none, policies);
    expect(refused.canEver('vote', 'Case')).toBe(false);
    expect(refused.can('vote', 'Case', { id: 'x' })).toBe(false);
    expect(refused.refusal('vote', 'Case').decidedBy).toMatchObject([{ policy: 'cases.yaml', rule: 'chair-has-no-vote', article: '50' }]);
    const party = new CallerAbility(caller('union'), none, policies);
    expect(party.canEver('vote', 'Case')).toBe(true);
    const outsider = new CallerAbility(caller('company'), none, policies);
    expect(outsider.refusal('vote', 'Case').decidedBy).toMatchObject([{ policy: 'cases.yaml', rule: 'parties-vote', article: '49' }]);
  });
});
