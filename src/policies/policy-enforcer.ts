import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller.js';
import { NotAllowed } from '../common/errors.js';
import type { RoutePolicy } from './policy.decorator.js';
import { PoliciesService } from './policies.service.js';
import type { PolicyEnforcer } from './request.guard.js';

/**
 * The guard's check (POLICY_ENFORCER): may this caller ever do the route's action on its subject? If no rule
 * applies, 403 with the missing grants (e.g. `nda:cso-monitoring`). The record itself is decided later by the
 * service's scoped query. The ability built here is reused by the services of the same request.
 */
@Injectable()
export class CaslPolicyEnforcer implements PolicyEnforcer {
  constructor(private readonly policies: PoliciesService) {}

  async enforce(caller: Caller, policy: RoutePolicy): Promise<void> {
    if ((await this.policies.abilityForRoute(caller)).canEver(policy.action, policy.subject)) return;
    // A route's facts may be those on its record only (FactRefs.recordsOnly): they settle a "yes", since a grant only
    // ever adds a rule with a record condition; a "no" is decided again with every fact (issue 18).
    const ability = await this.policies.abilityFor(caller);
    if (!ability.canEver(policy.action, policy.subject)) {
      throw NotAllowed.byPolicy(ability.refusal(policy.action, policy.subject));
    }
  }
}
