import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller.js';
import { NotAllowed } from '../common/errors.js';
import { CallerAbility } from './ability.js';
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
    const ability = await this.policies.abilityFor(caller);
    if (ability.canEver(policy.action, policy.subject)) return;
    // Every refusal names the rule and the article (issue 11): the deny rule that refused, or else the rules that
    // would have allowed it, none of which describes this caller.
    const refused = ability.refusedBy(policy.action, policy.subject);
    if (refused) {
      throw new NotAllowed(`${refused.reason} (art. ${refused.article}; ${refused.policy}#${refused.rule})`, ability.missing(policy.action, policy.subject));
    }
    const rules = CallerAbility.rulesAllowing(this.policies.policies, policy.action, policy.subject);
    const named = rules.length ? `; only these rules allow it: ${rules.map((r) => `${r.policy}#${r.rule} (art. ${r.article})`).join(', ')}` : '';
    throw new NotAllowed(`No policy lets you ${policy.action} ${policy.subject}${named}`, ability.missing(policy.action, policy.subject));
  }
}
