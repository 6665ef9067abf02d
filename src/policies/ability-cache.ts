import type { Caller } from '../common/caller.js';
import type { CallerFacts } from './ability.js';

/**
 * The key of a built ability: everything a `CallerAbility` is built from — the caller's attributes that rules look
 * at (person, organisation, its kind and party status, roles, chair flag, Kerngroep seat) and the facts, exactly as
 * read this request. The facts are still read fresh from PostgreSQL on every request; only the CASL build
 * (~96 µs, issue 18) is shared between requests whose inputs are equal, so a revoked NDA or a changed grant is a
 * different key on the very next request. Session, name, email and language are not inputs of any rule.
 */
export function abilityKey(caller: Caller, facts: CallerFacts): string {
  const o = caller.organisation;
  return JSON.stringify([
    caller.personId, o.id, o.kind, o.isParty, caller.roles, caller.isKerngroepChair, caller.kerngroepSeat,
    facts.ndas, facts.modules, facts.grants,
  ]);
}

/** A bounded map, least recently used out first (a Map keeps insertion order; a hit is moved to the end). */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
