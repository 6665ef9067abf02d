import { createMongoAbility, subject as tagSubject, type MongoAbility, type MongoQuery, type RawRuleFrom } from '@casl/ability';
import { permittedFieldsOf, rulesToAST } from '@casl/ability/extra';
import type { Caller } from '../common/caller.js';
import type { PolicyFile, PolicyRule, PolicyWho } from './policy-file.js';
import { familyOf, SUBJECTS } from './subjects.js';

/**
 * A caller's facts, gathered per request from PostgreSQL (never cached across requests): active NDAs (current
 * text, not expired, not revoked), module participation, and grants contributed by other modules (case grants).
 */
export interface CallerFacts {
  ndas: Array<{ kind: string; signatureId: string }>;
  modules: string[];
  /** e.g. `{kind: 'disclosure-access', objectId: <case id>, grantId: <case id>}` from the cases module */
  grants: Array<{ kind: string; objectId: string; grantId: string }>;
}

export interface Decision {
  policy: string;
  rule: string;
  article: string;
}

/** Why a caller may not do something: the rules that decided it, and only what the caller could obtain to change it. */
export interface Refusal {
  decidedBy: Decision[];
  missing: string[];
  /** one sentence naming the deciding rule and its article, for the 403's message */
  message: string;
}

/** What a read relied on, for the audit entry (e.g. the NDA signature id, or the policy rule). */
export interface GrantUsed {
  type: string;
  id: string;
}

interface RuleMeta {
  file: string;
  rule: PolicyRule;
  grantUsed: (record: Record<string, unknown> | undefined) => GrantUsed;
}

interface Blocked {
  meta: Omit<RuleMeta, 'grantUsed'>;
  actions: string[];
  subject: string;
  missing: string[];
}

const decisionOf = (file: string, rule: PolicyRule): Decision => ({ policy: file, rule: rule.id, article: rule.article });

/**
 * The rule that decides when no rule of the policy files names the action at all (policies/README.md, "Deny by
 * default"): confidential data stays with the secretariat and third parties see it only on the terms the agreement
 * sets (art. 19: "NAW-gegevens van productielocaties blijven vertrouwelijk bij het secretariaat", art. 56: the
 * secretariat's confidentiality), so what no rule allows is refused.
 */
export const DENY_BY_DEFAULT: Decision = { policy: 'README.md', rule: 'deny-by-default', article: '19, 56' };

type Ability = MongoAbility<[string, string | Record<string, unknown>], MongoQuery>;

/** A parameterised SQL condition, e.g. `{sql: '(r.company_id = $3)', params: ['…']}`. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** Does a rule's `who` describe the caller? (`FactSelection.sql` says the same in SQL.) */
export function whoMatches(who: PolicyWho | 'anyone', caller: Caller): boolean {
  if (who === 'anyone') return true;
  if (who.kind && !who.kind.includes(caller.organisation.kind)) return false;
  if (who.role && !who.role.some((r) => caller.roles.includes(r))) return false;
  if (who.party !== undefined && who.party !== caller.organisation.isParty) return false;
  if (who.chair !== undefined && who.chair !== caller.isKerngroepChair) return false;
  if (who.kerngroepSeat !== undefined) {
    const seat = caller.kerngroepSeat;
    if (who.kerngroepSeat === true && !seat) return false;
    if (who.kerngroepSeat === false && seat) return false;
    if (Array.isArray(who.kerngroepSeat) && (!seat || !who.kerngroepSeat.includes(seat.constituency))) return false;
  }
  return true;
}

/**
 * The fields of a `subjectType` record that its rules' per-record facts point at: each `when.grant`'s `on`, and the
 * subject's key for a rule with `when.fact`. A question about a record is answered by per-record facts on exactly
 * these fields' values (PoliciesService's fact scope, issue 18); a subject without such rules has none.
 */
export function recordKeysOf(policies: readonly PolicyFile[], subjectType: string): string[] {
  const keys = new Set<string>();
  for (const policy of policies) {
    if (policy.subject !== subjectType) continue;
    for (const rule of policy.rules) {
      if (rule.when?.grant) keys.add(rule.when.grant.on);
      if (rule.when?.fact?.length) keys.add(SUBJECTS[subjectType]?.key ?? 'id');
    }
  }
  return [...keys];
}

export const allFieldsOf = (subjectType: string): string[] => [...(SUBJECTS[subjectType]?.fields ?? ['*'])];

