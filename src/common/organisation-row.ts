import type { Constituency } from './caller.js';

/**
 * An organisation's row as the case and ruling rules read it (requester, sponsor, subject, concerned organisation,
 * party, constituency): the columns of `organisations` those rules decide on, read by each module's own repository.
 */
export interface OrganisationRuleRow {
  id: string;
  name: string;
  kind: string;
  is_party: boolean;
  constituency: Constituency | null;
  status: string;
  affiliated_to: string | null;
}
