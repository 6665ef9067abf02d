import { type GroupCount, publishableChildren } from '../../aggregated-list/suppression.js';

/**
 * The secretariat's progress report (art. 52) as cells that trace to no company, with the aggregated list's rules
 * (suppression.ts, k = AGGREGATION_MIN_COMPANIES distinct organisations behind a cell): a group whose total rests on
 * fewer than k organisations is suppressed with all its parts; a part below k is suppressed, and then the smallest
 * published parts too until the hidden remainder rests on k or more (else "total minus the parts shown" would give it
 * away). A cell is shown only when both its count and the organisations behind it reach k. An empty part is
 * shown as 0: it traces to nobody. Pure.
 */
/** One counted thing (a party, a company's list, a result, a case, a decided matter). */
export interface CountRow {
  group: string;
  part: string;
  /** the organisations behind it (numbered in the query: no id leaves the database) */
  contributors: number[];
}

export interface ReportCell {
  part: string;
  count: number | null;
  suppressed: boolean;
}

export interface ReportGroup {
  group: string;
  total: number | null;
  suppressed: boolean;
  parts: ReportCell[];
}

/** `parts`: every part a group can have, in the order to show (so empty ones are shown as 0). */
export function reportGroups(rows: CountRow[], groups: readonly string[], parts: readonly string[], k: number): ReportGroup[] {
  return groups.map((group) => {
    const mine = rows.filter((r) => r.group === group);
    const total = new Set(mine.flatMap((r) => r.contributors));
    const counted = (part: string) => mine.filter((r) => r.part === part).length;
    if (mine.length === 0) return { group, total: 0, suppressed: false, parts: parts.map((part) => ({ part, count: 0, suppressed: false })) };
    if (total.size < k || mine.length < k) return { group, total: null, suppressed: true, parts: parts.map((part) => ({ part, count: null, suppressed: true })) };
    const children: GroupCount[] = parts
      .map((part) => ({ country: group, activityType: '', region: part, locations: counted(part), companies: [...new Set(mine.filter((r) => r.part === part).flatMap((r) => r.contributors))] }))
      .filter((c) => c.companies.length > 0);
    const shown = new Set(publishableChildren(children, k, (c) => c.locations < k).map((c) => c.region));
    const present = new Set(children.map((c) => c.region));
    return {
      group,
      total: mine.length,
      suppressed: false,
      parts: parts.map((part) =>
        !present.has(part) ? { part, count: 0, suppressed: false } : shown.has(part) ? { part, count: counted(part), suppressed: false } : { part, count: null, suppressed: true },
      ),
    };
  });
}