/**
 * One caller's ability: the policy files' rules that apply to this caller, as CASL rules. Rules whose `who` does
 * not describe the caller are left out; rules whose caller facts (NDA, module, grant) are missing are remembered
 * as "blocked" so a refusal can say what is missing. Record conditions (own, self, grant, match) stay CASL
 * conditions, checked against a loaded record or turned into SQL for list queries. Deny by default: no rule, no access.
 */
export class CallerAbility {
  readonly casl: Ability;
  private readonly metas: RuleMeta[] = [];
  private readonly blocked: Blocked[] = [];
  /** every rule of every file, for explaining a refusal by a rule that does not describe the caller */
  private readonly all: Array<{ file: string; subject: string; rule: PolicyRule }> = [];

  constructor(
    readonly caller: Caller,
    readonly facts: CallerFacts,
    policies: readonly PolicyFile[],
  ) {
    const raw: Array<RawRuleFrom<[string, string], MongoQuery>> = [];
    const denials: typeof raw = [];
    for (const policy of policies) {
      for (const rule of policy.rules) {
        this.all.push({ file: policy.file, subject: policy.subject, rule });
        if (!whoMatches(rule.who, caller)) continue;
        const missing: string[] = [];
        const when = rule.when ?? {};
        let nda: { kind: string; signatureId: string } | undefined;
        if (when.nda) {
          nda = facts.ndas.find((n) => n.kind === when.nda);
          if (!nda) missing.push(`nda:${when.nda}`);
        }
        if (when.module && !(when.module === 'any' ? facts.modules.length > 0 : facts.modules.includes(when.module))) {
          missing.push(`module:${when.module}`);
        }
        const grants = when.grant ? facts.grants.filter((g) => g.kind === when.grant!.kind) : [];
        if (when.grant && grants.length === 0) missing.push(`grant:${when.grant.kind}`);
        // A fact holds for a set of records (their key); several facts hold together on their intersection.
        const key = SUBJECTS[policy.subject]?.key ?? 'id';
        const factSets = (when.fact ?? []).map((name) => {
          const ids = new Set(facts.grants.filter((g) => g.kind === name).map((g) => g.objectId));
          if (ids.size === 0) missing.push(`fact:${name}`);
          return ids;
        });
        const factIds = factSets.length ? factSets.reduce((a, b) => new Set([...a].filter((x) => b.has(x)))) : null;
        if (factIds && factIds.size === 0 && !missing.some((m) => m.startsWith('fact:'))) missing.push(`fact:${when.fact!.join('+')}`);
        if (missing.length > 0) {
          // A deny rule whose facts do not hold refuses nothing; an allow rule is remembered to explain a refusal.
          if (rule.effect !== 'deny') this.blocked.push({ meta: { file: policy.file, rule }, actions: rule.action, subject: policy.subject, missing });
          continue;
        }
        const conditions: MongoQuery = {};
        if (when.own) conditions[when.own] = caller.organisation.id;
        if (when.self) conditions[when.self] = caller.personId;
        if (when.grant) conditions[when.grant.on] = { $in: [...new Set(grants.map((g) => g.objectId))] };
        if (factIds) {
          const ids = [...factIds];
          const prior = conditions[key] as { $in: string[] } | undefined;
          conditions[key] = { $in: prior ? prior.$in.filter((x) => ids.includes(x)) : ids };
        }
        for (const [field, value] of Object.entries(when.match ?? {})) {
          conditions[field] = Array.isArray(value) ? { $in: value } : value;
        }
        const index = this.metas.length;
        const on = when.grant?.on;
        this.metas.push({
          file: policy.file,
          rule,
          grantUsed: (record) => {
            if (nda) return { type: 'nda', id: nda.signatureId };
            if (on && record) {
              const g = grants.find((x) => x.objectId === record[on]);
              if (g) return { type: g.kind, id: g.grantId };
            }
            return { type: 'policy', id: `${policy.file}#${rule.id}` };
          },
        });
        (rule.effect === 'deny' ? denials : raw).push({
          action: rule.action,
          subject: policy.subject,
          ...(Object.keys(conditions).length ? { conditions } : {}),
          ...(rule.fields ? { fields: rule.fields } : {}),
          ...(rule.effect === 'deny' ? { inverted: true } : {}),
          reason: String(index),
        });
      }
    }
    // CASL gives later rules priority: deny rules come last, so a deny rule that applies wins over any allow rule.
    raw.push(...denials);
    this.casl = createMongoAbility<Ability>(raw);
  }

  private metaOf(reason: string | undefined): RuleMeta {
    return this.metas[Number(reason)];
  }

