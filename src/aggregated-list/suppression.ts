/**
 * Small-cell protection of the aggregated production-location list (art. 19-20: "niet herleidbaar naar
 * individuele bedrijven"; issue 5 item 7). Pure: the input is the grouped counts PostgreSQL computed from the
 * plain classification columns (no row is ever decrypted for it), the output the cells that may be published.
 *
 * The table has one parent per (country, activity type) — the country cell — and two families of children:
 * its regions and its raw materials. Rules, with k = AGGREGATION_MIN_COMPANIES distinct companies:
 * 1. A country cell supported by fewer than k companies is suppressed, with all its children (a child never has
 *    more companies than its parent).
 * 2. A region cell below k is generalised to its country: it is not shown on its own, its locations stay in the
 *    country cell. Entries without a region (or restricted to country level) are always in that remainder.
 * 3. Complementary suppression: publishing a country cell and all but some children lets anyone compute the
 *    hidden part as "country minus the published children". So per family, the hidden children together must be
 *    empty or supported by at least k distinct companies; otherwise the smallest published child is hidden too,
 *    and so on (it always ends: hiding every child leaves the country cell itself, which has ≥ k).
 * 4. A raw-material cell below k is suppressed; rule 3 applies to the materials family the same way.
 */
export interface GroupCount {
  country: string;
  activityType: string;
  /** a region cell (null: entries without a region or restricted to country level) */
  region?: string | null;
  material?: string;
  locations: number;
  /** distinct companies supporting the cell (ids, or numbers standing for them) */
  companies: Array<string | number>;
}

export interface PublishedCell {
  country: string;
  region: string | null;
  activityType: string;
  material: string | null;
  locations: number;
  companies: number;
}

export interface SuppressionInput {
  /** one per (country, activity type) */
  totals: GroupCount[];
  /** one per (country, activity type, region-or-null) */
  regions: GroupCount[];
  /** one per (country, activity type, material) */
  materials: GroupCount[];
}

const key = (c: { country: string; activityType: string }) => `${c.country}\u0000${c.activityType}`;

function groupBy(cells: GroupCount[]): Map<string, GroupCount[]> {
  const out = new Map<string, GroupCount[]>();
  for (const c of cells) {
    const k = key(c);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(c);
  }
  return out;
}

/**
 * Which children of one parent may be published (rules 2-4): those with ≥ k companies, minus the smallest ones
 * hidden until the hidden part is empty or has ≥ k companies. `alwaysHidden` children are never published.
 */
export function publishableChildren(children: GroupCount[], k: number, alwaysHidden: (c: GroupCount) => boolean): GroupCount[] {
  const published = children
    .filter((c) => !alwaysHidden(c) && c.companies.length >= k)
    .sort((a, b) => a.companies.length - b.companies.length || a.locations - b.locations || label(a).localeCompare(label(b)));
  const hidden = new Set<string | number>();
  let hiddenCells = 0;
  for (const c of children) {
    if (published.includes(c)) continue;
    hiddenCells++;
    for (const id of c.companies) hidden.add(id);
  }
  while (hiddenCells > 0 && hidden.size < k && published.length > 0) {
    const next = published.shift()!;
    hiddenCells++;
    for (const id of next.companies) hidden.add(id);
  }
  return published;
}

const label = (c: GroupCount) => `${c.region ?? ''}\u0000${c.material ?? ''}`;

/**
 * A cell's stable name, used to name cells in a refusal and to withhold them: `country/activity/region/material`,
 * `*` for "all" (e.g. `CD/mining/*\/*` is the country cell, `CD/mining/CD-NK/*` a region, `CD/mining/*\/cobalt` a material).
 */
export const cellId = (c: { country: string; activityType: string; region?: string | null; material?: string | null }) =>
  `${c.country}/${c.activityType}/${c.region ?? '*'}/${c.material ?? '*'}`;

/**
 * `withheld`: cells the secretariat withholds on top of rules 1-4 (complementary suppression across published
 * versions, src/aggregated-list/differencing.ts). A withheld country cell takes its children with it; a withheld
 * child counts as hidden in rule 3, so the hidden part of its family is still empty or ≥ k.
 */
export function suppress(input: SuppressionInput, k: number, withheld: ReadonlySet<string> = new Set()): PublishedCell[] {
  const regions = groupBy(input.regions);
  const materials = groupBy(input.materials);
  const out: PublishedCell[] = [];
  const totals = [...input.totals].sort((a, b) => a.country.localeCompare(b.country) || a.activityType.localeCompare(b.activityType));
  for (const t of totals) {
    if (t.companies.length < k || withheld.has(cellId(t))) continue; // rule 1, or withheld
    out.push({ country: t.country, region: null, activityType: t.activityType, material: null, locations: t.locations, companies: t.companies.length });
    const r = publishableChildren(regions.get(key(t)) ?? [], k, (c) => c.region === null || c.region === undefined || withheld.has(cellId(c)));
    for (const c of r.sort((a, b) => String(a.region).localeCompare(String(b.region)))) {
      out.push({ country: t.country, region: c.region!, activityType: t.activityType, material: null, locations: c.locations, companies: c.companies.length });
    }
    const m = publishableChildren(materials.get(key(t)) ?? [], k, (c) => withheld.has(cellId(c)));
    for (const c of m.sort((a, b) => String(a.material).localeCompare(String(b.material)))) {
      out.push({ country: t.country, region: null, activityType: t.activityType, material: c.material!, locations: c.locations, companies: c.companies.length });
    }
  }
  return out;
}
