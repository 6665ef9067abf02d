import { cellId, type PublishedCell } from './suppression.js';

/** Per published cell (by `cellId`), how many locations each company put in it. Internal: never served. */
export type Contributions = Record<string, Record<string, number>>;

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
  for (const cell of next.cells) {
    const id = cellId(cell);
    for (const prev of previous) {
      const before = prev.cells.find((c) => cellId(c) === id);
      if (!before || (before.locations === cell.locations && before.companies === cell.companies)) continue;
      const a = next.contributions[id] ?? {};
      const b = prev.contributions[id] ?? {};
      let changed = 0;
      for (const org of new Set([...Object.keys(a), ...Object.keys(b)])) if ((a[org] ?? 0) !== (b[org] ?? 0)) changed++;
      if (changed > 0 && changed < k) {
        out.push({ cell: id, against: prev.year, companies: changed });
        break;
      }
    }
  }
  return out;
}
