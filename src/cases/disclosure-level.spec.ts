import { describe, expect, it } from 'vitest';
import { effectiveLevel, mostGeneral } from './disclosure-level.js';

describe('disclosure level of an entry (art. 19, 22-24)', () => {
  it('art. 19/22: consent shows the supplier identity', () => expect(effectiveLevel('full', null)).toBe('full'));
  it('art. 19: silence is decline: only counted, never a row (issue 11)', () => expect(effectiveLevel(null, null)).toBe('counted'));
  it('art. 19: a declined entry is only counted', () => expect(effectiveLevel('declined', 'region')).toBe('counted'));
  it('art. 22: a company restricting to region level is shown at region level', () => expect(effectiveLevel('region', null)).toBe('region'));
  it('art. 23-24: an approved restriction wins over consent', () => {
    expect(effectiveLevel('full', 'region')).toBe('region');
    expect(effectiveLevel('full', 'hidden')).toBe('hidden');
    expect(effectiveLevel('country', 'region')).toBe('country');
    expect(effectiveLevel(null, 'hidden')).toBe('hidden');
  });
  it('the more general level always wins', () => {
    expect(mostGeneral('region', 'country')).toBe('country');
    expect(mostGeneral('hidden', 'full')).toBe('hidden');
  });
});
