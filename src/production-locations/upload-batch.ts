import { MATCH_KEY_KINDS } from './supplier-matching/match-keys.js';
import type { PreparedEntry } from './upload-rows.js';

/** Separator of the raw materials inside one array element (never in a material: control characters are refused). */
export const MATERIAL_SEP = '\u001f';

/**
 * One batch of entries as the columns of the upload's `INSERT … SELECT FROM unnest(…)` (issue 18), each already a
 * PostgreSQL array literal: the upload worker encodes them beside the parsing, so the event loop only passes a
 * few strings to the driver instead of serialising ten thousand rows. The literal syntax is the one `pg` writes
 * for an array parameter (`pg/lib/utils.js` arrayString): elements double-quoted with `\` and `"` escaped, NULL
 * bare, bytea as `\\x` + hex. Every value still travels as a bound parameter, never as SQL text.
 */
export interface InsertColumns {
  rows: number;
  id: string;
  rowNumber: string;
  country: string;
  region: string;
  activityType: string;
  materials: string;
  tier: string;
  supplierName: string;
  address: string;
  postcode: string;
  city: string;
  volume: string;
  contractNotes: string;
  keyVersion: string;
  supplierIndex: string;
  osId: string;
  osIdIndex: string;
  supplierId: string;
  matchKeys: string[];
}

const text = (v: string | number | null): string => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
const bytes = (v: Uint8Array | null): string => (v === null ? 'NULL' : `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`);
const literal = <T>(entries: PreparedEntry[], f: (e: PreparedEntry) => T, enc: (v: T) => string) => `{${entries.map((e) => enc(f(e))).join(',')}}`;

export function encodeBatch(entries: PreparedEntry[]): InsertColumns {
  const t = (f: (e: PreparedEntry) => string | number | null) => literal(entries, f, text);
  const b = (f: (e: PreparedEntry) => Uint8Array | null) => literal(entries, f, bytes);
  return {
    rows: entries.length,
    id: t((e) => e.id),
    rowNumber: t((e) => e.rowNumber),
    country: t((e) => e.input.country),
    region: t((e) => e.input.region),
    activityType: t((e) => e.input.activityType),
    materials: t((e) => e.input.rawMaterials.join(MATERIAL_SEP)),
    tier: t((e) => e.input.tier),
    supplierName: b((e) => e.sealed.supplier_name),
    address: b((e) => e.sealed.address),
    postcode: b((e) => e.sealed.postcode),
    city: b((e) => e.sealed.city),
    volume: b((e) => e.sealed.volume),
    contractNotes: b((e) => e.sealed.contract_notes),
    keyVersion: t((e) => e.keyVersion),
    supplierIndex: b((e) => e.supplierIndex),
    osId: b((e) => e.sealed.os_id),
    osIdIndex: b((e) => e.osIdIndex),
    supplierId: t((e) => e.supplierId),
    matchKeys: MATCH_KEY_KINDS.map((k) => t((e) => e.matchKeys[k])),
  };
}
