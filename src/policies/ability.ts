import { createMongoAbility, subject as tagSubject, type MongoAbility, type MongoQuery, type RawRuleFrom } from '@casl/ability';
import { permittedFieldsOf, rulesToAST } from '@casl/ability/extra';
import type { Caller } from '../common/caller.js';
import type { PolicyFile, PolicyRule, PolicyWho } from './policy-file.js';
import { SUBJECTS } from './subjects.js';

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

type Ability = MongoAbility<[string, string | Record<string, unknown>], MongoQuery>;

/** A parameterised SQL condition, e.g. `{sql: '(r.company_id = $3)', params: ['…']}`. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

function whoMatches(who: PolicyWho | 'anyone', caller: Caller): boolean {
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
  private readonly denials: Array<Decision & { reason: string; subject: string; actions: string[] }> = [];

  constructor(
    readonly caller: Caller,
    readonly facts: CallerFacts,
    policies: readonly PolicyFile[],
  ) {
    const raw: Array<RawRuleFrom<[string, string], MongoQuery>> = [];
    const refusals: Array<RawRuleFrom<[string, string], MongoQuery>> = [];
    for (const policy of policies) {
      for (const rule of policy.rules) {
        if (!whoMatches(rule.who, caller)) continue;
        if (rule.effect === 'deny') {
          // Last, so they win over every allowing rule (CASL gives later rules priority).
          this.denials.push({ policy: policy.file, rule: rule.id, article: rule.article, reason: rule.reason, subject: policy.subject, actions: rule.action });
          refusals.push({ action: rule.action, subject: policy.subject, inverted: true });
          continue;
        }
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
        if (missing.length > 0) {
          this.blocked.push({ meta: { file: policy.file, rule }, actions: rule.action, subject: policy.subject, missing });
          continue;
        }
        const conditions: MongoQuery = {};
        if (when.own) conditions[when.own] = caller.organisation.id;
        if (when.self) conditions[when.self] = caller.personId;
        if (when.grant) conditions[when.grant.on] = { $in: [...new Set(grants.map((g) => g.objectId))] };
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
        raw.push({
          action: rule.action,
          subject: policy.subject,
          ...(Object.keys(conditions).length ? { conditions } : {}),
          ...(rule.fields ? { fields: rule.fields } : {}),
          reason: String(index),
        });
      }
    }
    // CASL gives later rules priority: the "can" rules first (their order only matters for reporting), the deny rules last.
    this.casl = createMongoAbility([...raw, ...refusals] as never) as Ability;
  }

  private metaOf(reason: string | undefined): RuleMeta {
    return this.metas[Number(reason)];
  }

  private tag(subjectType: string, record: Record<string, unknown>) {
    return tagSubject(subjectType, { ...record });
  }

  /** May the caller ever do `action` on `subjectType` (some rule applies, whatever the record, and none refuses it)? */
  canEver(action: string, subjectType: string): boolean {
    if (this.refusedBy(action, subjectType)) return false;
    return this.casl.rulesFor(action, subjectType).some((r) => !r.inverted);
  }

  /** The deny rule that refuses `action` on `subjectType` to this caller, if any (named in the 403 with its article). */
  refusedBy(action: string, subjectType: string): (Decision & { reason: string }) | undefined {
    const d = this.denials.find((x) => x.subject === subjectType && x.actions.includes(action));
    return d && { policy: d.policy, rule: d.rule, article: d.article, reason: d.reason };
  }

  /** The rules that would allow `action` on `subjectType` to someone, for naming them in a refusal. */
  static rulesAllowing(policies: readonly PolicyFile[], action: string, subjectType: string): Decision[] {
    return policies
      .filter((p) => p.subject === subjectType)
      .flatMap((p) => p.rules.filter((r) => r.effect !== 'deny' && r.action.includes(action)).map((r) => ({ policy: p.file, rule: r.id, article: r.article })));
  }

  /** May the caller do `action` on this record (and, if given, this field)? */
  can(action: string, subjectType: string, record: Record<string, unknown>, field?: string): boolean {
    return this.casl.can(action, this.tag(subjectType, record), field);
  }

  /** The caller facts that would open `action` on `subjectType`, from rules that describe the caller. */
  missing(action: string, subjectType: string): string[] {
    const out = new Set<string>();
    for (const b of this.blocked) if (b.subject === subjectType && b.actions.includes(action)) b.missing.forEach((m) => out.add(m));
    return [...out];
  }

  /** The rules that allow `action` (on the record, if given): file, rule id and article. */
  allowedBy(action: string, subjectType: string, record?: Record<string, unknown>): Decision[] {
    const rules = this.casl.rulesFor(action, subjectType).filter((r) => !r.inverted && (!record || r.matchesConditions(this.tag(subjectType, record))));
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
      fieldsFrom: (rule) => (rule.fields as string[] | undefined) ?? allFieldsOf(subjectType),
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
    return { sql: walk(ast as Node), params };
  }
}

/** Keeps only the permitted fields of a plain record (top-level names; `*` keeps everything). */
export function pickFields<T extends Record<string, unknown>>(record: T, fields: readonly string[]): Partial<T> {
  if (fields.includes('*')) return { ...record };
  const out: Record<string, unknown> = {};
  for (const f of fields) if (!f.includes('.') && f in record) out[f] = record[f];
  return out as Partial<T>;
}
