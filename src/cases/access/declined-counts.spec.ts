import { describe, expect, it } from 'vitest';
import { declinedCounts } from './declined-counts.js';

const entry = (companyId: string, country: string, region: string | null, activityType = 'mining', restrictionLevel = 'none') => ({ companyId, country, region, activityType, restrictionLevel });

describe('declined and silent entries as counts (art. 19: only in aggregated form)', () => {
  it('art. 19: fewer than k companies behind a country cell → nothing is published, not even a zero', () => {
    expect(declinedCounts([entry('a', 'CD', 'CD-NK'), entry('b', 'CD', 'CD-NK')], 3)).toEqual([]);
  });

  it('art. 19-20: a cell with k companies is published as counts, never naming a supplier or a company', () => {
    const cells = declinedCounts([entry('a', 'CD', 'CD-NK'), entry('b', 'CD', 'CD-NK'), entry('c', 'CD', 'CD-NK'), entry('c', 'CD', 'CD-NK')], 3);
    expect(cells).toEqual([
      { country: 'CD', region: null, activityType: 'mining', locations: 4, companies: 3 },
      { country: 'CD', region: 'CD-NK', activityType: 'mining', locations: 4, companies: 3 },
    ]);
  });

  it('complementary suppression: a region is hidden when the rest of its country would then be traceable', () => {
    const cells = declinedCounts(
      [entry('a', 'CD', 'CD-NK'), entry('b', 'CD', 'CD-NK'), entry('c', 'CD', 'CD-NK'), entry('d', 'CD', 'CD-SK')],
      3,
    );
    // Publishing CD-NK (3) and CD (4) would reveal CD-SK as one company: CD-NK is hidden too.
    expect(cells).toEqual([{ country: 'CD', region: null, activityType: 'mining', locations: 4, companies: 4 }]);
  });

  it('art. 23-24: a hidden entry is never counted, a country-level one only in its country', () => {
    const cells = declinedCounts(
      [entry('a', 'BO', 'BO-P'), entry('b', 'BO', 'BO-P'), entry('c', 'BO', 'BO-P', 'mining', 'country'), entry('d', 'BO', 'BO-P', 'mining', 'hidden')],
      3,
    );
    expect(cells).toEqual([{ country: 'BO', region: null, activityType: 'mining', locations: 3, companies: 3 }]);
  });
});
