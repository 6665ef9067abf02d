import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/caller.js';
import { PoliciesService } from '../../policies/policies.service.js';

export interface SecondFactorDecision {
  required: boolean;
  decidedBy: Array<{ policy: string; rule: string; article: string }>;
}

/**
 * Whether a person must use a second factor: `policies/second-factor.yaml`, action `go-without` on the person's own
 * record. The record carries the caller's open art-22 access windows (the `disclosure-access` fact of this request),
 * so the rule on that fact applies whenever one is open.
 */
@Injectable()
export class SecondFactorRule {
  constructor(private readonly policies: PoliciesService) {}

  async decide(caller: Caller): Promise<SecondFactorDecision> {
    const ability = await this.policies.abilityFor(caller);
    const record = {
      personId: caller.personId,
      organisationId: caller.organisation.id,
      accessWindows: ability.facts.grants.filter((g) => g.kind === 'disclosure-access').map((g) => g.objectId),
    };
    if (ability.can('go-without', 'SecondFactor', record)) return { required: false, decidedBy: ability.allowedBy('go-without', 'SecondFactor', record) };
    return { required: true, decidedBy: ability.refusal('go-without', 'SecondFactor', record).decidedBy };
  }
}