  private tag(subjectType: string, record: Record<string, unknown>) {
    return tagSubject(subjectType, { ...record });
  }

  /** May the caller ever do `action` on `subjectType` (some rule applies, whatever the record)? */
  canEver(action: string, subjectType: string): boolean {
    return this.actionsOf(action, subjectType).some((a) => this.casl.can(a, subjectType));
  }

  /** `action` itself and, for a family such as `transition`, every action of it (`transition:open-access`, …). */
  private actionsOf(action: string, subjectType: string): string[] {
    const family = (SUBJECTS[subjectType]?.actions ?? []).filter((a) => familyOf(a) === action);
    return [action, ...family];
  }

  /** May the caller do `action` on this record (and, if given, this field)? */
  can(action: string, subjectType: string, record: Record<string, unknown>, field?: string): boolean {
    // A family (`transition`) is allowed on the record when one of its actions is (`transition:withdraw`, …).
    return this.actionsOf(action, subjectType).some((a) => this.casl.can(a, this.tag(subjectType, record), field));
  }

  /** The caller facts that would open `action` on `subjectType`, from rules that describe the caller. */
  missing(action: string, subjectType: string): string[] {
    const actions = this.actionsOf(action, subjectType);
    const out = new Set<string>();
    for (const b of this.blocked) {
      if (b.subject !== subjectType || !b.actions.some((a) => actions.includes(a))) continue;
      // Only what the caller could obtain: an NDA its organisation may sign, a module to take part in. A grant or a
      // fact (a part in a case, an open window) is the case's state, never something to ask for (issue 11).
      b.missing.filter((m) => this.obtainable(m)).forEach((m) => out.add(m));
    }
    return [...out].sort();
  }

  private obtainable(missing: string): boolean {
    if (missing.startsWith('module:')) return true;
    if (missing.startsWith('nda:')) return this.casl.can('sign', this.tag('NdaSignature', { kind: missing.slice(4) }));
    return false;
  }

  /**
   * Why the caller may not do `action` (on the record, if given), naming the deciding rules, never none: a deny rule
   * that applies; else the allowing rules that describe the caller but whose conditions do not hold (with what the
   * caller could obtain); else every allowing rule of the action, none of which describes the caller; else, when no
   * rule names the action, `DENY_BY_DEFAULT`.
   */
  refusal(action: string, subjectType: string, record?: Record<string, unknown>): Refusal {
    const actions = this.actionsOf(action, subjectType);
    const denied = actions
      .flatMap((a) => this.casl.rulesFor(a, subjectType))
      .filter((r) => r.inverted && (!record || r.matchesConditions(this.tag(subjectType, record))))
      .map((r) => this.metaOf(r.reason));
    let decidedBy: Decision[] = dedupe(denied.map((m) => decisionOf(m.file, m.rule)));
    if (decidedBy.length === 0) {
      const describing = [
        ...this.blocked.filter((b) => b.subject === subjectType && b.actions.some((a) => actions.includes(a))).map((b) => decisionOf(b.meta.file, b.meta.rule)),
        ...actions
          .flatMap((a) => this.casl.rulesFor(a, subjectType))
          .filter((r) => !r.inverted)
          .map((r) => this.metaOf(r.reason))
          .map((m) => decisionOf(m.file, m.rule)),
      ];
      // in the files' order, so the answer does not depend on which of the rules lacked a fact in this request
      decidedBy = dedupe(describing).sort((a, b) => this.position(a) - this.position(b));
    }
    if (decidedBy.length === 0) {
      decidedBy = dedupe(
        this.all
          .filter((x) => x.subject === subjectType && x.rule.effect !== 'deny' && x.rule.action.some((a) => actions.includes(a)))
          .map((x) => decisionOf(x.file, x.rule)),
      );
    }
    // No rule names this action: the documented default rule decides, so a refusal never names nothing.
    if (decidedBy.length === 0) decidedBy = [DENY_BY_DEFAULT];
    const cite = decidedBy.map((d) => `art. ${d.article} (${d.policy}#${d.rule})`).join('; ');
    const verb = action.replace(/^[a-z]+:/, '');
    const first = denied[0]?.rule.reason;
    return {
      decidedBy,
      missing: this.missing(action, subjectType),
      message: `${first ? `${first}. ` : ''}You may not ${verb} this ${subjectType}${cite ? `: ${cite}` : ''}`,
    };
  }

  /** A rule's place in the policy files (files in load order, rules in file order). */
  private position(d: Decision): number {
    return this.all.findIndex((x) => x.file === d.policy && x.rule.id === d.rule);
  }

