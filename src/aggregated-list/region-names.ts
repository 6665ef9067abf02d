import { iso31662 } from 'iso-3166';
import type { PublishedCell } from './suppression.js';

const NAMES = new Map(iso31662.map((s) => [s.code, s.name]));

/** ISO 3166-2 subdivision code to its name (issue 14, item 5: region names, not codes); null for "the whole country". */
export function regionName(code: string | null): string | null {
  if (code === null) return null;
  return NAMES.get(code) ?? code;
}

export interface CellFilter {
  country?: string;
  region?: string;
  activityType?: string;
  material?: string;
}

/** The page's filters, applied to the published cells (a filter never adds a cell, it only leaves some out). */
export function filterCells(cells: PublishedCell[], f: CellFilter): PublishedCell[] {
  return cells.filter(
    (c) =>
      (!f.country || c.country === f.country) &&
      (!f.region || c.region === f.region) &&
      (!f.activityType || c.activityType === f.activityType) &&
      (!f.material || c.material === f.material),
  );
}
