/**
 * How much of one production-location entry an art-22 requester sees (art. 19, 22-24). Pure.
 *
 * - `full`: supplier identity (NAW) and location, only with the company's prior consent (art. 19, 22);
 * - `region`: country, region, activity type and raw material, no identity;
 * - `country`: country, activity type and raw material;
 * - `hidden`: the entry is not shown at all (an approved art. 23 restriction).
 * Never shown at any level: the buying company and competition-sensitive data (art. 22, 23).
 */
export const DISCLOSURE_LEVELS = ['full', 'region', 'country', 'hidden'] as const;
export type DisclosureLevel = (typeof DISCLOSURE_LEVELS)[number];

/**
 * What a company may answer for one of its entries in a consent request (art. 19, 22): its supplier identity and
 * location (`identity`), only the region or the country, or `decline`. Silence is decline (DOMAIN.md step 3).
 */
export const CONSENT_ENTRY_LEVELS = ['identity', 'region', 'country', 'decline'] as const;
export type ConsentEntryLevel = (typeof CONSENT_ENTRY_LEVELS)[number];
/** How an entry's answer is stored (case_entries.level); `declined` and no answer reach the requester only as counts. */
export const storedLevelOf = (l: ConsentEntryLevel): 'full' | 'region' | 'country' | 'declined' => (l === 'identity' ? 'full' : l === 'decline' ? 'declined' : l);
/** Levels the Kerngroep may approve in a restriction case (art. 23-24): hidden, or shared at country or region level. */
export const RESTRICTION_LEVELS = ['hidden', 'country', 'region'] as const;
export type RestrictionLevel = (typeof RESTRICTION_LEVELS)[number];

const rank = (l: DisclosureLevel) => DISCLOSURE_LEVELS.indexOf(l);

/** The more general (more protective) of two levels. */
export const mostGeneral = (a: DisclosureLevel, b: DisclosureLevel): DisclosureLevel => (rank(a) >= rank(b) ? a : b);

/**
 * How an entry reaches the requester: the company's consent answer, made more general by any approved art-23
 * restriction. Declined and silent entries (silence is decline, DOMAIN.md step 3) are `counted`: only inside the
 * suppressed counts, never as a row (art. 19: "alleen in geaggregeerde vorm"); a hidden entry not even there.
 */
export function effectiveLevel(consent: DisclosureLevel | 'declined' | null, restriction: RestrictionLevel | null): DisclosureLevel | 'counted' {
  if (restriction === 'hidden') return 'hidden';
  if (consent === null || consent === 'declined') return 'counted';
  return restriction ? mostGeneral(consent, restriction) : consent;
}