  /** The rules that allow `action` (on the record, if given): file, rule id and article. */
  allowedBy(action: string, subjectType: string, record?: Record<string, unknown>): Decision[] {
    const rules = this.actionsOf(action, subjectType)
      .filter((a) => (record ? this.can(a, subjectType, record) : this.casl.can(a, subjectType)))
      .flatMap((a) => this.casl.rulesFor(a, subjectType))
      .filter((r) => !r.inverted && (!record || r.matchesConditions(this.tag(subjectType, record))))
      .filter((r, i, all) => all.indexOf(r) === i);
    return rules
      .map((r) => this.metaOf(r.reason))
      .sort((a, b) => this.metas.indexOf(a) - this.metas.indexOf(b))
      .map((m) => ({ policy: m.file, rule: m.rule.id, article: m.rule.article }));
  }

  /** The rules that describe the caller but lack a caller fact, for explaining a refusal. */
  blockedBy(action: string, subjectType: string): Decision[] {
    return this.blocked
      .filter((b) => b.subject === subjectType && b.actions.includes(action))
      .map((b) => ({ policy: b.meta.file, rule: b.meta.rule.id, article: b.meta.rule.article }));
  }

  /** The fields of this record the caller may see under `action`; `*` stands for "all fields" of an open subject. */
  permittedFields(action: string, subjectType: string, record: Record<string, unknown>): string[] {
    return permittedFieldsOf(this.casl, action, this.tag(subjectType, record), {
      fieldsFrom: (rule) => rule.fields ?? allFieldsOf(subjectType),
    });
  }

  /** The grant an allowed access relied on, for the audit entry: the first allowing rule, NDA before policy. */
  grantUsed(action: string, subjectType: string, record: Record<string, unknown>): GrantUsed | undefined {
    const rules = this.casl
      .rulesFor(action, subjectType)
      .filter((r) => !r.inverted && r.matchesConditions(this.tag(subjectType, record)))
      .map((r) => this.metaOf(r.reason))
      .sort((a, b) => this.metas.indexOf(a) - this.metas.indexOf(b));
    return rules[0]?.grantUsed(record);
  }

  /**
   * The rules for (action, subject) as one parameterised SQL condition (CASL's `rulesToAST`, translated here for
   * the operators the policy format produces: eq, in, and, or). `columns` maps each condition field to its SQL
   * column; a field without a column is a programming error and throws. `firstParam` is the next `$n` to use.
   */
  toSql(action: string, subjectType: string, columns: Record<string, string>, firstParam = 1): SqlCondition {
    const ast = rulesToAST(this.casl, action, subjectType);
    const params: unknown[] = [];
    if (!ast) return { sql: 'FALSE', params };
    const column = (field: string) => {
      const c = columns[field];
      if (!c) throw new Error(`toSql(${subjectType}): no column for condition field "${field}"`);
      return c;
    };
    const param = (value: unknown) => {
      params.push(value);
      return `$${firstParam + params.length - 1}`;
    };
    type Node = { operator: string; field?: string; value: unknown };
    const walk = (node: Node): string => {
      switch (node.operator) {
        case 'and':
        case 'or': {
          const parts = (node.value as Node[]).map(walk);
          if (parts.length === 0) return node.operator === 'and' ? 'TRUE' : 'FALSE';
          return `(${parts.join(node.operator === 'and' ? ' AND ' : ' OR ')})`;
        }
        case 'eq':
          return `${column(node.field!)}::text = ${param(String(node.value))}`;
        case 'in': {
          const values = (node.value as unknown[]).map(String);
          if (values.length === 0) return 'FALSE';
          return `${column(node.field!)}::text = ANY(${param(values)}::text[])`;
        }
        case 'not':
          return `NOT ${walk(node.value as Node)}`;
        default:
          throw new Error(`toSql: operator ${node.operator} is not supported`);
      }
    };
    return { sql: walk(ast), params };
  }
}

function dedupe(decisions: Decision[]): Decision[] {
  const seen = new Set<string>();
  return decisions.filter((d) => {
    const k = `${d.policy}#${d.rule}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Keeps only the permitted fields of a plain record (top-level names; `*` keeps everything). */
export function pickFields<T extends Record<string, unknown>>(record: T, fields: readonly string[]): Partial<T> {
  if (fields.includes('*')) return { ...record };
  const out: Record<string, unknown> = {};
  for (const f of fields) if (!f.includes('.') && f in record) out[f] = record[f];
  return out as Partial<T>;
}
