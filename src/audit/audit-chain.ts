import { createHash } from 'node:crypto';

/**
 * The hash chain of the audit log (DESIGN.md, Security design; issue 3, item 5). Pure logic, no Nest, no database.
 *
 * Every entry stores `prev_hash` (the previous entry's `hash`; 32 zero bytes before the first entry) and
 *
 *   hash = SHA-256( prev_hash (32 raw bytes) || UTF-8( canonical ) )
 *
 * where `canonical` is the JSON text of the array
 *
 *   ["ketenkluis-audit-v1", seq, occurredAt, actorPersonId, actorOrganisationId, action,
 *    objectType, objectId, grantType, grantId, details]
 *
 * with `seq` as a decimal string, `occurredAt` as UTC ISO-8601 with microseconds (`2026-01-02T03:04:05.678901Z`,
 * the precision PostgreSQL stores), absent values as JSON `null`, and `details` as JSON with object keys sorted
 * recursively (so the text does not depend on how jsonb reorders keys). Changing any field, the order of entries,
 * or removing one breaks the chain at that entry or the one after it.
 */
export const CHAIN_VERSION = 'ketenkluis-audit-v1';
export const GENESIS_HASH = Buffer.alloc(32, 0);

export interface ChainFields {
  seq: bigint | number | string;
  /** UTC, microsecond precision: `YYYY-MM-DDTHH:MM:SS.ffffffZ` */
  occurredAt: string;
  actorPersonId: string | null;
  actorOrganisationId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  grantType: string | null;
  grantId: string | null;
  details: unknown;
}

/** JSON with object keys sorted at every level; `undefined` members are dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

export function canonicalEntry(f: ChainFields): string {
  return canonicalJson([
    CHAIN_VERSION,
    String(f.seq),
    f.occurredAt,
    f.actorPersonId,
    f.actorOrganisationId,
    f.action,
    f.objectType,
    f.objectId,
    f.grantType,
    f.grantId,
    f.details ?? {},
  ]);
}

export function chainHash(prevHash: Uint8Array, fields: ChainFields): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalEntry(fields), 'utf8').digest();
}

/** A JavaScript Date (millisecond precision) as the microsecond UTC text PostgreSQL will give back. */
export function microsecondIso(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

/** SQL expression rendering a timestamptz column the same way (used by verification and export). */
export const OCCURRED_AT_SQL = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface ChainProblem {
  seq: string;
  reason: string;
}

export interface StoredEntry extends ChainFields {
  prevHash: Buffer;
  hash: Buffer;
}

/**
 * Checks stored entries in order, carrying state between calls so a long chain is verified in constant memory,
 * batch by batch. Returns the first problem, or undefined while all is well.
 */
export class ChainVerifier {
  private lastSeq = 0n;
  private lastHash: Buffer = GENESIS_HASH;
  count = 0;

  check(entry: StoredEntry): ChainProblem | undefined {
    const seq = BigInt(entry.seq);
    const at = String(entry.seq);
    if (seq !== this.lastSeq + 1n) {
      return { seq: at, reason: `sequence gap: expected seq ${this.lastSeq + 1n} after ${this.lastSeq}` };
    }
    if (!entry.prevHash.equals(this.lastHash)) {
      return { seq: at, reason: 'prev_hash does not match the hash of the previous entry' };
    }
    const expected = chainHash(this.lastHash, entry);
    if (!expected.equals(entry.hash)) {
      return { seq: at, reason: 'hash does not match the entry contents (the entry was altered)' };
    }
    this.lastSeq = seq;
    this.lastHash = entry.hash;
    this.count++;
    return undefined;
  }

  /** The chain head row must point at the last entry, or entries were removed from the end. */
  checkHead(headSeq: bigint | number | string, headHash: Buffer): ChainProblem | undefined {
    if (BigInt(headSeq) !== this.lastSeq) {
      return { seq: String(headSeq), reason: `audit_head says seq ${headSeq} but the log ends at ${this.lastSeq}` };
    }
    if (!headHash.equals(this.lastHash)) return { seq: String(headSeq), reason: 'audit_head hash does not match the last entry' };
    return undefined;
  }
}
