import { sodium } from '../../crypto/sodium.js';
import type { MatchProfile } from './match-profile.js';

/**
 * The fuzzy blind indexes of one supplier entry (issue 16 item 1; README "Finding every buyer of a supplier").
 *
 * Each is a keyed BLAKE2b of one transformation of the entry, under its own subkey derived from the blind-index
 * key, TRUNCATED TO 16 BITS ON PURPOSE (CipherSweet's "blind index planning"): with tens of thousands of entries
 * every value is shared by unrelated suppliers too, so one index alone names no supplier and proves no match. An
 * entry is a candidate for another only when they share at least `MIN_SHARED_KEYS` of them (or the exact index, or
 * the OS ID index): the chance that two unrelated entries share two given 16-bit values by accident is 2^-32.
 * Candidates are then decrypted and scored inside the secretariat's process (match-score.ts).
 *
 * A key is null when its input is missing (no postcode, no house number): a missing value never matches.
 */
export const MATCH_KEY_KINDS = ['name', 'phonetic', 'city_prefix', 'number_postcode', 'street_number', 'city_number'] as const;
export type MatchKeyKind = (typeof MATCH_KEY_KINDS)[number];
export type MatchKeys = Record<MatchKeyKind, number | null>;

/**
 * The version of the fuzzy indexes a row carries (`production_locations.match_keys_version`); NULL: not computed
 * yet (rows stored before issue 16), which the match-key backfill finds and fills (README "Key management").
 */
export const MATCH_KEYS_VERSION = 1;

/** bits kept of each fuzzy index (see the README for the false-positive rate this gives) */
export const MATCH_KEY_BITS = 16;
/** fuzzy indexes two entries must share to become candidates */
export const MIN_SHARED_KEYS = 2;

/** The inputs, by kind: what each index is a hash of. Every one includes the country. */
export function matchKeyInputs(p: MatchProfile): Record<MatchKeyKind, string | null> {
  const c = p.country;
  return {
    name: p.nameTokens.length ? `${c}|${p.nameTokens.join(' ')}` : null,
    phonetic: p.namePhonetic ? `${c}|${p.namePhonetic}` : null,
    city_prefix: p.city && p.nameJoined ? `${c}|${p.city}|${p.nameJoined.slice(0, 4)}` : null,
    number_postcode: p.houseNumber && p.postcode ? `${c}|${p.houseNumber}|${p.postcode}` : null,
    street_number: p.houseNumber && p.streetJoined ? `${c}|${p.streetJoined}|${p.houseNumber}` : null,
    city_number: p.houseNumber && p.city ? `${c}|${p.city}|${p.houseNumber}` : null,
  };
}

/** Subkeys, one per kind, derived once from the blind-index key (a table of one index says nothing of another). */
export class MatchKeyring {
  private readonly subkeys: Map<MatchKeyKind, Uint8Array>;
  private readonly osIdKey: Uint8Array;

  constructor(blindIndexKey: Uint8Array) {
    const derive = (label: string) => sodium.crypto_generichash(32, `ketenkluis/supplier-match/v1/${label}`, blindIndexKey);
    this.subkeys = new Map(MATCH_KEY_KINDS.map((k) => [k, derive(k)]));
    this.osIdKey = derive('os-id');
  }

  keysOf(p: MatchProfile): MatchKeys {
    const inputs = matchKeyInputs(p);
    const out = {} as MatchKeys;
    for (const kind of MATCH_KEY_KINDS) {
      const input = inputs[kind];
      if (input === null) {
        out[kind] = null;
        continue;
      }
      const h = sodium.crypto_generichash(16, input, this.subkeys.get(kind)!);
      out[kind] = (h[0] << 8) | h[1]; // the first MATCH_KEY_BITS bits
    }
    return out;
  }

  /**
   * The OS ID's own blind index, full 16 bytes like the exact supplier index: the OS ID is an identifier, so equal
   * ids are the same facility (an "at once" match, issue 16 item 4); the table shows only that two entries share one.
   */
  osIdIndex(osId: string | null): Buffer | null {
    return osId ? Buffer.from(sodium.crypto_generichash(16, osId, this.osIdKey)) : null;
  }
}

/** How many fuzzy indexes two entries share (null never counts). */
export function sharedKeys(a: MatchKeys, b: MatchKeys): number {
  let n = 0;
  for (const k of MATCH_KEY_KINDS) if (a[k] !== null && a[k] === b[k]) n++;
  return n;
}
