import { describe, expect, it } from 'vitest';
import { changedFields, matchBySupplier } from './list-diff.js';

const facts = { postcode: null, city: 'Goma', region: 'CD-NK', activityType: 'mining' as const, rawMaterials: ['cobalt'], tier: 3 as const, volume: null, contractNotes: null };
const side = (key: string, ref: string) => ({ key, ref });

describe('list replacement: matching by supplier and the fields that changed (issue 14)', () => {
  it('pairs by supplier key; the rest is added or removed', () => {
    expect(matchBySupplier([side('a', 'old-a'), side('b', 'old-b')], [side('a', 'new-a'), side('d', 'new-d')])).toEqual({ added: ['new-d'], removed: ['old-b'], pairs: [{ current: 'old-a', incoming: 'new-a' }] });
  });

  it('a supplier listed twice pairs in order; the extra one is added or removed', () => {
    expect(matchBySupplier([side('a', 'o1')], [side('a', 'n1'), side('a', 'n2')])).toEqual({ added: ['n2'], removed: [], pairs: [{ current: 'o1', incoming: 'n1' }] });
    expect(matchBySupplier([side('a', 'o1'), side('a', 'o2')], [])).toEqual({ added: [], removed: ['o1', 'o2'], pairs: [] });
  });

  it('names the changed fields; raw materials compare as a set, case aside', () => {
    expect(changedFields(facts, { ...facts, tier: 2, rawMaterials: ['Cobalt'] })).toEqual([{ field: 'tier', from: 3, to: 2 }]);
    expect(changedFields(facts, { ...facts, volume: '10 t' })).toEqual([{ field: 'volume', from: null, to: '10 t' }]);
    expect(changedFields(facts, facts)).toEqual([]);
  });
});
