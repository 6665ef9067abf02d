import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFiles, parsePolicyFile, PolicyFileError } from './policy-file.js';

const good = `subject: MonitoringResult
title: Monitoring results
rules:
  - id: cso-reads-risk-and-plan
    article: "13"
    reason: CSOs in a module may see score and advice on risks and the plan of action, under NDA
    action: read
    who: { kind: [ngo, union], party: true }
    when: { nda: cso-monitoring, module: any }
    fields: [finalScore, signal, advice, sections.risks, sections.planOfAction]
`;

function problem(text: string): PolicyFileError {
  try {
    parsePolicyFile('x.yaml', text);
  } catch (e) {
    if (e instanceof PolicyFileError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('policy files (issue 4, item 1)', () => {
  it('parses a rule with who, when, fields and article', () => {
    const p = parsePolicyFile('monitoring-results.yaml', good);
    expect(p.subject).toBe('MonitoringResult');
    expect(p.rules[0]).toMatchObject({ id: 'cso-reads-risk-and-plan', action: ['read'], article: '13', when: { nda: 'cso-monitoring', module: 'any' } });
  });

  it('refuses an unknown subject, naming file and line', () => {
    const e = problem(good.replace('subject: MonitoringResult', 'subject: Secrets'));
    expect(e.message).toMatch(/^Invalid policy file x\.yaml:1: unknown subject "Secrets"/);
  });

  it('refuses a rule without an article, on the rule\'s line', () => {
    const e = problem(good.replace('    article: "13"\n', ''));
    expect(e.line).toBe(4);
    expect(e.message).toContain('missing "article"');
  });

  it('refuses a bad condition: an unknown NDA kind', () => {
    const e = problem(good.replace('nda: cso-monitoring', 'nda: pinky-promise'));
    expect(e.line).toBe(9);
    expect(e.message).toContain('rules.0.when.nda: must be one of cso-monitoring');
  });

  it('refuses an unknown condition key', () => {
    const e = problem(good.replace('module: any', 'moon: full'));
    expect(e.line).toBe(9);
    expect(e.message).toContain('unknown key "moon"');
  });

  it('refuses a condition on a field the subject does not have', () => {
    const e = problem(good.replace('when: { nda: cso-monitoring, module: any }', 'when: { own: ownerId }'));
    expect(e.message).toContain('condition field "ownerId" is not a field of MonitoringResult');
  });

  it('refuses an opened field the subject does not have, and an unknown action', () => {
    expect(problem(good.replace('sections.risks', 'sections.evidence')).line).toBe(10);
    expect(problem(good.replace('action: read', 'action: shred')).message).toContain('"shred" is not an action on MonitoringResult');
  });

  it('refuses broken YAML and an unknown organisation kind', () => {
    expect(problem('subject: [').message).toContain('not valid YAML');
    expect(problem(good.replace('[ngo, union]', '[ngo, pirates]')).message).toContain('rules.0.who.kind.1: must be one of company');
  });

  it('refuses a duplicate rule id and two files for one subject', () => {
    const twice = good + good.split('rules:\n')[1];
    expect(problem(twice).message).toContain('duplicate rule id');
    const dir = mkdtempSync(join(tmpdir(), 'kk-policies-'));
    writeFileSync(join(dir, 'a.yaml'), good);
    writeFileSync(join(dir, 'b.yaml'), good);
    expect(() => loadPolicyFiles(dir)).toThrow(/b\.yaml:1: subject MonitoringResult is already governed by a\.yaml/);
  });

  it('a deny rule (issue 11) parses, and an unknown effect is refused', () => {
    const deny = `subject: Case
title: Cases
rules:
  - id: chair-has-no-vote
    article: "50"
    reason: The chair has no vote
    action: vote
    who: { chair: true }
    effect: deny
`;
    expect(parsePolicyFile('cases.yaml', deny).rules[0]).toMatchObject({ id: 'chair-has-no-vote', effect: 'deny', action: ['vote'] });
    expect(problem(deny.replace('effect: deny', 'effect: maybe')).message).toMatch(/effect/);
  });

  it('the shipped policy files are all valid', () => {
    const files = loadPolicyFiles(resolve('policies'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) for (const r of f.rules) expect(r.article).toMatch(/\d|annex/);
  });

  it('issue 11: reads facts (one or a list) and deny rules; a deny rule cannot open fields', () => {
    const caseRules = `subject: Case
title: Cases
rules:
  - id: beneficiary-opens-access
    article: "22"
    reason: The local partner the data is for opens access after signing
    action: transition:open-access
    who: { kind: [local_partner] }
    when: { nda: disclosure, fact: case-beneficiary }
  - id: chair-has-no-vote
    article: "50"
    reason: The chair has no vote of its own
    action: vote
    who: { chair: true }
    effect: deny
`;
    const p = parsePolicyFile('cases.yaml', caseRules);
    expect(p.rules[0].when).toEqual({ nda: 'disclosure', fact: ['case-beneficiary'] });
    expect(p.rules[1].effect).toBe('deny');
    const e = problem(caseRules + '    fields: [id]\n');
    expect(e.message).toMatch(/x\.yaml:\d+: rules\.1\.fields: a deny rule refuses the whole action/);
    expect(problem(caseRules.replace('effect: deny', 'effect: maybe')).message).toMatch(/effect: must be one of allow, deny/);
  });
});
