import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { CONSTITUENCIES, ORGANISATION_KINDS, ROLES, type Constituency, type OrganisationKind, type Role } from '../common/caller.js';
import { NDA_KINDS, SUBJECTS, type NdaKind } from './subjects.js';

/**
 * The policy files (`policies/*.yaml`, format in `policies/README.md`): one file per data class, each rule citing
 * the article it implements. This file parses and validates them; `ability.ts` turns them into CASL rules.
 */

/** Who a rule is about: every key given must hold for the caller (AND); a list means "one of". */
export interface PolicyWho {
  kind?: OrganisationKind[];
  role?: Role[];
  party?: boolean;
  /** holds a Kerngroep seat (fixed or deputy), optionally of one of these constituencies (art. 45) */
  kerngroepSeat?: boolean | Constituency[];
  /** the Kerngroep chair (art. 46) */
  chair?: boolean;
}

/** Conditions: every key given must hold (AND). Caller facts: nda, module. Record conditions: own, self, grant, match. */
export interface PolicyWhen {
  /** the record's field equals the caller's organisation id */
  own?: string;
  /** the record's field equals the caller's person id */
  self?: string;
  /** the caller's organisation holds an active signature of the current text of this NDA kind */
  nda?: NdaKind;
  /** the caller's organisation takes part in a module: `any` or a module name */
  module?: string;
  /** the caller holds a grant of this kind (contributed by a fact provider, e.g. a case grant) on the record's field */
  grant?: { kind: string; on: string };
  /**
   * named facts about the caller and this record (all must hold), each defined once in the owning module's repository
   * and contributed by its fact provider, e.g. `case-beneficiary`; checked on the subject's key field (`id`)
   */
  fact?: string[];
  /** the record's field has one of these values (e.g. a round) */
  match?: Record<string, string | number | boolean | Array<string | number | boolean>>;
}

export interface PolicyRule {
  id: string;
  article: string;
  reason: string;
  action: string[];
  who: PolicyWho | 'anyone';
  when?: PolicyWhen;
  /** the fields this rule opens; absent = all fields */
  fields?: string[];
  /** `deny`: the rule refuses what it describes, whatever an allowing rule says (deny wins); default `allow` */
  effect?: 'allow' | 'deny';
}

export interface PolicyFile {
  /** file name, e.g. monitoring-results.yaml */
  file: string;
  subject: string;
  title: string;
  rules: PolicyRule[];
}

export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`Invalid policy file ${file}:${line}: ${problem}`);
  }
}

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'title', 'rules'],
  properties: {
    subject: { type: 'string', minLength: 1 },
    title: { type: 'string', minLength: 1 },
    rules: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'article', 'reason', 'action', 'who'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          article: { type: 'string', pattern: '^(annex|[0-9]+)([ ,–-]+(annex|[0-9]+))*$' },
          reason: { type: 'string', minLength: 5 },
          action: {
            oneOf: [
              { type: 'string', minLength: 1 },
              { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
            ],
          },
          who: {
            oneOf: [
              { const: 'anyone' },
              {
                type: 'object',
                additionalProperties: false,
                minProperties: 1,
                properties: {
                  kind: { type: 'array', minItems: 1, items: { enum: [...ORGANISATION_KINDS] } },
                  role: { type: 'array', minItems: 1, items: { enum: [...ROLES] } },
                  party: { type: 'boolean' },
                  kerngroepSeat: {
                    oneOf: [{ type: 'boolean' }, { type: 'array', minItems: 1, items: { enum: [...CONSTITUENCIES] } }],
                  },
                  chair: { type: 'boolean' },
                },
              },
            ],
          },
          when: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              own: { type: 'string', minLength: 1 },
              self: { type: 'string', minLength: 1 },
              nda: { enum: [...NDA_KINDS] },
              module: { type: 'string', pattern: '^[a-z0-9-]+$' },
              grant: {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'on'],
                properties: { kind: { type: 'string', pattern: '^[a-z0-9-]+$' }, on: { type: 'string', minLength: 1 } },
              },
              fact: {
                oneOf: [
                  { type: 'string', pattern: '^[a-zA-Z0-9-]+$' },
                  { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-zA-Z0-9-]+$' } },
                ],
              },
              match: {
                type: 'object',
                minProperties: 1,
                additionalProperties: {
                  oneOf: [
                    { type: ['string', 'number', 'boolean'] },
                    { type: 'array', minItems: 1, items: { type: ['string', 'number', 'boolean'] } },
                  ],
                },
              },
            },
          },
          fields: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          effect: { enum: ['allow', 'deny'] },
        },
      },
    },
  },
} as const;

