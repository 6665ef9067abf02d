import { describe, expect, it } from 'vitest';
import { CONSTITUENCIES, LANGUAGES, type Language } from '../../common/caller.js';
import { ALL_CASE_STATES, CASE_TYPES, MACHINES } from '../../cases/state-machines.js';
import { VOTE_CHOICES } from '../../kerngroep/decision-rule.js';
import { ROUNDS } from '../../monitoring/dto/monitoring.dto.js';
import { NDA_KINDS } from '../../policies/subjects.js';
import { renderMail, TemplateError } from '../render.js';
import { TEMPLATES } from './index.js';
import { MAIL_VALUES, type ValueSet } from './values.js';

/**
 * Issue 14, item 6: a mail names fixed values (an outcome, a resolution, a round, an NDA kind, a seat) in the reader's
 * language, never as the code the service stores. Every template is rendered in every language with every code its
 * value params can carry, and the text may not contain a raw code.
 */
const BASES = ['consensus', 'majority', 'assembly'];
const CLOSING_ACTIONS = [...new Set(Object.values(MACHINES).flatMap((m) => m.transitions.filter((t) => /^closed/.test(t.to)).map((t) => t.action)))];
const CODES = [
  ...new Set([
    ...Object.values(MAIL_VALUES).flatMap((set) => Object.keys(set)),
    ...NDA_KINDS, ...ROUNDS, ...CONSTITUENCIES, ...ALL_CASE_STATES, ...CASE_TYPES, ...VOTE_CHOICES, ...BASES, ...CLOSING_ACTIONS,
    'approved', 'rejected', 'withdrawal', 'removal', 'fixed', 'deputy',
  ]),
];
/** In an English text an English word may be its own code (`approved`); a code no English text contains may not. */
const codeLike = (code: string) => /[-_\d]/.test(code);
const appears = (code: string, text: string) => new RegExp(`(^|[^\\p{L}\\d_-])${code}([^\\p{L}\\d_-]|$)`, 'u').test(text);

/** Every combination is too many; each value param takes each of its codes once, the others their first code. */
function paramSets(name: string): Array<Record<string, string>> {
  const template = TEMPLATES[name];
  const values = (template.values ?? {}) as Record<string, ValueSet>;
  const base: Record<string, string> = Object.fromEntries(template.params.map((p) => [p, values[p] ? Object.keys(MAIL_VALUES[values[p]])[0] : `<${p}>`]));
  const sets = [base];
  for (const [param, set] of Object.entries(values)) for (const code of Object.keys(MAIL_VALUES[set])) sets.push({ ...base, [param]: code });
  return sets;
}

describe('fixed values in mail, in the reader\'s language (issue 14, item 6)', () => {
  it('renders every template in every language with no raw code in its subject or text', () => {
    const problems: string[] = [];
    for (const name of Object.keys(TEMPLATES)) {
      for (const language of LANGUAGES) {
        const written: Language = TEMPLATES[name][language] ? language : 'en'; // a template without fr/es is sent in English
        for (const params of paramSets(name)) {
          const mail = renderMail(TEMPLATES, name, language, params, 'https://k.test');
          const text = `${mail.subject}\n${mail.text}`;
          for (const code of CODES) {
            if (written === 'en' && !codeLike(code)) continue;
            if (appears(code, text)) problems.push(`${name} (${language}, ${JSON.stringify(params)}): "${code}"`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('words the case mail a local partner reads in its own language', () => {
    const render = (name: string, language: Language, params: Record<string, string>) => renderMail(TEMPLATES, name, language, { caseId: 'c1', ...params }, 'https://k.test').text;
    expect(render('cases.ruling-decided', 'fr', { outcome: 'approved' })).toContain('approuvé');
    expect(render('cases.ruling-decided', 'es', { outcome: 'rejected' })).toContain('rechazado');
    expect(render('cases.ruling-decided', 'nl', { outcome: 'approved' })).toContain('goedgekeurd');
    expect(render('cases.closed', 'fr', { resolution: 'close-joint-project' })).toContain('projet commun');
    expect(render('cases.closed', 'es', { resolution: 'close-no-agreement' })).toContain('sin acuerdo');
    expect(render('ndas.new-version', 'fr', { kind: 'disclosure' })).toContain('clause de confidentialité standard');
    expect(render('monitoring.result-stored', 'nl', { round: 'year2' })).toContain('meting jaar 2');
  });

  it('refuses a code its set does not know (no mail with a raw or wrong value)', () => {
    expect(() => renderMail(TEMPLATES, 'cases.ruling-decided', 'fr', { caseId: 'c1', outcome: 'maybe' }, 'https://k.test')).toThrow(TemplateError);
    expect(() => renderMail(TEMPLATES, 'ndas.revoked', 'es', { kind: 'toString' }, 'https://k.test')).toThrow(/not a known ndaKind/);
  });

  it('knows every code of the domain\'s lists', () => {
    const keys = (set: ValueSet) => Object.keys(MAIL_VALUES[set]).sort();
    expect(keys('ndaKind')).toEqual([...NDA_KINDS].sort());
    expect(keys('round')).toEqual([...ROUNDS].sort());
    expect(keys('constituency')).toEqual([...CONSTITUENCIES].sort());
    expect(keys('resolution')).toEqual([...CLOSING_ACTIONS].sort());
    expect(keys('outcome')).toEqual(['approved', 'rejected']);
    for (const [set, words] of Object.entries(MAIL_VALUES)) {
      for (const [code, w] of Object.entries(words)) {
        for (const language of LANGUAGES) expect((w as Record<string, string>)[language]?.trim(), `${set}.${code} in ${language}`).toBeTruthy();
      }
    }
  });

  it('declares the set of every param that carries a code', () => {
    const CODE_PARAMS = ['outcome', 'resolution', 'kind', 'round', 'seat', 'position', 'basis', 'state', 'step', 'decision', 'status', 'type'];
    const undeclared = Object.entries(TEMPLATES).flatMap(([name, t]) => t.params.filter((p) => CODE_PARAMS.includes(p) && !t.values?.[p]).map((p) => `${name}: ${p}`));
    expect(undeclared).toEqual([]);
  });
});
