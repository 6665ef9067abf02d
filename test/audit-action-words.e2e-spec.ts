import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MACHINES } from '../src/cases/state-machines.js';
import en from '../web/src/locales/en.js';
import nl from '../web/src/locales/nl.js';
import { auditActionWords } from '../web/src/secretariat/audit-actions.js';

/**
 * Issue 14, item 6: the audit log page names each entry's action in words (Dutch and English, the secretariat's
 * languages). This spec collects every action the server can write by scanning src/ (the string literals after
 * `action:` that have the audit log's `area.verb` form, and the runtime-built ones expanded from the types they are
 * built from) and fails when one has no word. Pure file reading: no database.
 */
const root = join(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(join(root, p)).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

/** The quoted literals of a type alias or inline union, e.g. `type X = 'a' | 'b'`, from its source text. */
function union(file: string, pattern: RegExp): string[] {
  const m = pattern.exec(read(file));
  expect(m, `${String(pattern)} in ${file}`).not.toBeNull();
  const codes = [...m![1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
  expect(codes.length, `${String(pattern)} in ${file} is a union of literals`).toBeGreaterThan(1);
  return codes;
}

const literal = new Set<string>();
const templates = new Map<string, string>(); // template → file
for (const file of sources('src')) {
  for (const m of read(file).matchAll(/\baction: ([^\n]*)/g)) {
    for (const q of m[1].matchAll(/'([^']+)'/g)) if (ACTION.test(q[1])) literal.add(q[1]);
    for (const q of m[1].matchAll(/`([^`]+)`/g)) templates.set(q[1], file);
  }
}

// Each runtime-built action, expanded from the type its variable part has (read from the source, so a new member counts).
const chairActions = () => union('src/kerngroep/rulings.service.ts', /export type ChairAction = ([^;]+);/);
const keyKinds = () => union('src/production-locations/key-operations.repository.ts', /export type KeyOperationKind = ([^;]+);/);
const EXPAND: Record<string, (() => string[]) | 'not-audit'> = {
  'kerngroep.${action}': () => chairActions().map((a) => `kerngroep.${a}`),
  // the case timeline's event (value.event.*), not an audit entry
  'ruling.${action}': 'not-audit',
  // a policy action name, not an audit entry
  'transition:${action}': 'not-audit',
  'membership.${c.kind}.effective': () => union('src/membership/membership.repository.ts', /interface ChangeRow \{[^}]*?\n {2}kind: ([^;]+);/).map((k) => `membership.${k}.effective`),
  'company-region-requests.${input.decision}': () =>
    union('src/production-locations/company-region-requests.service.ts', /input: \{ decision: ([^;]+);/).map((d) => `company-region-requests.${d}`),
  'keys.${kind}.resume': () => keyKinds().map((k) => `keys.${k}.resume`),
  'keys.${kind}.start': () => keyKinds().map((k) => `keys.${k}.start`),
  'keys.${op.kind}.finish': () => keyKinds().map((k) => `keys.${k}.finish`),
};

describe('audit log: every action the server writes has a word (issue 14, item 6)', () => {
  it('the scan finds the literal actions (and a known one of each area)', () => {
    expect(literal.size).toBeGreaterThan(80);
    for (const known of ['auth.login', 'production-locations.read', 'kerngroep.vote', 'cases.transition', 'audit.export.read']) expect(literal).toContain(known);
  });

  it('every runtime-built action is known to this spec (a new one must be added to EXPAND)', () => {
    const unknown = [...templates].filter(([t]) => !(t in EXPAND)).map(([t, f]) => `${t} (${f})`);
    expect(unknown).toEqual([]);
  });

  it.each(['en', 'nl'] as const)('every action has a word in %s', (language) => {
    const built = [...templates.keys()].flatMap((t) => {
      const e = EXPAND[t];
      return typeof e === 'function' ? e() : [];
    });
    expect(built).toContain('keys.shred-company.finish');
    expect(built).toContain('membership.withdrawal.effective');
    const missing = [...new Set([...literal, ...built])].filter((a) => !auditActionWords[language][a]);
    expect(missing, `audit actions without a word in ${language}`).toEqual([]);
  });

  it('a case step (cases.transition) names the state machines\' step in words: value.event.<action> in en and nl', () => {
    const steps = [...new Set(Object.values(MACHINES).flatMap((m) => m.transitions.map((t) => t.action)))];
    expect(steps.length).toBeGreaterThan(10);
    const catalogs: Record<string, Partial<Record<string, string>>> = { en, nl };
    for (const language of ['en', 'nl']) {
      expect(steps.filter((s) => !catalogs[language][`value.event.${s}`]), `value.event in ${language}`).toEqual([]);
    }
  });

  it('Dutch and English name the same actions', () => {
    expect(Object.keys(auditActionWords.nl).sort()).toEqual(Object.keys(auditActionWords.en).sort());
  });

  it('the Dutch words are Dutch, not the English ones or the code', () => {
    expect(auditActionWords.nl['auth.login']).toBe('ingelogd');
    const same = Object.keys(auditActionWords.en).filter((a) => auditActionWords.nl[a] === a);
    expect(same).toEqual([]);
  });
});