/** A policy file as SCHEMA admits it (before the subject's actions, fields and facts are checked). */
interface RawPolicyFile {
  subject: string;
  title: string;
  rules: Array<Omit<PolicyRule, 'action' | 'when'> & { action: string | string[]; when?: Omit<PolicyWhen, 'fact'> & { fact?: string | string[] } }>;
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile<RawPolicyFile>(SCHEMA);

function lineOf(doc: Document, counter: LineCounter, path: Array<string | number>): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

const pathOf = (instancePath: string): Array<string | number> =>
  instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'file';
  switch (error.keyword) {
    case 'required':
      return `${where === 'file' ? '' : `${where}: `}missing "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `${where}: unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    default:
      return `${where}: ${error.message}`;
  }
}

/** Parses and checks one policy file's text; throws `PolicyFileError` naming the file, line and problem. */
export function parsePolicyFile(file: string, text: string): PolicyFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new PolicyFileError(file, counter.linePos(e.pos[0]).line, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const data = doc.toJS() as unknown;
  if (!validate(data)) {
    // Report the most specific error: the deepest path, and not the summary of a oneOf or its "const" branch.
    const weight = (e: ErrorObject) => e.instancePath.split('/').length * 10 - (['oneOf', 'const', 'type'].includes(e.keyword) ? 5 : 0);
    const error = [...(validate.errors ?? [])].sort((a, b) => weight(b) - weight(a))[0];
    const path = pathOf(error.instancePath);
    if (error.keyword === 'additionalProperties') path.push((error.params as { additionalProperty: string }).additionalProperty);
    throw new PolicyFileError(file, lineOf(doc, counter, path), describe(error));
  }
  // `validate` is the schema's type guard: `data` has the file's shape from here on
  const raw = data;
  const at = (...path: Array<string | number>) => lineOf(doc, counter, path);
  const definition = SUBJECTS[raw.subject];
  if (!definition) {
    throw new PolicyFileError(file, at('subject'), `unknown subject "${raw.subject}" (known: ${Object.keys(SUBJECTS).join(', ')})`);
  }
  const ids = new Set<string>();
  const rules: PolicyRule[] = raw.rules.map((r, i) => {
    if (ids.has(r.id)) throw new PolicyFileError(file, at('rules', i, 'id'), `rules.${i}.id: duplicate rule id "${r.id}"`);
    ids.add(r.id);
    const action = Array.isArray(r.action) ? r.action : [r.action];
    for (const a of action) {
      if (!definition.actions.includes(a)) {
        throw new PolicyFileError(file, at('rules', i, 'action'), `rules.${i}.action: "${a}" is not an action on ${raw.subject} (known: ${definition.actions.join(', ')})`);
      }
    }
    const checkField = (field: string, path: Array<string | number>, what: string) => {
      if (definition.fields && !definition.fields.includes(field)) {
        throw new PolicyFileError(file, at(...path), `${path.join('.')}: ${what} "${field}" is not a field of ${raw.subject} (known: ${definition.fields.join(', ')})`);
      }
    };
    const when = r.when;
    if (when?.own) checkField(when.own, ['rules', i, 'when', 'own'], 'condition field');
    if (when?.self) checkField(when.self, ['rules', i, 'when', 'self'], 'condition field');
    if (when?.grant) checkField(when.grant.on, ['rules', i, 'when', 'grant', 'on'], 'condition field');
    if (when?.fact) checkField(definition.key ?? 'id', ['rules', i, 'when', 'fact'], 'fact key field');
    for (const field of Object.keys(when?.match ?? {})) checkField(field, ['rules', i, 'when', 'match', field], 'condition field');
    (r.fields ?? []).forEach((f, j) => checkField(f, ['rules', i, 'fields', j], 'field'));
    if (r.effect === 'deny' && r.fields) throw new PolicyFileError(file, at('rules', i, 'fields'), `rules.${i}.fields: a deny rule refuses the whole action, not fields`);
    const fact = when?.fact === undefined ? undefined : Array.isArray(when.fact) ? when.fact : [when.fact];
    return { ...r, action, ...(when ? { when: { ...when, ...(fact ? { fact } : {}) } } : {}) } as PolicyRule;
  });
  return { file, subject: raw.subject, title: raw.title, rules };
}

/** Loads every `*.yaml` file of the policy directory; two files for one subject are an error too. */
export function loadPolicyFiles(dir: string): PolicyFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch {
    throw new PolicyFileError(dir, 0, 'the policy directory cannot be read');
  }
  if (names.length === 0) throw new PolicyFileError(dir, 0, 'the policy directory holds no *.yaml files');
  const bySubject = new Map<string, string>();
  return names.map((name) => {
    const policy = parsePolicyFile(name, readFileSync(join(dir, name), 'utf8'));
    const other = bySubject.get(policy.subject);
    if (other) throw new PolicyFileError(basename(name), 1, `subject ${policy.subject} is already governed by ${other}`);
    bySubject.set(policy.subject, name);
    return policy;
  });
}
