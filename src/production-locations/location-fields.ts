import { type FieldLocation, openField, sealField, sealedKeyVersion, type Sealed } from '../crypto/field-cipher.js';
import type { DataKey } from '../crypto/keyring.service.js';

/** The sealed columns of `production_locations`: the NAW (art. 17-19) and competition-sensitive data (art. 22-23). */
/** `os_id` (issue 16 item 4): the Open Supply Hub ID names the facility as surely as its name, so it is sealed like the NAW. */
export const NAW_COLUMNS = ['supplier_name', 'address', 'postcode', 'city', 'os_id'] as const;
export const SENSITIVE_COLUMNS = ['volume', 'contract_notes'] as const;
type SealedColumn = (typeof NAW_COLUMNS)[number] | (typeof SENSITIVE_COLUMNS)[number];

export const TABLE = 'production_locations';

export interface PlainSealedFields {
  supplierName: string;
  address: string;
  postcode: string | null;
  city: string;
  volume: string | null;
  contractNotes: string | null;
  osId?: string | null;
}

export interface SealedFields {
  supplier_name: Sealed;
  address: Sealed;
  postcode: Sealed | null;
  city: Sealed;
  volume: Sealed | null;
  contract_notes: Sealed | null;
  os_id: Sealed | null;
}

export interface Naw {
  supplierName: string;
  address: string;
  postcode: string | null;
  city: string;
  osId: string | null;
}

const at = (column: SealedColumn, rowId: string, ownerId: string): FieldLocation => ({ table: TABLE, column, rowId, ownerId });

export function sealLocationFields(key: DataKey, rowId: string, ownerId: string, p: PlainSealedFields): SealedFields {
  const seal = (column: SealedColumn, v: string) => sealField(key.key, key.version, v, at(column, rowId, ownerId));
  return {
    supplier_name: seal('supplier_name', p.supplierName),
    address: seal('address', p.address),
    postcode: p.postcode === null ? null : seal('postcode', p.postcode),
    city: seal('city', p.city),
    volume: p.volume === null ? null : seal('volume', p.volume),
    contract_notes: p.contractNotes === null ? null : seal('contract_notes', p.contractNotes),
    os_id: p.osId ? seal('os_id', p.osId) : null,
  };
}

export interface SealedRow {
  id: string;
  organisation_id: string;
  supplier_name: Buffer;
  address: Buffer;
  postcode: Buffer | null;
  city: Buffer;
  volume?: Buffer | null;
  contract_notes?: Buffer | null;
  os_id?: Buffer | null;
}

/** The data-key version a row's ciphertexts use (all columns of a row share one). */
export function rowKeyVersion(row: SealedRow): number {
  return sealedKeyVersion(row.supplier_name);
}

/**
 * Opens a row's NAW with the company's keys; null when the key version it needs no longer exists (the company
 * was crypto-shredded, art. 73-77). A key that exists but does not open the row throws: that is tampering.
 */
export function openNaw(keys: Map<number, Uint8Array> | undefined, row: SealedRow): Naw | null {
  const key = keys?.get(rowKeyVersion(row));
  if (!key) return null;
  const open = (column: SealedColumn, v: Buffer) => openField(key, v, at(column, row.id, row.organisation_id));
  return {
    supplierName: open('supplier_name', row.supplier_name),
    address: open('address', row.address),
    postcode: row.postcode ? open('postcode', row.postcode) : null,
    city: open('city', row.city),
    osId: row.os_id ? open('os_id', row.os_id) : null,
  };
}

/** An entry's NAW as its plain fields: each null when it was not opened (not the caller's to see, or shredded). */
export interface PlainNaw {
  supplierName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
}

/** The columns of an entry that are stored in the clear (its classification, art. 19: what a scope matches on). */
export interface ClassificationColumns<A extends string = string, T extends number = number, L extends string = string> {
  country: string;
  region: string | null;
  activity_type: A;
  raw_materials: string[];
  tier: T;
  restriction_level: L;
}

/**
 * The NAW of an entry as plain fields, from what `openNaw` (or a view built from it) gave: all null when it was not
 * opened, and never the OS ID (sealed like the NAW, but no entry view shows it).
 */
export function plainNaw(naw: PlainNaw | null | undefined): PlainNaw {
  return { supplierName: naw?.supplierName ?? null, address: naw?.address ?? null, postcode: naw?.postcode ?? null, city: naw?.city ?? null };
}

/** The classification columns of an entry's row as the plain fields of its views. */
export function plainClassification<A extends string, T extends number, L extends string>(
  row: ClassificationColumns<A, T, L>,
): { country: string; region: string | null; activityType: A; rawMaterials: string[]; tier: T; restrictionLevel: L } {
  return { country: row.country, region: row.region, activityType: row.activity_type, rawMaterials: row.raw_materials, tier: row.tier, restrictionLevel: row.restriction_level };
}

/** Competition-sensitive fields: only for the company itself and the secretariat (art. 22-23). */
export function openSensitive(keys: Map<number, Uint8Array> | undefined, row: SealedRow): { volume: string | null; contractNotes: string | null } | null {
  const key = keys?.get(rowKeyVersion(row));
  if (!key) return null;
  const open = (column: SealedColumn, v: Buffer | null | undefined) => (v ? openField(key, v, at(column, row.id, row.organisation_id)) : null);
  return { volume: open('volume', row.volume), contractNotes: open('contract_notes', row.contract_notes) };
}

/** Re-seals every sealed column of a row under a new data key (data-key rotation). */
export function resealRow(oldKeys: Map<number, Uint8Array>, next: DataKey, row: SealedRow): SealedFields {
  const naw = openNaw(oldKeys, row);
  const sensitive = openSensitive(oldKeys, row);
  if (!naw || !sensitive) throw new Error('row key unavailable during rotation');
  return sealLocationFields(next, row.id, row.organisation_id, { ...naw, ...sensitive });
}
