import type { Caller } from '../common/caller.js';
import { whoMatches } from './ability.js';
import type { PolicyFile, PolicyRule, PolicyWho } from './policy-file.js';

/**
 * What a fact provider contributes, so the policy layer reads it only for callers some rule that uses it can apply
 * to (issue 18): `grants` — the kinds of its `grants` facts (a rule's `when.grant.kind` or `when.fact`); `ndas` /
 * `modules` — it contributes those facts (a rule's `when.nda` / `when.module`). A provider that does not say is read
 * for everyone.
 */
export interface ProvidedFacts {
  grants?: readonly string[];
  ndas?: boolean;
  modules?: boolean;
}

/** SQL expressions (over the session row) of the caller's attributes a rule's `who` looks at. */
export interface CallerColumns {
  /** the organisation's kind (`text`) */
  kind: string;
  /** the person's roles (`text[]`) */
  roles: string;
  isParty: string;
  isChair: string;
  /** the Kerngroep seat's constituency, and the person's position on it (fixed or deputy); both null without a seat */
  seatConstituency: string;
  seatPosition: string;
}

/** Does `rule` use a fact that `provided` contributes? */
export function ruleUses(rule: PolicyRule, provided: ProvidedFacts): boolean {
  const when = rule.when;
  if (!when) return false;
  if (provided.ndas && when.nda) return true;
  if (provided.modules && when.module) return true;
  const kinds = provided.grants ?? [];
  if (when.grant && kinds.includes(when.grant.kind)) return true;
  return (when.fact ?? []).some((name) => kinds.includes(name));
}

/**
 * For which callers a provider's facts can decide anything: those described by the `who` of a rule (allow or deny,
 * of any file) that uses one of its facts. For every other caller no rule that applies to them looks at those facts,
 * so the ability is the same without them, and they are not read.
 */
export class FactSelection {
  /** `always`: some such rule is about anyone (or the provider does not say what it contributes) */
  readonly always: boolean;
  /** the distinct `who`s of the rules using the facts (empty and not `always`: no rule uses them, never read) */
  readonly whos: readonly PolicyWho[];

  constructor(policies: readonly PolicyFile[], provided: ProvidedFacts | undefined) {
    if (!provided) {
      this.always = true;
      this.whos = [];
      return;
    }
    const whos = new Map<string, PolicyWho>();
    let always = false;
    for (const policy of policies) {
      for (const rule of policy.rules) {
        if (!ruleUses(rule, provided)) continue;
        if (rule.who === 'anyone') always = true;
        else whos.set(JSON.stringify(rule.who), rule.who);
      }
    }
    this.always = always;
    this.whos = always ? [] : [...whos.values()];
  }

  /** Whether to read the provider's facts for this caller (the same answer `sql` gives in the session statement). */
  appliesTo(caller: Caller): boolean {
    return this.always || this.whos.some((who) => whoMatches(who, caller));
  }

  /** The same as an SQL condition over the session row's columns: `true`, `false`, or the rules' `who`s OR-ed. */
  sql(columns: CallerColumns): string {
    if (this.always) return 'true';
    if (this.whos.length === 0) return 'false';
    return this.whos.map((who) => `(${whoSql(who, columns)})`).join(' OR ');
  }
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const textArray = (values: readonly string[]) => `ARRAY[${values.map(literal).join(', ')}]::text[]`;

/** A rule's `who` as an SQL condition over the caller's columns, meaning what `whoMatches` means (ability.ts). */
export function whoSql(who: PolicyWho, c: CallerColumns): string {
  const parts: string[] = [];
  if (who.kind) parts.push(`${c.kind}::text = ANY(${textArray(who.kind)})`);
  if (who.role) parts.push(`${c.roles}::text[] && ${textArray(who.role)}`);
  if (who.party !== undefined) parts.push(`${c.isParty} IS ${who.party ? 'TRUE' : 'NOT TRUE'}`);
  if (who.chair !== undefined) parts.push(`${c.isChair} IS ${who.chair ? 'TRUE' : 'NOT TRUE'}`);
  if (who.kerngroepSeat !== undefined) {
    // the caller has a seat when both its constituency and the person's position on it are known (toCaller)
    const seated = `(${c.seatConstituency} IS NOT NULL AND ${c.seatPosition} IS NOT NULL)`;
    if (who.kerngroepSeat === true) parts.push(seated);
    else if (who.kerngroepSeat === false) parts.push(`NOT ${seated}`);
    else parts.push(`${seated} AND ${c.seatConstituency}::text = ANY(${textArray(who.kerngroepSeat)})`);
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

/**
 * The caller facts the rules of some subjects can look at (issue 18): NDAs, modules, and which grant kinds (a rule's
 * `when.grant.kind` and `when.fact`). A decision about a record of one of those subjects consults those subjects'
 * rules only (one policy file per subject), so an ability built from just these facts decides them exactly as one
 * built from every fact; `PoliciesService` reads every fact before it is asked about any other subject.
 */
export interface FactNeeds {
  readonly ndas: boolean;
  readonly modules: boolean;
  readonly kinds: readonly string[];
}

/** The facts the rules (allow and deny) of `subjects` use, plus `shows` (facts a route shows as they are, e.g. /me's NDAs). */
export function factsNeededBy(policies: readonly PolicyFile[], subjects: readonly string[], shows: ProvidedFacts = {}): FactNeeds {
  const needs = neededByRules(policies, subjects, shows);
  // a refusal names the NDAs the caller could sign, which the NdaSignature rules decide (CallerAbility.missing)
  if (!needs.ndas || subjects.includes('NdaSignature')) return needs;
  const signing = neededByRules(policies, ['NdaSignature'], {});
  return { ndas: true, modules: needs.modules || signing.modules, kinds: [...new Set([...needs.kinds, ...signing.kinds])].sort() };
}

function neededByRules(policies: readonly PolicyFile[], subjects: readonly string[], shows: ProvidedFacts): FactNeeds {
  let ndas = !!shows.ndas;
  let modules = !!shows.modules;
  const kinds = new Set(shows.grants ?? []);
  for (const policy of policies) {
    if (!subjects.includes(policy.subject)) continue;
    for (const rule of policy.rules) {
      if (rule.when?.nda) ndas = true;
      if (rule.when?.module) modules = true;
      if (rule.when?.grant) kinds.add(rule.when.grant.kind);
      for (const name of rule.when?.fact ?? []) kinds.add(name);
    }
  }
  return { ndas, modules, kinds: [...kinds].sort() };
}

/** Whether a provider contributes anything `needs` asks for (one that does not say what it contributes: always). */
export function contributesTo(provided: ProvidedFacts | undefined, needs: FactNeeds): boolean {
  if (!provided) return true;
  return (!!provided.ndas && needs.ndas) || (!!provided.modules && needs.modules) || (provided.grants ?? []).some((k) => needs.kinds.includes(k));
}

/** Whether facts read for `have` include every fact `want` asks for. */
export function coversNeeds(have: FactNeeds, want: FactNeeds): boolean {
  return (have.ndas || !want.ndas) && (have.modules || !want.modules) && want.kinds.every((k) => have.kinds.includes(k));
}
