import { describe, expect, it } from 'vitest';
import { aggregatedProgress, companyProgress, type CompanyYear } from './transparency-progress.js';

const row = (company: number, year: number, suppliers: number, added: number, deepestTier: number): CompanyYear => ({
  company, year, suppliers, added, deepestTier, tiers: [suppliers, 0, 0],
});

describe('progress in chain transparency (art. 18)', () => {
  it("a company's years, oldest first, each with its change against the previous list", () => {
    expect(companyProgress([row(1, 2027, 12, 4, 2), row(1, 2026, 8, 8, 1)]).map((y) => [y.year, y.suppliers, y.added, y.deepestTier, y.change])).toEqual([
      [2026, 8, 8, 1, null],
      [2027, 12, 4, 2, 4],
    ]);
  });

  it('across companies: a year with fewer than k companies is left out, sums for the rest', () => {
    const rows = [row(1, 2026, 5, 5, 1), row(2, 2026, 7, 7, 1), row(1, 2027, 6, 1, 1), row(2, 2027, 9, 2, 1), row(3, 2027, 4, 4, 1)];
    const out = aggregatedProgress(rows, 3);
    expect(out.map((y) => [y.year, y.companies, y.suppliers, y.added])).toEqual([[2027, 3, 19, 7]]);
  });

  it('the split by deepest tier hides a cell below k, and another so the hidden one cannot be computed as the difference', () => {
    const rows = [row(1, 2027, 5, 1, 1), row(2, 2027, 5, 1, 1), row(3, 2027, 5, 1, 1), row(4, 2027, 5, 1, 2), row(5, 2027, 5, 1, 2), row(6, 2027, 5, 1, 2), row(7, 2027, 5, 1, 3)];
    const [y] = aggregatedProgress(rows, 3);
    // tier 3 has one company: hidden; alone it would be 7 - 3 - 3, so the smallest shown cell goes too
    expect(y.deepestTier.filter((c) => c.companies === null).length).toBe(2);
    expect(y.deepestTier.find((c) => c.tier === 3)!.companies).toBeNull();
    expect(y.companies).toBe(7);
  });
});
