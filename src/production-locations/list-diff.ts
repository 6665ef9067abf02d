/** The fields compared between two revisions of one supplier's entry (its identity is the blind index). */
export const COMPARED = ['postcode', 'city', 'region', 'activityType', 'rawMaterials', 'tier', 'volume', 'contractNotes'] as const;
export type ComparedField = (typeof COMPARED)[number];
export type Facts = { [K in ComparedField]: K extends 'rawMaterials' ? string[] : K extends 'tier' ? number : string | null };
export interface FieldChange {
  field: ComparedField;
  from: unknown;
  to: unknown;
}

export interface Matched<C, I> {
  added: I[];
  removed: C[];
  pairs: Array<{ current: C; incoming: I }>;
}

/**
 * Pairs a year's current entries with a new list's entries by supplier (issue 14 item 3): the key is the blind index
 * of name, address and country, so nothing is decrypted to match. A supplier listed twice pairs its entries in
 * order; what is left is added or removed. Pure.
 */
export function matchBySupplier<C, I>(current: Array<{ key: string; ref: C }>, incoming: Array<{ key: string; ref: I }>): Matched<C, I> {
  const waiting = new Map<string, C[]>();
  for (const c of current) waiting.set(c.key, [...(waiting.get(c.key) ?? []), c.ref]);
  const out: Matched<C, I> = { added: [], removed: [], pairs: [] };
  for (const i of incoming) {
    const c = waiting.get(i.key)?.shift();
    if (c === undefined) out.added.push(i.ref);
    else out.pairs.push({ current: c, incoming: i.ref });
  }
  for (const rest of waiting.values()) out.removed.push(...rest);
  return out;
}

const norm = (f: ComparedField, v: unknown): string => JSON.stringify(f === 'rawMaterials' ? [...(v as string[])].map((x) => x.toLowerCase()).sort() : (v ?? null));

/** The fields of one supplier's entry that differ between the two revisions (raw materials as a set). Pure. */
export function changedFields(now: Facts, next: Facts): FieldChange[] {
  return COMPARED.filter((f) => norm(f, now[f]) !== norm(f, next[f])).map((field) => ({ field, from: now[field] ?? null, to: next[field] ?? null }));
}
