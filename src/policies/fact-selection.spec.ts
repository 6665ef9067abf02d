import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../common/caller.js';
import { type CallerColumns, contributesTo, coversNeeds, FactSelection, factsNeededBy, ruleUses, whoSql } from './fact-selection.js';
import { type PolicyFile, type PolicyRule, loadPolicyFiles } from './policy-file.js';
import { PoliciesService } from './policies.service.js';
import type { AppConfig } from '../config/config.js';
import type { DataSource } from 'typeorm';

const COLUMNS: CallerColumns = { kind: 'c.k', roles: 'c.r', isParty: 'c.p', isChair: 'c.ch', seatConstituency: 'c.sc', seatPosition: 'c.sp' };

function caller(over: Partial<Caller> = {}, org: Partial<Caller['organisation']> = {}): Caller {
  return {
    personId: 'p-1', sessionId: 's-1', email: 'x@example.test', name: 'X', language: 'nl', roles: ['member'],
    isKerngroepChair: false, kerngroepSeat: null, ...over,
    organisation: { id: 'o-1', slug: 'x', name: 'X', kind: 'ngo', isParty: true, constituency: 'ngos', affiliatedTo: null, ...org },
  };
}

const rule = (id: string, who: PolicyRule['who'], when: PolicyRule['when'], effect?: 'deny'): PolicyRule => ({
  id, article: '1', reason: 'r', action: ['read'], who, ...(when ? { when } : {}), ...(effect ? { effect } : {}),
});
const file = (rules: PolicyRule[]): PolicyFile => ({ file: 't.yaml', subject: 'Case', rules } as unknown as PolicyFile);

describe('FactSelection: a provider is read only for callers some rule using its facts can apply to (issue 18)', () => {
  const chairOnly = [file([rule('close', { chair: true }, { fact: ['vote-decided'] }), rule('req', 'anyone', { grant: { kind: 'case-requester', on: 'id' } })])];

  it('a fact only the chair\'s rule uses is read for the chair, and for nobody else', () => {
    const s = new FactSelection(chairOnly, { grants: ['vote-decided'] });
    expect(s.appliesTo(caller({ isKerngroepChair: true }))).toBe(true);
    expect(s.appliesTo(caller())).toBe(false);
    expect(s.sql(COLUMNS)).toBe('(c.ch IS TRUE)');
  });

  it('a fact an "anyone" rule uses is read for everyone, and a provider that does not say what it gives is too', () => {
    const s = new FactSelection(chairOnly, { grants: ['case-requester', 'vote-decided'] });
    expect(s.always).toBe(true);
    expect(s.appliesTo(caller())).toBe(true);
    expect(s.sql(COLUMNS)).toBe('true');
    expect(new FactSelection(chairOnly, undefined).appliesTo(caller())).toBe(true);
  });

  it('a fact no rule uses is never read', () => {
    const s = new FactSelection(chairOnly, { grants: ['case-sponsor'] });
    expect(s.appliesTo(caller({ isKerngroepChair: true }))).toBe(false);
    expect(s.sql(COLUMNS)).toBe('false');
  });

  it('deny rules count, and several rules are OR-ed once each', () => {
    const policies = [file([
      rule('a', { kind: ['company'] }, { nda: 'disclosure' as never }),
      rule('b', { kind: ['company'] }, { nda: 'disclosure' as never }),
      rule('c', { role: ['secretariat_staff'] }, { nda: 'cso-monitoring' as never }, 'deny'),
    ])];
    const s = new FactSelection(policies, { ndas: true });
    expect(s.whos).toHaveLength(2);
    expect(s.appliesTo(caller({}, { kind: 'company' }))).toBe(true);
    expect(s.appliesTo(caller({ roles: ['member', 'secretariat_staff'] }, { kind: 'secretariat' }))).toBe(true);
    expect(s.appliesTo(caller())).toBe(false);
    expect(s.sql(COLUMNS)).toBe(`(c.k::text = ANY(ARRAY['company']::text[])) OR (c.r::text[] && ARRAY['secretariat_staff']::text[])`);
  });

  it('ruleUses: a grant kind, a named fact, an NDA, a module', () => {
    expect(ruleUses(rule('g', 'anyone', { grant: { kind: 'k', on: 'id' } }), { grants: ['k'] })).toBe(true);
    expect(ruleUses(rule('f', 'anyone', { fact: ['x', 'k'] }), { grants: ['k'] })).toBe(true);
    expect(ruleUses(rule('f', 'anyone', { fact: ['x'] }), { grants: ['k'] })).toBe(false);
    expect(ruleUses(rule('n', 'anyone', { nda: 'disclosure' as never }), { ndas: true })).toBe(true);
    expect(ruleUses(rule('n', 'anyone', { nda: 'disclosure' as never }), { grants: ['disclosure'] })).toBe(false);
    expect(ruleUses(rule('m', 'anyone', { module: 'any' }), { modules: true })).toBe(true);
    expect(ruleUses(rule('none', 'anyone', undefined), { ndas: true, modules: true, grants: ['k'] })).toBe(false);
  });

  it('whoSql says what whoMatches says, key by key (party, seat, constituency)', () => {
    expect(whoSql({ party: false }, COLUMNS)).toBe('c.p IS NOT TRUE');
    expect(whoSql({ kerngroepSeat: true, party: true }, COLUMNS)).toBe('c.p IS TRUE AND (c.sc IS NOT NULL AND c.sp IS NOT NULL)');
    expect(whoSql({ kerngroepSeat: false }, COLUMNS)).toBe('NOT (c.sc IS NOT NULL AND c.sp IS NOT NULL)');
    expect(whoSql({ kerngroepSeat: ['unions'] }, COLUMNS)).toBe(`(c.sc IS NOT NULL AND c.sp IS NOT NULL) AND c.sc::text = ANY(ARRAY['unions']::text[])`);
    expect(whoSql({}, COLUMNS)).toBe('true');
    const seated = new FactSelection([file([rule('s', { kerngroepSeat: ['unions'] }, { fact: ['k'] })])], { grants: ['k'] });
    expect(seated.appliesTo(caller({ kerngroepSeat: { constituency: 'unions', position: 'deputy' } }))).toBe(true);
    expect(seated.appliesTo(caller({ kerngroepSeat: { constituency: 'ngos', position: 'fixed' } }))).toBe(false);
  });
});

