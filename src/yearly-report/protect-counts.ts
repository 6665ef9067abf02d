/**
 * Small-count protection for the yearly report (art. 19's "niet herleidbaar naar individuele bedrijven", applied
 * to every figure of the report; issue 15, item 5). A distribution (e.g. signals green/orange/red of one round, or
 * the outcomes of the restriction requests of a year) is published with its total, but:
 * 1. a count of 1 to k-1 is withheld (null): it could point at a company; 0 is shown (it points at nobody);
 * 2. complementary: the withheld counts together must be ≥ k, else the total minus the shown counts would give
 *    them away; the smallest shown positive count is withheld too, and so on;
 * 3. if even then the withheld part is below k (nothing left to withhold), the total is withheld as well, and if
 *    the total itself is below k everything is withheld.
 */
export interface ProtectedCounts {
  total: number | null;
  counts: Record<string, number | null>;
}

export function protectCounts(counts: Record<string, number>, k: number): ProtectedCounts {
  const keys = Object.keys(counts);
  const total = keys.reduce((n, key) => n + counts[key], 0);
  if (total > 0 && total < k) return { total: null, counts: Object.fromEntries(keys.map((key) => [key, counts[key] === 0 ? 0 : null])) };
  const hidden = new Set(keys.filter((key) => counts[key] > 0 && counts[key] < k));
  const sumHidden = () => [...hidden].reduce((n, key) => n + counts[key], 0);
  const shown = keys.filter((key) => !hidden.has(key) && counts[key] > 0).sort((a, b) => counts[a] - counts[b] || a.localeCompare(b));
  while (hidden.size > 0 && sumHidden() < k && shown.length > 0) hidden.add(shown.shift()!);
  const totalHidden = hidden.size > 0 && sumHidden() < k;
  return { total: totalHidden ? null : total, counts: Object.fromEntries(keys.map((key) => [key, hidden.has(key) ? null : counts[key]])) };
}
