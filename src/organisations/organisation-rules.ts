import type { Constituency, OrganisationKind } from '../common/caller.js';
import type { FieldProblem } from '../common/errors.js';

/** The kinds that are parties (art. 40: they sign the agreement and take part in decisions). */
export const PARTY_KINDS: readonly OrganisationKind[] = ['company', 'ngo', 'union', 'branch_org'];

/** The constituency (geleding, art. 45) each party kind belongs to. */
export const CONSTITUENCY_OF: Partial<Record<OrganisationKind, Constituency>> = {
  company: 'companies',
  ngo: 'ngos',
  union: 'unions',
  branch_org: 'branch_orgs',
};

export interface NewOrganisationInput {
  kind: OrganisationKind;
  party?: boolean;
  constituency?: Constituency | null;
  affiliatedTo?: string | null;
}

export interface AffiliationTarget {
  kind: OrganisationKind;
  isParty: boolean;
  constituency: Constituency | null;
  status: string;
}

export interface OrganisationShape {
  isParty: boolean;
  constituency: Constituency | null;
  affiliatedTo: string | null;
}

/**
 * Decides party status, constituency and affiliation of a new organisation from its kind (pure; the service
 * loads the affiliation target). Returns the shape to store, or the problems, one per field:
 * - art. 40: companies, NGOs, unions and branch organisations are parties; supporters (art. 60), local partners
 *   and the secretariat are not, so "a company as supporter" or "a party supporter" is refused;
 * - art. 45: a party's constituency follows from its kind; a non-party has none of its own;
 * - art. 22: a local partner is always affiliated to an NGO or union party (and takes that party's constituency);
 *   no other kind is affiliated;
 * - the secretariat (art. 56) exists once and is not registered through the API.
 */
export function decideOrganisationShape(
  input: NewOrganisationInput,
  affiliation: AffiliationTarget | null | undefined,
): { shape: OrganisationShape } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const kind = input.kind;
  const isParty = PARTY_KINDS.includes(kind);
  if (kind === 'secretariat') problems.push({ field: 'kind', problem: 'the secretariat exists once and cannot be registered (art. 56)' });
  if (input.party !== undefined && input.party !== isParty) {
    problems.push({
      field: 'party',
      problem: isParty
        ? `a ${kind} is always a party, it cannot be a supporter (art. 40)`
        : `a ${kind} is never a party (art. 40${kind === 'supporter' ? ', 60' : ''})`,
    });
  }
  let constituency: Constituency | null = CONSTITUENCY_OF[kind] ?? null;
  if (kind === 'local_partner') {
    if (!input.affiliatedTo) {
      problems.push({ field: 'affiliatedTo', problem: 'a local partner must be affiliated to an NGO or union party (art. 22)' });
    } else if (!affiliation) {
      problems.push({ field: 'affiliatedTo', problem: 'is not a known organisation' });
    } else if (!['ngo', 'union'].includes(affiliation.kind) || !affiliation.isParty || affiliation.status !== 'active') {
      problems.push({ field: 'affiliatedTo', problem: 'must be an active NGO or union party (art. 22)' });
    } else {
      constituency = affiliation.constituency;
    }
  } else if (input.affiliatedTo) {
    problems.push({ field: 'affiliatedTo', problem: 'only a local partner is affiliated to a party (art. 22)' });
  }
  if (input.constituency !== undefined && input.constituency !== null && input.constituency !== constituency) {
    problems.push({
      field: 'constituency',
      problem: constituency
        ? `a ${kind} belongs to the constituency ${constituency} (art. 45)`
        : `a ${kind} has no constituency of its own (art. 45)`,
    });
  }
  if (problems.length) return { problems };
  return { shape: { isParty, constituency, affiliatedTo: kind === 'local_partner' ? (input.affiliatedTo ?? null) : null } };
}

/**
 * Named rules about an organisation another request names (its shape, not who may ask: that is policies/). Each
 * module checks the organisation it is given with these, so "a company", "a participating company" and "a local
 * partner of yours" mean one thing everywhere.
 */
export interface NamedOrganisation {
  kind: string;
  isParty: boolean;
  status: string;
  affiliatedTo: string | null;
}

/**
 * Art. 17-18, 85: only a company has a production-location list and a grievance mechanism. For any other
 * organisation there is none to find, and the answer is the 404 of an unknown id (art. 23: it does not tell that a
 * local partner exists).
 */
export function isCompany(org: Pick<NamedOrganisation, 'kind'>): boolean {
  return org.kind === 'company';
}

/**
 * Art. 83: a complaint concerns only the lack of progress of a participating company: a company that is a party and
 * active (not one that gave notice, art. 73-75, nor one that left).
 */
export function isParticipatingCompany(org: Pick<NamedOrganisation, 'kind' | 'isParty' | 'status'>): boolean {
  return isCompany(org) && org.isParty && org.status === 'active';
}

/**
 * Art. 22: a local cooperation partner or affiliated union files its art-22 request itself; an NGO or union party
 * files on behalf of a local partner affiliated to it.
 */
export function filesDisclosureItself(org: Pick<NamedOrganisation, 'kind'>): boolean {
  return org.kind === 'local_partner';
}

/** Art. 22: `org` is a local partner affiliated to the party `partyId` (the one a party may file for). */
export function isLocalPartnerOf(org: Pick<NamedOrganisation, 'kind' | 'affiliatedTo'>, partyId: string): boolean {
  return org.kind === 'local_partner' && org.affiliatedTo === partyId;
}

/**
 * Art. 9: the monitoring covers the companies that are party to the agreement, so a monitoring result is stored
 * for an organisation of kind `company` only (an NGO, union, branch organisation, supporter, local partner or the
 * secretariat is never monitored). A shape check of the target, not a "who may": the policy on MonitoringResult
 * decides who stores; this decides what a result can be about.
 */
export function isMonitoredKind(kind: OrganisationKind): boolean {
  return isCompany({ kind });
}