describe('PoliciesService.factColumns with the real policy files: which providers the session statement reads', () => {
  const service = new PoliciesService({ policiesDir: resolve('policies') } as AppConfig, {} as DataSource);
  const reads: string[] = [];
  service.registerFactProvider({ name: 'votes', provides: { grants: ['vote-decided'] }, sql: () => '(SELECT 1)', read: (v) => (reads.push(`votes:${String(v)}`), {}) });
  service.registerFactProvider({ name: 'plain', sql: () => '(SELECT 2)', read: (v) => (reads.push(`plain:${String(v)}`), {}) });
  const refs = { personId: 'c.person_id', organisationId: 'c.org_id', caller: COLUMNS };

  it('in the session statement, the chair-only fact runs under the chair condition; collect reads it for the chair only', async () => {
    const columns = service.factColumns(refs);
    expect(columns.select).toContain('CASE WHEN (c.ch IS TRUE) THEN (SELECT 1) END');
    expect(columns.select).toContain(', (SELECT 2) AS');
    const names = [...columns.select.matchAll(/AS "(fact:\d+)"/g)].map((m) => m[1]);
    const [modules, votes, plain] = names;
    reads.length = 0;
    await columns.collect(caller(), { [modules]: [], [votes]: null, [plain]: 'p' });
    expect(reads).toEqual(['plain:p']);
    reads.length = 0;
    await columns.collect(caller({ isKerngroepChair: true }), { [modules]: [], [votes]: 'v', [plain]: 'p' });
    expect(reads).toEqual(['votes:v', 'plain:p']);
    // the statement and the caller disagreeing is a defect, not an empty fact
    await expect(columns.collect(caller({ isKerngroepChair: true }), { [modules]: [], [votes]: null, [plain]: 'p' })).rejects.toThrow(/votes/);
  });

  it('for a caller already known, a provider no applying rule uses is left out of the statement', () => {
    expect(service.factColumns(refs, caller()).select).not.toContain('(SELECT 1)');
    expect(service.factColumns(refs, caller({ isKerngroepChair: true })).select).toContain('(SELECT 1)');
  });

  it('the real files: vote-decided is the chair\'s alone', () => {
    const s = new FactSelection(loadPolicyFiles(resolve('policies')), { grants: ['vote-decided'] });
    expect(s.whos).toEqual([{ chair: true }]);
  });
});

