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

/** Levels a company may choose when it answers a consent request: approve (full) or restrict (region/country). */
export const CONSENT_RESTRICT_LEVELS = ['region', 'country'] as const;
/** Levels the Kerngroep may approve in a restriction case (art. 23-24): hidden, or shared at country or region level. */
export const RESTRICTION_LEVELS = ['hidden', 'country', 'region'] as const;
export type RestrictionLevel = (typeof RESTRICTION_LEVELS)[number];

const rank = (l: DisclosureLevel) => DISCLOSURE_LEVELS.indexOf(l);

/** The more general (more protective) of two levels. */
export const mostGeneral = (a: DisclosureLevel, b: DisclosureLevel): DisclosureLevel => (rank(a) >= rank(b) ? a : b);

/**
 * The level an entry is disclosed at: the company's consent answer (silence is not consent: no identity, shown at
 * country level, DOMAIN.md step 3 and 5), made more general by any approved art-23 restriction.
 */
export function effectiveLevel(consent: DisclosureLevel | null, restriction: RestrictionLevel | null): DisclosureLevel {
  const fromConsent: DisclosureLevel = consent ?? 'country';
  return restriction ? mostGeneral(fromConsent, restriction) : fromConsent;
}
