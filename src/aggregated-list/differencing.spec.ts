import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivableCells, type PublishedVersion } from './differencing.js';

const cell = (locations: number, companies: number) => ({ country: 'CD', region: 'CD-NK', activityType: 'mining', material: null, locations, companies });
const version = (year: number, shares: Record<string, number>): PublishedVersion => {
  // Each version numbers its companies its own way (here: reversed), as PostgreSQL's dense_rank does per year.
  const orgs = Object.keys(shares).reverse();
  return {
    year,
    cells: [cell(Object.values(shares).reduce((a, b) => a + b, 0), Object.keys(shares).length)],
    contributions: { orgs, cells: { 'CD/mining/CD-NK/*': [orgs.map((_, i) => i + 1), orgs.map((o) => shares[o])] } },
  };
};

describe('differencing across published versions (art. 19-20, issue 15 item 4)', () => {
  it('a change coming from fewer than k companies is derivable; from k or more, or no change, is not', () => {
    const v1 = version(2025, { a: 1, b: 1, c: 1 });
    expect(derivableCells(version(2026, { a: 2, b: 1, c: 1 }), [v1], 3)).toEqual([{ cell: 'CD/mining/CD-NK/*', against: 2025, companies: 1 }]);
    expect(derivableCells(version(2026, { a: 1, b: 1, c: 1, d: 2 }), [v1], 3)).toHaveLength(1); // d entered alone
    expect(derivableCells(version(2026, { a: 2, b: 2, c: 2 }), [v1], 3)).toEqual([]);
    expect(derivableCells(version(2026, { a: 1, b: 1, c: 1 }), [v1], 3)).toEqual([]);
    // Same figures, other companies: the difference is zero and reveals nothing.
    expect(derivableCells(version(2026, { a: 1, b: 1, d: 1 }), [v1], 3)).toEqual([]);
  });

  it('property: a cell is reported exactly when the figures differ and 1..k-1 companies changed against some version', () => {
    const shares = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 1, max: 3 }), { minKeys: 1 });
    fc.assert(
      fc.property(shares, fc.array(shares, { maxLength: 3 }), fc.integer({ min: 1, max: 4 }), (next, prevs, k) => {
        const previous = prevs.map((s, i) => version(2020 + i, s));
        const got = derivableCells(version(2030, next), previous, k).length > 0;
        const expected = prevs.some((p) => {
          const sum = (s: Record<string, number>) => Object.values(s).reduce((x, y) => x + y, 0);
          if (sum(p) === sum(next) && Object.keys(p).length === Object.keys(next).length) return false;
          const changed = new Set([...Object.keys(p), ...Object.keys(next)].filter((o) => (p[o] ?? 0) !== (next[o] ?? 0))).size;
          return changed > 0 && changed < k;
        });
        expect(got).toBe(expected);
      }),
    );
  });
});
