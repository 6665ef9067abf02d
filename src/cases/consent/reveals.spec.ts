import { describe, expect, it } from 'vitest';
import type { CaseEntryView } from '../../production-locations/production-locations.service.js';
import { revealsOf } from './reveals.js';

const entry = (restrictionLevel: string): CaseEntryView => ({
  id: 'e1',
  identityShown: true,
  supplierName: 'Mine A',
  address: 'Road 1',
  postcode: null,
  city: 'Kolwezi',
  country: 'CD',
  region: 'CD-LU',
  regionName: 'Lualaba',
  activityType: 'mining',
  rawMaterials: ['cobalt'],
  tier: 3,
  restrictionLevel,
});

describe('revealsOf: what each consent choice shows the requester (art. 19, 22-24)', () => {
  it('identity shows name and address; region and country only the facts; decline only counts', () => {
    const r = revealsOf(entry('none'));
    expect(r.identity).toEqual({ level: 'full', shows: { supplierName: 'Mine A', address: 'Road 1', postcode: null, city: 'Kolwezi', country: 'CD', region: 'CD-LU', regionName: 'Lualaba', activityType: 'mining', rawMaterials: ['cobalt'] } });
    expect(r.region).toEqual({ level: 'region', shows: { country: 'CD', region: 'CD-LU', regionName: 'Lualaba', activityType: 'mining', rawMaterials: ['cobalt'] } });
    expect(r.country).toEqual({ level: 'country', shows: { country: 'CD', activityType: 'mining', rawMaterials: ['cobalt'] } });
    expect(r.decline).toEqual({ level: 'counted', shows: {} });
  });

  it('an approved restriction makes every answer at most as revealing as the restriction', () => {
    const r = revealsOf(entry('country'));
    expect(r.identity.level).toBe('country');
    expect(r.identity.shows).not.toHaveProperty('supplierName');
    expect(r.region.shows).not.toHaveProperty('region');
    expect(r.region.shows).not.toHaveProperty('regionName');
    expect(revealsOf(entry('hidden')).identity).toEqual({ level: 'hidden', shows: {} });
  });
});
