import { type GroupCount, type PublishedCell, suppress } from '../../aggregated-list/suppression.js';

/** One entry in scope that its company declined or left unanswered, with only its classification (no NAW). */
export interface CountedEntry {
  companyId: string;
  country: string;
  region: string | null;
  activityType: string;
  /** an approved art-23/24 restriction (`none`, `region`, `country` or `hidden`): `hidden` is never counted, `country` counts at country level only */
  restrictionLevel: string;
}

/**
 * Art. 19 ("alleen in geaggregeerde vorm") and 22: entries a company declined, or did not answer for (silence is
 * decline), reach the requester only as counts per country, region and activity type, under the aggregated list's
 * threshold and complementary suppression (src/aggregated-list/suppression.ts), never as one row per supplier.
 * Pure.
 */
export function declinedCounts(entries: CountedEntry[], k: number): Array<Omit<PublishedCell, 'material'>> {
  const totals = new Map<string, GroupCount>();
  const regions = new Map<string, GroupCount>();
  const add = (map: Map<string, GroupCount>, key: string, cell: Omit<GroupCount, 'locations' | 'companies'>, companyId: string) => {
    let c = map.get(key);
    if (!c) map.set(key, (c = { ...cell, locations: 0, companies: [] }));
    c.locations++;
    if (!c.companies.includes(companyId)) c.companies.push(companyId);
  };
  for (const e of entries) {
    if (e.restrictionLevel === 'hidden') continue;
    const region = e.restrictionLevel === 'country' ? null : e.region;
    add(totals, `${e.country}\u0000${e.activityType}`, { country: e.country, activityType: e.activityType }, e.companyId);
    add(regions, `${e.country}\u0000${e.activityType}\u0000${region ?? ''}`, { country: e.country, activityType: e.activityType, region }, e.companyId);
  }
  return suppress({ totals: [...totals.values()], regions: [...regions.values()], materials: [] }, k).map(({ material: _m, ...cell }) => cell);
}
