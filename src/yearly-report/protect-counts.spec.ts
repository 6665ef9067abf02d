import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectCounts } from './protect-counts.js';

describe('small-count protection of the yearly report (issue 15, item 5)', () => {
  it('withholds counts below k, and one more so the total does not give them away', () => {
    expect(protectCounts({ green: 5, orange: 4, red: 1 }, 3)).toEqual({ total: 10, counts: { green: 5, orange: null, red: null } });
    expect(protectCounts({ green: 5, orange: 0, red: 0 }, 3)).toEqual({ total: 5, counts: { green: 5, orange: 0, red: 0 } });
    expect(protectCounts({ green: 1, orange: 1 }, 3)).toEqual({ total: null, counts: { green: null, orange: null } });
    expect(protectCounts({ green: 2, orange: 2, red: 3 }, 3)).toEqual({ total: 7, counts: { green: null, orange: null, red: 3 } });
  });

  it('property: every shown count is 0 or ≥ k, and the withheld part (total minus shown) is 0 or ≥ k', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.nat({ max: 8 })), fc.integer({ min: 1, max: 5 }), (counts, k) => {
        const p = protectCounts(counts, k);
        const total = Object.values(counts).reduce((x, y) => x + y, 0);
        for (const [key, v] of Object.entries(p.counts)) {
          if (v !== null) expect(v === 0 || v >= k).toBe(true);
          if (v !== null) expect(v).toBe(counts[key]);
        }
        if (p.total !== null) {
          expect(p.total).toBe(total);
          const rest = total - Object.values(p.counts).reduce<number>((x, y) => x + (y ?? 0), 0);
          expect(rest === 0 || rest >= k).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
