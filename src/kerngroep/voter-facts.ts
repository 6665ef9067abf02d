import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PoliciesService } from '../policies/policies.service.js';
import { voterFactsSql } from './rulings.repository.js';

/**
 * The voter facts of policies/cases.yaml (action `vote`: `seat-fixed-member`, `seat-deputy`, `seat-fixed-member-present`,
 * `seat-substitute`, `assembly-party`, `ruling-concerned`; defined in `votersSql`, rulings.repository.ts), read fresh
 * with the caller on every request. Read for parties only: every rule that allows a vote is a party's (art. 40: only
 * parties take part in decisions), so for anyone else they could decide nothing. On a route about one case only that
 * case's ruling, plus per fact whether the caller holds it anywhere.
 */
@Injectable()
export class VoterFacts implements OnModuleInit {
  constructor(private readonly policies: PoliciesService) {}

  onModuleInit(): void {
    this.policies.registerFactProvider({
      name: 'ruling-voters',
      sql: (ref) =>
        `(SELECT CASE WHEN EXISTS (SELECT 1 FROM organisations o WHERE o.id = ${ref.organisationId} AND o.is_party)
                 THEN ${voterFactsSql(ref.personId, ref.organisationId, ref.recordIds)} ELSE '[]'::json END)`,
      read: (json) => ({ grants: json as Array<{ kind: string; objectId: string; grantId: string }> }),
    });
  }
}
