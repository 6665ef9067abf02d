import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '../common/caller.js';
import type { RouteRead } from '../common/route-read.js';
import { preparedQuery } from '../common/prepared-query.js';
import { NotAllowed, NotFound } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CallerAbility, type CallerFacts, type Decision, type GrantUsed, recordKeysOf, type SqlCondition } from './ability.js';
import { abilityKey, BoundedCache } from './ability-cache.js';
import { type CallerColumns, contributesTo, coversNeeds, type FactNeeds, factsNeededBy, FactSelection, type ProvidedFacts } from './fact-selection.js';
import { loadPolicyFiles, type PolicyFile } from './policy-file.js';

/**
 * Built abilities kept across requests (a few kB each); the least recently used go first. An ability whose key
 * (mostly its grants) is longer than ABILITY_KEY_MAX is built per request and not kept, so a caller with thousands
 * of grants cannot make the cache hold hundreds of MB.
 */
const ABILITY_CACHE_SIZE = 1000;
const ABILITY_KEY_MAX = 16_384;

/**
 * Contributes facts about a caller to the ability, read from PostgreSQL on every request. The NDA module
 * contributes active NDAs; the cases module contributes case grants (`{kind, objectId, grantId}`). Register in
 * your module's `onModuleInit`: `policies.registerFactProvider({ name: 'cases', sql: (ref) => …, read: (json) => … })`.
 *
 * Prefer the SQL form: its scalar subquery is folded into the statement that checks the session, so the caller
 * and all their facts come back in ONE round trip per request (same snapshot, nothing cached). `factsFor` (a
 * query of its own, run concurrently with the others) remains for facts that cannot be one subquery.
 */
export type CallerFactProvider = SqlFactProvider | QueryFactProvider;

export interface QueryFactProvider {
  readonly name: string;
  /** what it contributes: read only for callers some rule using it can apply to (`FactSelection`); unset: for everyone */
  readonly provides?: ProvidedFacts;
  factsFor(caller: Caller): Promise<Partial<CallerFacts>>;
}

/** SQL expressions (already typed `uuid`) for the caller's person and organisation ids, to use in a fact subquery. */
export interface FactRefs {
  personId: string;
  organisationId: string;
  /**
   * When set, a `uuid[]` expression naming the only records this request is about (the route's `:id`, see
   * `FactScope`): a provider whose facts are per record (case grants) may read just those, plus whether the caller
   * holds each kind of fact anywhere. Unset: every fact.
   */
  recordIds?: string;
  /**
   * When set (the session statement, where the caller is read in the same statement), the caller's attributes as
   * columns: each provider's subquery then runs only when some rule that uses its facts describes the caller.
   */
  caller?: CallerColumns;
  /**
   * When set, the only grant kinds this request's rules can look at (`FactScope.subjects`): a provider of several kinds
   * may read just these. Unset: every kind.
   */
  kinds?: readonly string[];
  /**
   * With `recordIds`: only the facts on those records, without the per-kind "holds it anywhere" rows. An ability built
   * from them decides the records named exactly, and "may ever" exactly when it says yes (a grant only ever adds a rule
   * with a record condition); `PoliciesService` decides every "no" again with every fact (issue 18: the probes cost
   * more than the grants on the one case a route is about).
   */
  recordsOnly?: boolean;
}

/**
 * Which of the caller's facts a request reads (issue 18): `all` of them (the default), or a scope — the per-record
 * facts on the records the route names (`ids`) plus, per kind, whether the caller holds it anywhere; and, with
 * `subjects`, only the facts the rules of those subjects use (`factsNeededBy`; the route's subject), plus `shows`
 * (facts the route shows as they are). NDAs, modules and the caller's attributes are read in full when read at all.
 * A request that then asks about another record, a subject whose rules use facts not read, or for a list, reads every
 * fact first (`PoliciesService.widen`), so a scope can only make a request cheaper, never change a decision.
 */
export type FactScope =
  | { readonly all: true }
  | { readonly all: false; readonly ids: readonly string[]; readonly subjects?: readonly string[]; readonly shows?: ProvidedFacts };
export const ALL_FACTS: FactScope = { all: true };

/**
 * The record id of a "the caller holds this kind of fact somewhere" row, which a provider adds under a scope so the
 * guard's "may ever" is decided as with every fact: no record has this id, so it opens none.
 */
export const ANY_RECORD = '00000000-0000-0000-0000-000000000000';