describe('factsNeededBy: a route reads only the facts the rules of its subject use (issue 18)', () => {
  const files = loadPolicyFiles(resolve('policies'));

  it('from the real files: /me needs no fact, a monitoring result NDAs and modules, the disclosed locations one grant kind', () => {
    expect(factsNeededBy(files, ['Me'])).toEqual({ ndas: false, modules: false, kinds: [] });
    expect(factsNeededBy(files, ['Me'], { ndas: true })).toEqual({ ndas: true, modules: false, kinds: [] });
    expect(factsNeededBy(files, ['MonitoringResult'])).toEqual({ ndas: true, modules: true, kinds: [] });
    expect(factsNeededBy(files, ['DisclosedLocation'])).toEqual({ ndas: true, modules: false, kinds: ['disclosure-access'] });
    const both = factsNeededBy(files, ['DisclosedLocation', 'Case']);
    expect(both.kinds).toEqual(expect.arrayContaining(['disclosure-access', 'case-requester', 'vote-decided', 'seat-fixed-member']));
  });

  it('allow and deny rules alike, grants and named facts alike', () => {
    const f = [file([rule('a', 'anyone', { grant: { kind: 'k1', on: 'id' } }), rule('b', 'anyone', { fact: ['k2'], nda: 'disclosure' }, 'deny')])];
    expect(factsNeededBy(f, ['Case'])).toEqual({ ndas: true, modules: false, kinds: ['k1', 'k2'] });
    expect(factsNeededBy(f, ['Other'])).toEqual({ ndas: false, modules: false, kinds: [] });
  });

  it('a provider is read when it contributes a needed fact; one that does not say is always read', () => {
    const needs = { ndas: false, modules: true, kinds: ['k1'] };
    expect(contributesTo(undefined, needs)).toBe(true);
    expect(contributesTo({ modules: true }, needs)).toBe(true);
    expect(contributesTo({ ndas: true }, needs)).toBe(false);
    expect(contributesTo({ grants: ['k2', 'k1'] }, needs)).toBe(true);
    expect(contributesTo({ grants: ['k2'] }, needs)).toBe(false);
  });

  it('facts read for one subject cover another only when they include every fact it needs', () => {
    const read = { ndas: true, modules: false, kinds: ['k1', 'k2'] };
    expect(coversNeeds(read, { ndas: true, modules: false, kinds: ['k2'] })).toBe(true);
    expect(coversNeeds(read, { ndas: false, modules: true, kinds: [] })).toBe(false);
    expect(coversNeeds(read, { ndas: false, modules: false, kinds: ['k3'] })).toBe(false);
  });

  it('the session statement of a scoped route leaves out the providers its subject does not need, and hands the kinds on', () => {
    const service = new PoliciesService({ policiesDir: resolve('policies') } as AppConfig, {} as DataSource);
    const kindsSeen: Array<readonly string[] | undefined> = [];
    service.registerFactProvider({ name: 'votes', provides: { grants: ['vote-decided'] }, sql: (r) => (kindsSeen.push(r.kinds), '(SELECT 1)'), read: () => ({}) });
    service.registerFactProvider({ name: 'ndas', provides: { ndas: true }, sql: () => '(SELECT 2)', read: () => ({}) });
    const refs = { personId: 'c.person_id', organisationId: 'c.org_id', caller: COLUMNS };
    const me = service.factColumns(refs, undefined, { all: false, ids: [], subjects: ['Me'] });
    expect(me.select).not.toContain('(SELECT 1)');
    expect(me.select).not.toContain('(SELECT 2)');
    expect(me.select).not.toContain('current_module_participations');
    expect(service.factColumns(refs, undefined, { all: false, ids: [], subjects: ['Me'], shows: { ndas: true } }).select).toContain('(SELECT 2)');
    const monitoring = service.factColumns(refs, undefined, { all: false, ids: [], subjects: ['MonitoringResult'] });
    expect(monitoring.select).toContain('(SELECT 2)');
    expect(monitoring.select).toContain('current_module_participations');
    expect(monitoring.select).not.toContain('(SELECT 1)');
    const kase = service.factColumns(refs, undefined, { all: false, ids: [], subjects: ['Case'] });
    expect(kase.select).toContain('(SELECT 1)');
    expect(kindsSeen.at(-1)).toContain('vote-decided');
    // built once per shape: the same object for the same scope
    expect(service.factColumns(refs, undefined, { all: false, ids: ['x'], subjects: ['Case'] })).toBe(kase);
    // every fact without a scope
    expect(service.factColumns(refs).select).toContain('(SELECT 1)');
    expect(kindsSeen.at(-1)).toBeUndefined();
  });
});
