import { describe, expect, it } from 'vitest';
import type { Caller } from '../common/caller.js';
import type { CallerFacts } from './ability.js';
import { abilityKey, BoundedCache } from './ability-cache.js';

const caller = (over: Partial<Caller> = {}): Caller => ({
  personId: 'p1', sessionId: 's1', email: 'a@x.test', name: 'A', language: 'nl', roles: ['member'],
  isKerngroepChair: false, kerngroepSeat: null,
  organisation: { id: 'o1', slug: 'o', name: 'O', kind: 'ngo', isParty: true, constituency: 'ngos', affiliatedTo: null },
  ...over,
});
const facts = (over: Partial<CallerFacts> = {}): CallerFacts => ({ ndas: [{ kind: 'cso-monitoring', signatureId: 'n1' }], modules: ['m'], grants: [], ...over });

describe('abilityKey (issue 18: a built ability is shared only between equal inputs)', () => {
  it('is the same for another session, name or language of the same caller with the same facts', () => {
    expect(abilityKey(caller({ sessionId: 's2', name: 'B', language: 'en' }), facts())).toBe(abilityKey(caller(), facts()));
  });

  it('differs for every change of a fact or of an attribute a rule looks at', () => {
    const base = abilityKey(caller(), facts());
    const changed = [
      abilityKey(caller(), facts({ ndas: [] })), // NDA revoked
      abilityKey(caller(), facts({ ndas: [{ kind: 'cso-monitoring', signatureId: 'n2' }] })), // signed again: another grant id
      abilityKey(caller(), facts({ modules: [] })),
      abilityKey(caller(), facts({ grants: [{ kind: 'case-requester', objectId: 'c1', grantId: 'c1' }] })),
      abilityKey(caller({ personId: 'p2' }), facts()),
      abilityKey(caller({ roles: ['member', 'org_admin'] }), facts()),
      abilityKey(caller({ isKerngroepChair: true }), facts()),
      abilityKey(caller({ kerngroepSeat: { constituency: 'ngos', position: 'fixed' } }), facts()),
      abilityKey(caller({ organisation: { ...caller().organisation, id: 'o2' } }), facts()),
      abilityKey(caller({ organisation: { ...caller().organisation, kind: 'union' } }), facts()),
      abilityKey(caller({ organisation: { ...caller().organisation, isParty: false } }), facts()),
    ];
    for (const key of changed) expect(key).not.toBe(base);
    expect(new Set(changed).size).toBe(changed.length);
  });
});

describe('BoundedCache', () => {
  it('keeps at most `max` entries, the least recently used going first', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });
});
