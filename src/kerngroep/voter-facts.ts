import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PoliciesService } from '../policies/policies.service.js';
import { voterFactsSql } from './rulings.repository.js';

/**
 * The voter facts of policies/cases.yaml (action `vote`: `seat-fixed-member`, `seat-deputy`, `seat-fixed-member-present`,
 * `seat-substitute`, `assembly-party`, `ruling-concerned`; defined in `votersSql`, rulings.repository.ts), read fresh
 * with the caller on every request, for the callers a rule using them can apply to (parties: art. 40). On a route
 * about one case only that case's ruling, plus per fact whether the caller holds it anywhere.
 */
@Injectable()
export class VoterFacts implements OnModuleInit {
  constructor(private readonly policies: PoliciesService) {}

  onModuleInit(): void {
    this.policies.registerFactProvider({
      name: 'ruling-voters',
      // every rule that uses these facts is about parties (art. 40: only parties take part in decisions), so the
      // policy layer reads them for parties only (FactSelection)
      provides: { grants: ['seat-fixed-member', 'seat-deputy', 'seat-fixed-member-present', 'seat-substitute', 'assembly-party', 'ruling-concerned'] },
      sql: (ref) => voterFactsSql(ref.personId, ref.organisationId, ref.recordIds, ref.recordsOnly),
      read: (json) => ({ grants: json as Array<{ kind: string; objectId: string; grantId: string }> }),
    });
  }
}
