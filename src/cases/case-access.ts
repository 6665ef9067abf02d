import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
import { CASE_GRANT_KINDS, CasesRepository, type CaseRow, grantsOnCasesSql, grantsSql } from './cases.repository.js';

/** The caller's case grants, by case id. */
export type Grants = Map<string, Set<string>>;

/**
 * Who plays which part in a case, as caller facts for policies/cases.yaml (`when.grant`), and the one-record check
 * every case use case starts with: lock the row, then ask the policy whether the caller may do this to it.
 */
@Injectable()
export class CaseAccess implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly policies: PoliciesService,
  ) {}

  onModuleInit(): void {
    // Case grants are caller facts for policies/cases.yaml, read fresh from PostgreSQL on every request.
    this.policies.registerFactProvider({
      name: 'cases',
      // rules about anyone use some of these kinds, so this says which subjects' requests read them, not for whom
      provides: { grants: CASE_GRANT_KINDS },
      // folded into the session check's statement: one round trip per request for the caller and all their facts
      // on a route about one case (`recordParam`), only the grants on it plus, per kind, whether any exist (issue 18)
      sql: (ref) =>
        `(SELECT coalesce(json_agg(json_build_object('kind', g.kind, 'objectId', g.case_id, 'grantId', g.case_id)), '[]'::json)
            FROM (${ref.recordIds ? grantsOnCasesSql(ref.personId, ref.organisationId, ref.recordIds, ref.kinds, ref.recordsOnly) : grantsSql(ref.personId, ref.organisationId, ref.kinds)}) g)`,
      read: (json) => ({ grants: json as Array<{ kind: string; objectId: string; grantId: string }> }),
    });
    this.policies.registerRecordLoader('Case', async (id) => ((await this.cases.find(this.db.manager, id)) ? { id } : null));
  }

  /** The caller's case grants, by case id: on every case, or (`caseId`) on that one. */
  async grantsOf(caller: Caller, caseId?: string): Promise<Grants> {
    // The per-request ability's facts: no query once built, so it is safe inside a transaction holding a case lock.
    const ability = caseId ? await this.policies.abilityForRecord(caller, 'Case', { id: caseId }) : await this.policies.abilityFor(caller);
    const facts = ability.facts;
    const grants: Grants = new Map();
    for (const g of facts.grants) {
      let set = grants.get(g.objectId);
      if (!set) grants.set(g.objectId, (set = new Set()));
      set.add(g.kind);
    }
    return grants;
  }

  /**
   * Locks the case and checks the caller may `action` it. The caller's ability must have been built before the
   * transaction (`freshAbility`): a transaction holding a case lock never waits for a second pool connection, so 50
   * concurrent requests on one case cannot starve the pool.
   */
  async lockVisible(m: EntityManager, caller: Caller, id: string, action: string): Promise<CaseRow> {
    const c = await this.cases.lock(m, id);
    if (!c) throw new NotFound('case', id);
    await this.policies.authorizeRecord(caller, action, 'Case', { id }, { id });
    return c;
  }

  /** Facts fresh from PostgreSQL for this request (a grant may have changed since the guard built the ability). */
  async freshAbility(caller: Caller): Promise<void> {
    await this.policies.rebuildAbility(caller);
  }
}
