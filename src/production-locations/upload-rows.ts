import { randomUUID } from 'node:crypto';
import { supplierBlindIndex } from '../crypto/blind-index.js';
import type { DataKey } from '../crypto/keyring.service.js';
import { sealLocationFields } from './location-fields.js';
import type { LocationInput } from './location.types.js';
import { type DuplicateWarning, duplicatesWithin, type IndexedEntry } from './supplier-matching/duplicates.js';
import { MatchKeyring, type MatchKeys } from './supplier-matching/match-keys.js';
import { profileOf } from './supplier-matching/match-profile.js';
import type { SealedFields } from './location-fields.js';

/** One entry ready to insert: sealed, with its exact and fuzzy blind indexes and its (list-local) identity. */
export interface PreparedEntry {
  id: string;
  /** 1-based row of the list */
  rowNumber: number;
  input: LocationInput;
  sealed: SealedFields;
  keyVersion: number;
  supplierIndex: Uint8Array;
  /** the fuzzy blind indexes (issue 16), 16-bit values */
  matchKeys: MatchKeys;
  osIdIndex: Uint8Array | null;
  /** a fresh identity, shared by rows of this list that are the same supplier (exact index or OS ID) */
  supplierId: string;
}

/** The key material a list is sealed and indexed with: the company's current data key and the blind-index key. */
export interface SealingKeys {
  organisationId: string;
  dataKey: DataKey;
  blindIndexKey: Uint8Array;
  /** MATCH_REVIEW_THRESHOLD: the score from which two rows of one list are reported as the same supplier */
  matchReviewThreshold: number;
}

/**
 * Seals and indexes the entries of one list in order (issue 18): the same code runs in the upload worker pool,
 * beside the parsing and off the event loop, and on the main thread for the demo seed. Rows of the list that are
 * certainly one supplier (same exact index or OS ID) share one identity; `warnings()` names the rows that look like
 * the same supplier (issue 16 item 5). Pure apart from the random ids and nonces.
 */
export class ListPreparer {
  private readonly matchKeys: MatchKeyring;
  private readonly identityOf = new Map<string, string>();
  private readonly indexed: IndexedEntry[] = [];
  private rows = 0;

  constructor(private readonly keys: SealingKeys) {
    this.matchKeys = new MatchKeyring(keys.blindIndexKey);
  }

  add(input: LocationInput): PreparedEntry {
    const id = randomUUID();
    const { dataKey, blindIndexKey, organisationId } = this.keys;
    const profile = profileOf({ name: input.supplierName, address: input.address, postcode: input.postcode, city: input.city, country: input.country, osId: input.osId ?? null });
    const supplierIndex = supplierBlindIndex(blindIndexKey, { name: input.supplierName, address: input.address, country: input.country });
    const osIdIndex = this.matchKeys.osIdIndex(profile.osId);
    const matchKeys = this.matchKeys.keysOf(profile);
    const exact = Buffer.from(supplierIndex).toString('hex');
    const os = osIdIndex ? Buffer.from(osIdIndex).toString('hex') : null;
    const supplierId = (os && this.identityOf.get(`o:${os}`)) || this.identityOf.get(`x:${exact}`) || randomUUID();
    this.identityOf.set(`x:${exact}`, supplierId);
    if (os) this.identityOf.set(`o:${os}`, supplierId);
    const rowNumber = ++this.rows;
    this.indexed.push({ row: rowNumber, profile, keys: matchKeys, exact, osId: os });
    return { id, rowNumber, input, sealed: sealLocationFields(dataKey, id, organisationId, input), keyVersion: dataKey.version, supplierIndex, matchKeys, osIdIndex, supplierId };
  }

  warnings(): DuplicateWarning[] {
    return duplicatesWithin(this.indexed, this.keys.matchReviewThreshold);
  }
}
