import { effectiveDisclosureLevel, type RestrictionLevel } from '../../production-locations/location.types.js';
import type { CaseEntryView } from '../../production-locations/production-locations.service.js';
import { CONSENT_ENTRY_LEVELS, type ConsentEntryLevel, storedLevelOf } from '../disclosure-level.js';

/** What the requester will see of one entry after one consent answer: the level and exactly the values shown. */
export interface Reveal {
  /** `hidden`: an approved art-23 restriction keeps the entry out of every disclosure, counts included;
   *  `counted`: only inside the suppressed counts per country, region and activity (art. 19), never as a row */
  level: 'full' | 'region' | 'country' | 'counted' | 'hidden';
  shows: Partial<Pick<CaseEntryView, 'supplierName' | 'address' | 'postcode' | 'city' | 'country' | 'region' | 'regionName' | 'activityType' | 'rawMaterials'>>;
}

/**
 * Per consent choice, what the requester will see of the entry (issue 14 item 2), by the same rule the access view
 * applies (art. 19, 22-24): the answer made more general by an approved restriction on the entry. Pure.
 */
export function revealsOf(e: CaseEntryView): Record<ConsentEntryLevel, Reveal> {
  const out = {} as Record<ConsentEntryLevel, Reveal>;
  for (const choice of CONSENT_ENTRY_LEVELS) {
    const stored = storedLevelOf(choice);
    if (e.restrictionLevel === 'hidden') {
      out[choice] = { level: 'hidden', shows: {} };
      continue;
    }
    const level = stored === 'declined' ? null : effectiveDisclosureLevel(stored, e.restrictionLevel as RestrictionLevel);
    if (level === null) {
      out[choice] = { level: 'counted', shows: {} };
      continue;
    }
    const facts = { country: e.country, activityType: e.activityType, rawMaterials: e.rawMaterials };
    out[choice] =
      level === 'full'
        ? { level, shows: { supplierName: e.supplierName, address: e.address, postcode: e.postcode, city: e.city, ...facts, region: e.region, regionName: e.regionName } }
        : level === 'region'
          ? { level, shows: { ...facts, region: e.region, regionName: e.regionName } }
          : { level, shows: facts };
  }
  return out;
}