export interface SqlFactProvider {
  readonly name: string;
  /** what it contributes: read only for callers some rule using it can apply to (`FactSelection`); unset: for everyone */
  readonly provides?: ProvidedFacts;
  /** A scalar subquery (in parentheses) returning one `json` value, e.g. `(SELECT coalesce(json_agg(…), '[]') FROM … WHERE organisation_id = ${ref.organisationId})`. */
  sql(ref: FactRefs): string;
  /** Turns that json value into facts. */
  read(json: unknown): Partial<CallerFacts>;
}

/** The fact subqueries as extra select columns, and how to turn a row carrying them into the caller's facts. */
export interface FactColumns {
  /** `, (…) AS "fact:modules", (…) AS "fact:ndas"` — append to a select list that has the refs in scope */
  select: string;
  /** whether `select` refers to `FactRefs.recordIds` (a statement must not be given a parameter it does not use) */
  usesRecordIds: boolean;
  /** the facts from such a row (plus those of query providers, run now) */
  collect(caller: Caller, row: Record<string, unknown>): Promise<CallerFacts>;
}

const isSql = (p: CallerFactProvider): p is SqlFactProvider => typeof (p as SqlFactProvider).sql === 'function';

/** Loads one record of a subject by id with the fields its policy conditions name (for explain `?id=`). */
export type RecordLoader = (id: string) => Promise<Record<string, unknown> | null>;

export interface RecordDecision {
  /** the fields of the record the caller may see (`*` = all) */
  fields: string[];
  /** what the access relied on, for the audit entry's `grant` */
  grant: GrantUsed;
  decidedBy: Decision[];
}

export interface Explanation {
  allowed: boolean;
  decidedBy: Decision[];
  missing: string[];
}

/**
 * The policy layer other modules use (global): the caller's CASL ability, SQL conditions for list queries,
 * permitted fields of a record, and the one-record check ("absent or not yours" = 404). See policies/README.md.
 */
