/** Activity types of a production location (issue 5 item 1). */
export const ACTIVITY_TYPES = ['mining', 'smelting', 'refining', 'processing', 'manufacturing', 'recycling', 'trading'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * The restriction level applying to an entry, set by an approved art. 23-24 restriction (or a company's
 * restricted consent in an art. 22 case): `region` — shown at region level at most (no supplier identity),
 * `country` — country only, `hidden` — never disclosed and left out of the aggregated list.
 */
export const RESTRICTION_LEVELS = ['none', 'region', 'country', 'hidden'] as const;
export type RestrictionLevel = (typeof RESTRICTION_LEVELS)[number];

/** The level at which an entry is shown in an art. 22 disclosure: supplier identity, region, or country only. */
export type DisclosureLevel = 'full' | 'region' | 'country';

/** Tier 1, 2 or 3+ (stored as 3). */
export type Tier = 1 | 2 | 3;

/** The plaintext of one entry as a company supplies it. NAW and competition-sensitive fields are sealed at rest. */
export interface LocationInput {
  supplierName: string;
  address: string;
  postcode: string | null;
  city: string;
  country: string;
  region: string | null;
  activityType: ActivityType;
  rawMaterials: string[];
  tier: Tier;
  volume: string | null;
  contractNotes: string | null;
  /** Open Supply Hub facility ID, normalised (issue 16 item 4); sealed like the NAW, never leaves the service */
  osId?: string | null;
}

/** How strict each level is; the stricter of two levels wins (an approved restriction is never loosened). */
const STRICTNESS: Record<RestrictionLevel | DisclosureLevel, number> = { none: 0, full: 0, region: 1, country: 2, hidden: 3 };

/**
 * The level at which an entry may be disclosed, given the level asked for (e.g. a company's consent) and the
 * restriction on the entry (art. 23-24: "an approved restriction applies to every later disclosure").
 * Returns null when the entry must not be shown at all.
 */
export function effectiveDisclosureLevel(requested: DisclosureLevel, restriction: RestrictionLevel): DisclosureLevel | null {
  const s = Math.max(STRICTNESS[requested], STRICTNESS[restriction]);
  return s === 0 ? 'full' : s === 1 ? 'region' : s === 2 ? 'country' : null;
}

/** The stricter of two restriction levels. */
export function stricterRestriction(a: RestrictionLevel, b: RestrictionLevel): RestrictionLevel {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}
