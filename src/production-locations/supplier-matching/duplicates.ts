import { MIN_SHARED_KEYS, type MatchKeys, MATCH_KEY_KINDS, sharedKeys } from './match-keys.js';
import type { MatchProfile } from './match-profile.js';
import { scorePair } from './match-score.js';

export interface IndexedEntry {
  /** 1-based data row of the upload */
  row: number;
  profile: MatchProfile;
  keys: MatchKeys;
  exact: string;
  osId: string | null;
}

/** Rows of one list that look like the same supplier, for the upload's warning (issue 16 item 5). */
export interface DuplicateWarning {
  rows: number[];
  problem: string;
}

/**
 * Groups the rows of one list that are the same supplier (issue 16 item 5): same exact blind index, same OS ID, or
 * a pair sharing enough fuzzy indexes whose score reaches `threshold`. The company sees its own plaintext, so this
 * runs on it at upload; linear in the rows plus the (few) pairs that share indexes.
 */
export function duplicatesWithin(entries: IndexedEntry[], threshold: number): DuplicateWarning[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  const byValue = new Map<string, number[]>();
  const add = (k: string, i: number) => {
    const list = byValue.get(k);
    if (list) list.push(i);
    else byValue.set(k, [i]);
  };
  entries.forEach((e, i) => {
    add(`x:${e.exact}`, i);
    if (e.osId) add(`o:${e.osId}`, i);
    for (const kind of MATCH_KEY_KINDS) if (e.keys[kind] !== null) add(`${kind}:${e.keys[kind]}`, i);
  });
  const checked = new Set<string>();
  for (const [value, list] of byValue) {
    if (list.length < 2 || list.length > 50) continue; // a very common value (a big city's postcode) proves nothing alone
    const certain = value.startsWith('x:') || value.startsWith('o:');
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const [i, j] = [list[a], list[b]];
        if (certain) {
          union(i, j);
          continue;
        }
        const pair = `${i}:${j}`;
        if (checked.has(pair)) continue;
        checked.add(pair);
        if (sharedKeys(entries[i].keys, entries[j].keys) >= MIN_SHARED_KEYS && scorePair(entries[i].profile, entries[j].profile).score >= threshold) union(i, j);
      }
    }
  }
  const groups = new Map<number, number[]>();
  entries.forEach((e, i) => {
    if (parent.get(i) === undefined) return;
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(e.row);
    else groups.set(r, [e.row]);
  });
  return [...groups.values()]
    .filter((rows) => rows.length > 1)
    .map((rows) => rows.sort((x, y) => x - y))
    .sort((x, y) => x[0] - y[0])
    .map((rows) => ({ rows, problem: `rows ${rows.join(', ')} look like the same supplier` }));
}
