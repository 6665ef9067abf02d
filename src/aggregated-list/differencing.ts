import { cellId, type PublishedCell } from './suppression.js';

/**
 * Per published cell (by `cellId`), how many locations each company put in it. Internal: never served. Compact:
 * `orgs` holds each company's id once; a cell lists indexes into it (1-based) and the counts, in the same order.
 */
export interface Contributions {
  orgs: string[];
  cells: Record<string, [number[], number[]]>;
}

/** One cell's shares by company id. */
export function sharesOf(c: Contributions, id: string): Map<string, number> {
  const out = new Map<string, number>();
  const cell = c.cells[id];
  if (cell) cell[0].forEach((org, i) => out.set(c.orgs[org - 1], cell[1][i]));
  return out;
}

export interface PublishedVersion {
  year: number;
  cells: PublishedCell[];
  contributions: Contributions;
}

export interface DerivableCell {
  cell: string;
  /** the published version it can be differenced against */
  against: number;
  /** how many companies the difference comes from (1 ≤ n < k) */
  companies: number;
}

/**
 * Differencing across published versions (art. 19-20: "niet herleidbaar naar individuele bedrijven"; issue 15,
 * item 4). Within one version, suppression.ts already makes sure no cell and no "parent minus published children"
 * isolates fewer than k companies. Across versions a reader can subtract a cell's figures in one version from the
 * same cell's figures in another: the difference is then the change of exactly the companies whose contribution
 * changed (entered, left, added or dropped locations). If that change comes from at least one and fewer than k
 * companies, the difference is traceable to them, and the cell may not be published again with changed figures.
 *
 * Cells with identical figures in both versions reveal nothing by differencing (the difference is zero); a cell
 * published in only one version cannot be subtracted. Returns every cell of `next` that fails against any version.
 */
export function derivableCells(next: PublishedVersion, previous: readonly PublishedVersion[], k: number): DerivableCell[] {
  const out: DerivableCell[] = [];
  const indexed = previous.map((prev) => ({ prev, cells: new Map(prev.cells.map((c) => [cellId(c), c])) }));
  for (const cell of next.cells) {
    const id = cellId(cell);
    for (const { prev, cells } of indexed) {
      const before = cells.get(id);
      if (!before || (before.locations === cell.locations && before.companies === cell.companies)) continue;
      const a = sharesOf(next.contributions, id);
      const b = sharesOf(prev.contributions, id);
      let changed = 0;
      for (const org of new Set([...a.keys(), ...b.keys()])) if ((a.get(org) ?? 0) !== (b.get(org) ?? 0)) changed++;
      if (changed > 0 && changed < k) {
        out.push({ cell: id, against: prev.year, companies: changed });
        break;
      }
    }
  }
  return out;
}
