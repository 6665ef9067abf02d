import { type GroupCount, publishableChildren } from '../aggregated-list/suppression.js';

/**
 * Progress in chain transparency (art. 18: "jaarlijks meer leveranciers aan hun productielocatielijst toe te
 * voegen"; issue 15, item 2). Pure: the input is per company and year, counted in SQL from the plain columns and the
 * blind index (no entry is decrypted for it).
 */
export interface CompanyYear {
  /** a company id, or a number standing for one */
  company: string | number;
  year: number;
  /** distinct suppliers (by blind index) in the year's current list */
  suppliers: number;
  /** of those, suppliers in none of the company's earlier lists */
  added: number;
  /** the deepest tier the list reaches (1 = direct suppliers) */
  deepestTier: number;
  /** distinct suppliers per tier */
  tiers: [number, number, number];
}

export interface CompanyProgressYear extends Omit<CompanyYear, 'company'> {
  /** suppliers more (or fewer) than in the previous year with a list; null for the first */
  change: number | null;
}

/** One company's years, oldest first, each with its change against the year before. */
export function companyProgress(rows: CompanyYear[]): CompanyProgressYear[] {
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  return sorted.map(({ company: _c, ...r }, i) => ({ ...r, change: i === 0 ? null : r.suppliers - sorted[i - 1].suppliers }));
}

export interface AggregatedProgressYear {
  year: number;
  /** companies with a list that year; a year with fewer than k is not published at all */
  companies: number;
  suppliers: number;
  added: number;
  /** companies by the deepest tier their list reaches; null where the cell is suppressed (below k, or derivable) */
  deepestTier: Array<{ tier: number; companies: number | null }>;
}

/**
 * Across companies, never traceable to one (art. 18-19): a year is shown only when at least k companies gave a list,
 * and its split by deepest tier under the aggregated list's small-cell rules (`publishableChildren`: a cell below k
 * is hidden, and so are as many more as it takes that the hidden ones cannot be computed as the difference).
 */
export function aggregatedProgress(rows: CompanyYear[], k: number): AggregatedProgressYear[] {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const out: AggregatedProgressYear[] = [];
  for (const year of years) {
    const of = rows.filter((r) => r.year === year);
    if (of.length < k) continue;
    const cells: GroupCount[] = [1, 2, 3].map((tier) => {
      const companies = of.filter((r) => r.deepestTier === tier).map((r) => r.company);
      return { country: '', activityType: '', region: String(tier), locations: companies.length, companies };
    });
    const shown = new Set(publishableChildren(cells.filter((c) => c.companies.length > 0), k, () => false).map((c) => c.region));
    out.push({
      year,
      companies: of.length,
      suppliers: of.reduce((n, r) => n + r.suppliers, 0),
      added: of.reduce((n, r) => n + r.added, 0),
      deepestTier: cells.map((c) => ({ tier: Number(c.region), companies: c.companies.length === 0 ? 0 : shown.has(c.region) ? c.companies.length : null })),
    });
  }
  return out;
}
