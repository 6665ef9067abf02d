import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GroupCount, suppress } from './suppression.js';

interface Entry {
  company: string;
  country: string;
  activityType: string;
  region: string | null;
  materials: string[];
}

/** The grouping PostgreSQL does (aggregated-list.repository.ts), restated independently for the property. */
function group(entries: Entry[]) {
  const acc = new Map<string, GroupCount>();
  const add = (k: string, base: Omit<GroupCount, 'locations' | 'companies'>, company: string) => {
    let c = acc.get(k);
    if (!c) acc.set(k, (c = { ...base, locations: 0, companies: [] }));
    c.locations++;
    if (!c.companies.includes(company)) c.companies.push(company);
  };
  for (const e of entries) {
    add(`t|${e.country}|${e.activityType}`, { country: e.country, activityType: e.activityType }, e.company);
    add(`r|${e.country}|${e.activityType}|${e.region}`, { country: e.country, activityType: e.activityType, region: e.region }, e.company);
    for (const m of e.materials) add(`m|${e.country}|${e.activityType}|${m}`, { country: e.country, activityType: e.activityType, material: m }, e.company);
  }
  const cells = [...acc.entries()];
  return {
    totals: cells.filter(([k]) => k.startsWith('t|')).map(([, c]) => c),
    regions: cells.filter(([k]) => k.startsWith('r|')).map(([, c]) => c),
    materials: cells.filter(([k]) => k.startsWith('m|')).map(([, c]) => c),
  };
}

const entry = fc.record({
  company: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'),
  country: fc.constantFrom('CD', 'BO', 'NL'),
  activityType: fc.constantFrom('mining', 'smelting'),
  region: fc.constantFrom(null, 'R1', 'R2', 'R3', 'R4'),
  materials: fc.uniqueArray(fc.constantFrom('tin', 'cobalt', 'copper', 'gold'), { minLength: 1, maxLength: 2 }),
});

const distinct = (es: Entry[]) => new Set(es.map((e) => e.company)).size;

/**
 * The invariants of art. 19-20 checked against the raw entries, not against the function's own bookkeeping:
 * every published cell has ≥ k companies, and the subtraction attack (country cell minus its published
 * children) only ever reveals a part that is empty or supported by ≥ k companies.
 */
function checkNotTraceable(entries: Entry[], cells: ReturnType<typeof suppress>, k: number) {
  for (const c of cells) {
    const inCell = entries.filter((e) => e.country === c.country && e.activityType === c.activityType
      && (c.region === null || e.region === c.region) && (c.material === null || e.materials.includes(c.material)));
    expect(distinct(inCell), JSON.stringify(c)).toBeGreaterThanOrEqual(k);
    expect(c.locations).toBe(inCell.length);
    expect(c.companies).toBe(distinct(inCell));
  }
  for (const total of cells.filter((c) => c.region === null && c.material === null)) {
    const inTotal = entries.filter((e) => e.country === total.country && e.activityType === total.activityType);
    const regions = cells.filter((c) => c.country === total.country && c.activityType === total.activityType && c.region !== null);
    // Subtraction attack on regions: what is left is exactly the unpublished part, and it is not traceable.
    const left = inTotal.filter((e) => !regions.some((r) => r.region === e.region));
    expect(total.locations - regions.reduce((n, r) => n + r.locations, 0)).toBe(left.length);
    if (left.length > 0) expect(distinct(left)).toBeGreaterThanOrEqual(k);
    // Materials: the entries behind the hidden material cells together are empty or ≥ k companies.
    const published = new Set(cells.filter((c) => c.country === total.country && c.activityType === total.activityType && c.material !== null).map((c) => c.material));
    const behindHidden = inTotal.filter((e) => e.materials.some((m) => !published.has(m)));
    if (behindHidden.length > 0) expect(distinct(behindHidden)).toBeGreaterThanOrEqual(k);
  }
  // No child is published under a suppressed country cell.
  for (const c of cells.filter((x) => x.region !== null || x.material !== null)) {
    expect(cells.some((t) => t.region === null && t.material === null && t.country === c.country && t.activityType === c.activityType)).toBe(true);
  }
}

describe('aggregated list small-cell protection (art. 19-20, issue 5 item 7)', () => {
  it('property: no published cell below k, and subtracting published cells from their totals reveals nothing below k', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (entries, k) => {
        checkNotTraceable(entries, suppress(group(entries), k), k);
      }),
      { numRuns: 400 },
    );
  });

  it('generalises a small region to its country and hides a second region that would give it away', () => {
    const e = (company: string, region: string | null): Entry => ({ company, country: 'CD', activityType: 'mining', region, materials: ['tin'] });
    const entries = [e('a', 'CD-NK'), e('b', 'CD-NK'), e('c', 'CD-NK'), e('d', 'CD-NK'), e('a', 'CD-SK'), e('b', 'CD-SK'), e('c', 'CD-SK'), e('x', 'CD-HK')];
    const cells = suppress(group(entries), 3);
    // CD-HK has one company: generalised; publishing both CD-NK and CD-SK would reveal it as 8 - 4 - 3 = 1
    // location of one company, so the smaller (CD-SK) is hidden too; the hidden part then has 4 companies.
    expect(cells.filter((c) => c.material === null).map((c) => [c.region, c.locations, c.companies])).toEqual([
      [null, 8, 5],
      ['CD-NK', 4, 4],
    ]);
    checkNotTraceable(entries, cells, 3);
  });

  it('suppresses a country cell below k with all its children', () => {
    const entries: Entry[] = [
      { company: 'a', country: 'BO', activityType: 'mining', region: 'BO-P', materials: ['tin'] },
      { company: 'b', country: 'BO', activityType: 'mining', region: 'BO-P', materials: ['tin'] },
    ];
    expect(suppress(group(entries), 3)).toEqual([]);
    expect(suppress(group(entries), 2).length).toBeGreaterThan(0);
  });
});