@Injectable()
export class PoliciesService {
  readonly policies: readonly PolicyFile[];
  private readonly providers: Array<{ provider: CallerFactProvider; selection: FactSelection }> = [];
  private readonly loaders = new Map<string, RecordLoader>();
  // Per request only: a caller object lives as long as its request, so the ability dies with it.
  private readonly perRequest = new WeakMap<Caller, Promise<CallerAbility>>();
  // Per request only: the per-record facts this request's ability was built from, when not all (see FactScope).
  private readonly scopes = new WeakMap<Caller, FactScope>();
  // Per request only: what the route's own read found in the session statement (RouteRead).
  private readonly routeReads = new WeakMap<Caller, { read: RouteRead<unknown>; value: unknown }>();
  private readonly recordKeys = new Map<string, string[]>();
  // The facts a scope's subjects need, and the session statement's fact columns per scope shape (built once each).
  private readonly needs = new Map<string, FactNeeds>();
  private readonly columns = new Map<string, FactColumns>();
  // Across requests, the BUILT ability only, by its inputs (caller attributes + this request's fresh facts).
  private readonly built = new BoundedCache<CallerAbility>(ABILITY_CACHE_SIZE);
  private readonly logger = new Logger('Policies');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    // An invalid file throws PolicyFileError (file, line, problem) and start-up stops (issue 4, item 1).
    this.policies = loadPolicyFiles(config.policiesDir);
    this.logger.log(`Loaded ${this.policies.length} policy files with ${this.policies.reduce((n, p) => n + p.rules.length, 0)} rules`);
    this.registerFactProvider({
      name: 'module-participation',
      provides: { modules: true },
      sql: (ref) =>
        `(SELECT coalesce(json_agg(mp.module ORDER BY mp.module), '[]'::json) FROM current_module_participations mp WHERE mp.organisation_id = ${ref.organisationId})`,
      read: (json) => ({ modules: json as string[] }),
    });
  }

  registerFactProvider(provider: CallerFactProvider): void {
    if (this.providers.some((p) => p.provider.name === provider.name)) throw new Error(`fact provider ${provider.name} registered twice`);
    this.providers.push({ provider, selection: new FactSelection(this.policies, provider.provides) });
  }

  registerRecordLoader(subjectType: string, loader: RecordLoader): void {
    this.loaders.set(subjectType, loader);
  }

  hasRecordLoader(subjectType: string): boolean {
    return this.loaders.has(subjectType);
  }

  /**
   * The SQL providers' subqueries as select columns over `ref` (e.g. `c.person_id`), so a query that already
   * reads the caller (the session check) returns their facts in the same round trip. Only the providers whose facts
   * some rule that can apply to the caller uses are read (`FactSelection`): decided here for a `caller` already known,
   * or in the statement over `ref.caller`'s columns; `collect` decides it again from the caller it read, so the facts
   * are those of the rules that apply, whichever way the statement ran.
   */
  factColumns(ref: FactRefs, known?: Caller, scope: FactScope = ALL_FACTS): FactColumns {
    const needs = this.needsOf(scope);
    // the text depends on the refs and the scope's shape only, so it is built once per shape (and planned once per
    // pooled connection, see preparedQuery); for a known caller it also depends on who they are
    const key = known ? undefined : `${JSON.stringify(ref)}|${needs ? needsKey(needs) : '*'}`;
    const cached = key === undefined ? undefined : this.columns.get(key);
    if (cached) return cached;
    const sql = this.providers
      .map((p, i) => ({ ...p, column: `fact:${i}` }))
      .filter((p): p is typeof p & { provider: SqlFactProvider } => isSql(p.provider) && (!known || p.selection.appliesTo(known)))
      .filter((p) => !needs || contributesTo(p.provider.provides, needs));
    // a route's scope (`subjects`) reads no "anywhere" rows: the guard decides a "no" again with every fact (CaslPolicyEnforcer)
    const refs: FactRefs = needs ? { ...ref, kinds: needs.kinds, ...(ref.recordIds ? { recordsOnly: true } : {}) } : ref;
    const select = sql.map(({ provider, selection, column }) => {
      const subquery = provider.sql(refs);
      if (!ref.caller || selection.always) return `, ${subquery} AS "${column}"`;
      return `, CASE WHEN ${selection.sql(ref.caller)} THEN ${subquery} END AS "${column}"`;
    });
    const queried = this.providers.filter(
      (p): p is typeof p & { provider: QueryFactProvider } => !isSql(p.provider) && (!needs || contributesTo(p.provider.provides, needs)),
    );
    const columns: FactColumns = {
      select: select.join(''),
      usesRecordIds: !!ref.recordIds && select.some((column) => column.includes(ref.recordIds!)),
      collect: async (caller, row) => {
        const parts: Array<Partial<CallerFacts>> = [];
        for (const { provider, selection, column } of sql) {
          if (!selection.appliesTo(caller)) continue;
          if (row[column] === null || row[column] === undefined) throw new Error(`fact provider ${provider.name} was not read for a caller its rules apply to`);
          parts.push(provider.read(row[column]));
        }
        const asked = queried.filter((p) => p.selection.appliesTo(caller));
        if (asked.length) parts.push(...(await Promise.all(asked.map((p) => p.provider.factsFor(caller)))));
        return mergeFacts(parts);
      },
    };
    if (key !== undefined) this.columns.set(key, columns);
    return columns;
  }

  /** The facts a scope reads (`undefined`: every fact), from its subjects' rules and what its route shows. */
  private needsOf(scope: FactScope): FactNeeds | undefined {
    if (scope.all || !scope.subjects) return undefined;
    return this.neededBy(scope.subjects, scope.shows);
  }

  private neededBy(subjects: readonly string[], shows?: ProvidedFacts): FactNeeds {
    const key = `${subjects.join(',')}|${JSON.stringify(shows ?? {})}`;
    let needs = this.needs.get(key);
    if (!needs) this.needs.set(key, (needs = factsNeededBy(this.policies, subjects, shows)));
    return needs;
  }

  /** Gathers the caller's facts from every provider (fresh from PostgreSQL; the SQL ones in one statement). */
  async factsFor(caller: Caller, scope: FactScope = this.scopes.get(caller) ?? ALL_FACTS): Promise<CallerFacts> {
    const columns = this.factColumns({ personId: 'c.person_id', organisationId: 'c.organisation_id', ...(scope.all ? {} : { recordIds: '$3::uuid[]' }) }, caller, scope);
    const row: Record<string, unknown> = columns.select
      ? (await preparedQuery(this.db, `SELECT 1${columns.select} FROM (SELECT $1::uuid AS person_id, $2::uuid AS organisation_id) c`, [
          caller.personId,
          caller.organisation.id,
          ...(columns.usesRecordIds && !scope.all ? [scope.ids] : []),
        ]))[0]
      : {};
    return columns.collect(caller, row);
  }

  /** Keeps what the route's own read (`@Policy(…, { reads })`) found in this request's session statement. */
  useRouteRead(caller: Caller, read: RouteRead<unknown>, value: unknown): void {
    this.routeReads.set(caller, { read, value });
  }

  /**
   * What the route's own read found, read in this request's session statement with its facts (issue 18). Only for
   * the read its route names: asking for another is a defect, not a second query.
   */
  routeRead<T>(caller: Caller, read: RouteRead<T>): T {
    const found = this.routeReads.get(caller);
    if (!found || found.read !== read) throw new Error(`the route read ${read.name} was not read for this request`);
    return found.value as T;
  }

  /**
   * Starts this request's ability from facts the caller was loaded with (the session check read them in the same
   * statement), so the guard and the services of this request do not read them again. `scope`: which per-record
   * facts that statement read.
   */
  useFactsFor(caller: Caller, facts: Promise<CallerFacts>, scope: FactScope = ALL_FACTS): void {
    if (!scope.all) this.scopes.set(caller, scope);
    // kept for this request; a failure reaches whoever awaits the ability (rememberAbility forgets it then)
    void this.rememberAbility(caller, facts);
  }

  /**
   * This request's ability, with every per-record fact: a request whose facts were read for its route's records only
   * reads them all now (once), before anything asks about other records or for a list.
   */
  private async widen(caller: Caller): Promise<CallerAbility> {
    if (!this.scopes.has(caller)) return this.requestAbility(caller);
    this.scopes.delete(caller);
    return this.rebuildAbility(caller);
  }

  /**
   * The ability to ask about `record` of `subjectType` with: this request's, when its facts cover the record (the
   * record's fields that per-record facts point at name records of the scope), else one with every fact.
   */
  async abilityForRecord(caller: Caller, subjectType: string, record: Record<string, unknown>): Promise<CallerAbility> {
    const scope = this.scopes.get(caller);
    if (!scope || scope.all) return this.requestAbility(caller);
    // a subject whose rules use facts this request did not read is decided with every fact
    const read = this.needsOf(scope);
    if (read && !coversNeeds(read, this.neededBy([subjectType]))) return this.widen(caller);
    let keys = this.recordKeys.get(subjectType);
    if (!keys) this.recordKeys.set(subjectType, (keys = recordKeysOf(this.policies, subjectType)));
    const covered = keys.every((field) => typeof record[field] === 'string' && scope.ids.includes(record[field]));
    return covered ? this.requestAbility(caller) : this.widen(caller);
  }

  /**
   * This request's ability as its session check built it, for the route's own subject (the guard's "may ever", and
   * what the route shows of its facts): its facts may be those of the route's subject and its records only, which
   * decide that subject exactly as all of them would. Ask about anything else through `abilityForRecord`/`abilityFor`.
   */
  abilityForRoute(caller: Caller): Promise<CallerAbility> {
    return this.requestAbility(caller);
  }

  /**
   * The caller's ability for this request (decided once per request, then reused by guard and services). The facts
   * behind it are this request's, read fresh; an ability built from equal inputs before is reused (ability-cache.ts).
   */
  abilityFor(caller: Caller): Promise<CallerAbility> {
    return this.widen(caller);
  }

  private requestAbility(caller: Caller): Promise<CallerAbility> {
    return this.perRequest.get(caller) ?? this.rememberAbility(caller, this.factsFor(caller));
  }

  /** Builds the ability from `facts` and keeps it for this request; a failed build is forgotten so a retry reads again. */
  private rememberAbility(caller: Caller, facts: Promise<CallerFacts>): Promise<CallerAbility> {
    const ability = facts.then((f) => {
      const key = abilityKey(caller, f);
      let built = this.built.get(key);
      if (!built) {
        built = new CallerAbility(caller, f, this.policies);
        if (key.length <= ABILITY_KEY_MAX) this.built.set(key, built);
      }
      return built;
    });
    this.perRequest.set(caller, ability);
    ability.catch(() => this.perRequest.delete(caller));
    return ability;
  }

  /**
   * The ability the caller would have with these facts added (e.g. an NDA not signed yet), decided by the same
   * rules; for telling what signing would open (the to-do list's `sign-nda`), never for allowing anything.
   */
  async abilityWith(caller: Caller, extra: Partial<CallerFacts>): Promise<CallerAbility> {
    const f = (await this.abilityFor(caller)).facts;
    return new CallerAbility(caller, mergeFacts([f, extra]), this.policies);
  }

  /** A fresh ability (not the per-request one), e.g. after the caller signed an NDA in this request. */
  async rebuildAbility(caller: Caller): Promise<CallerAbility> {
    this.perRequest.delete(caller);
    return this.requestAbility(caller);
  }

  /**
   * The SQL condition that limits a list query to the rows the caller may `action` (usually `read`):
   * `const where = await policies.scope(caller, 'read', 'MonitoringResult', {companyId: 'r.company_id'}, 2)`,
   * then `... WHERE r.round = $1 AND ${where.sql}` with `[round, ...where.params]`.
   */
  async scope(caller: Caller, action: string, subjectType: string, columns: Record<string, string>, firstParam = 1): Promise<SqlCondition> {
    return (await this.widen(caller)).toSql(action, subjectType, columns, firstParam);
  }

  /**
   * Decides about one loaded record. Not visible under `visibleAs` (default `read`) → NotFound (absent and "not
   * yours" are one answer). Visible but `action` not allowed → NotAllowed with what is missing. Otherwise returns the
   * permitted fields, the grant used (for the audit entry) and the deciding rules.
   */
  async authorizeRecord(
    caller: Caller,
    action: string,
    subjectType: string,
    record: Record<string, unknown>,
    options: { id?: string; visibleAs?: string } = {},
  ): Promise<RecordDecision> {
    const ability = await this.abilityForRecord(caller, subjectType, record);
    const visibleAs = options.visibleAs ?? 'read';
    if (!ability.can(action, subjectType, record)) {
      if (action !== visibleAs && ability.can(visibleAs, subjectType, record)) {
        throw NotAllowed.byPolicy(ability.refusal(action, subjectType, record));
      }
      throw new NotFound(subjectType, options.id);
    }
    return {
      fields: ability.permittedFields(action, subjectType, record),
      grant: ability.grantUsed(action, subjectType, record)!,
      decidedBy: ability.allowedBy(action, subjectType, record),
    };
  }

  /** May the caller do `action` on this record (no refusal thrown)? */
  async can(caller: Caller, action: string, subjectType: string, record: Record<string, unknown>): Promise<boolean> {
    return (await this.abilityForRecord(caller, subjectType, record)).can(action, subjectType, record);
  }

  /**
   * Throws a 403 naming the rule and article that refuse `action` on this record (and what the caller could obtain),
   * unless a rule allows it. For a record the caller may already know (it passed `authorizeRecord` for reading).
   */
  async assertCan(caller: Caller, action: string, subjectType: string, record: Record<string, unknown>): Promise<void> {
    const ability = await this.abilityForRecord(caller, subjectType, record);
    if (!ability.can(action, subjectType, record)) throw NotAllowed.byPolicy(ability.refusal(action, subjectType, record));
  }

  /** GET /api/v1/authz/explain: why the caller may or may not `action` `subjectType` (or the record `id`). */
  async explain(caller: Caller, action: string, subjectType: string, id?: string): Promise<Explanation> {
    const ability = await this.widen(caller);
    const refused = (record?: Record<string, unknown>): Explanation => {
      const r = ability.refusal(action, subjectType, record);
      return { allowed: false, decidedBy: r.decidedBy, missing: r.missing };
    };
    if (id !== undefined) {
      const loader = this.loaders.get(subjectType);
      const record = loader ? await loader(id) : null;
      if (record && ability.can(action, subjectType, record)) {
        return { allowed: true, decidedBy: ability.allowedBy(action, subjectType, record), missing: [] };
      }
      if (record && ability.can('read', subjectType, record)) return refused(record);
      // A record the caller may not see is explained like an absent one (ids do not leak existence): by the rules
      // for the action that describe the caller, none of which opens this record.
      return refused();
    }
    if (ability.canEver(action, subjectType)) return { allowed: true, decidedBy: ability.allowedBy(action, subjectType), missing: [] };
    return refused();
  }
}

const needsKey = (n: FactNeeds) => `${n.ndas ? 'n' : ''}${n.modules ? 'm' : ''}:${n.kinds.join(',')}`;

function mergeFacts(parts: Array<Partial<CallerFacts>>): CallerFacts {
  const facts: CallerFacts = { ndas: [], modules: [], grants: [] };
  for (const part of parts) {
    facts.ndas.push(...(part.ndas ?? []));
    facts.modules.push(...(part.modules ?? []));
    facts.grants.push(...(part.grants ?? []));
  }
  return facts;
}
