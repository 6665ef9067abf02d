import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { OrganisationKind } from '../common/caller.js';
import { Conflict } from '../common/errors.js';
import type { SqlCondition } from '../policies/ability.js';
import type { ClassificationColumns, SealedRow } from './location-fields.js';
import { MATCH_KEY_KINDS, type MatchKeys, MATCH_KEYS_VERSION } from './supplier-matching/match-keys.js';
import { encodeBatch, type InsertColumns, MATERIAL_SEP } from './upload-batch.js';
import type { PreparedEntry } from './upload-rows.js';
import type { ActivityType, RestrictionLevel, Tier } from './location.types.js';

export interface LocationRow extends SealedRow, ClassificationColumns<ActivityType, Tier, RestrictionLevel> {
  list_id: string;
  year: number;
  is_current: boolean;
  row_number: number;
  volume: Buffer | null;
  contract_notes: Buffer | null;
}

export interface ListRow {
  id: string;
  organisation_id: string;
  year: number;
  revision: number;
  is_current: boolean;
  entry_count: number;
  source_format: string;
  uploaded_at: Date;
  superseded_at: Date | null;
}

/** The column of each fuzzy blind index. */
export const MATCH_KEY_COLUMNS: Record<(typeof MATCH_KEY_KINDS)[number], string> = {
  name: 'mk_name', phonetic: 'mk_phonetic', city_prefix: 'mk_city_prefix', number_postcode: 'mk_number_postcode',
  street_number: 'mk_street_number', city_number: 'mk_city_number',
};
/** Fuzzy indexes a re-uploaded entry must share with the company's previous entry to keep its identity unscored. */
const KEEP_IDENTITY_SHARED_KEYS = 3;
/** 409: the list was replaced after the preview the person confirmed; nothing was written. */
export class ListChangedSincePreview extends Conflict {
  constructor() {
    super('The list was replaced since you checked the changes; check them again');
    this.details = [{ field: 'replaces', problem: 'is no longer the current list of this year' }];
  }
}

/** A query whose rows have the shape the statement selects. */
const rows = <T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> => m.query<T[]>(sql, params);

/** Rows per INSERT when a whole list is stored at once (the seed). */
const INSERT_BATCH = 2000;

const SHARED_WITH_PREVIOUS = Object.values(MATCH_KEY_COLUMNS).map((c, i) => `coalesce((o.${c} = u.k${i + 1})::int, 0)`).join(' + ');
const ANY_SHARED_WITH_PREVIOUS = Object.values(MATCH_KEY_COLUMNS).map((c, i) => `o.${c} = u.k${i + 1}`).join(' OR ');

/**
 * Issue 16 item 3: a supplier's identity lasts across uploads and years. Each new entry takes, in this order,
 * - the identity of an earlier entry with the same OS ID, then of one with the same exact blind index (what was one
 *   supplier stays one), the company's own entries first, the latest year first;
 * - else that of the company's previous entry sharing at least KEEP_IDENTITY_SHARED_KEYS fuzzy indexes (a re-spelled
 *   re-upload; the previous revision is still current meanwhile, so its fuzzy indexes are indexed);
 * - else the fresh identity the worker gave it (shared by the rows of this list that are certainly one supplier).
 * Found while inserting (issue 18), by index lookups per row, instead of updating every new row afterwards.
 */
const INSERT_ENTRIES = `INSERT INTO production_locations (id, list_id, organisation_id, year, row_number, country, region, activity_type,
    raw_materials, tier, supplier_name, address, postcode, city, volume, contract_notes, key_version, supplier_index,
    os_id, os_id_index, supplier_id, mk_name, mk_phonetic, mk_city_prefix, mk_number_postcode, mk_street_number, mk_city_number,
    match_keys_version)
  SELECT u.id, $1, $2, $3, u.rn, u.country, u.region, u.activity, string_to_array(u.materials, $4), u.tier,
         u.name, u.address, u.postcode, u.city, u.volume, u.notes, u.kv, u.idx, u.os_id, u.os_idx,
         coalesce(
           (SELECT o.supplier_id FROM production_locations o
             WHERE u.os_idx IS NOT NULL AND o.os_id_index = u.os_idx AND o.list_id <> $1
             ORDER BY (o.organisation_id = $2) DESC, o.year DESC LIMIT 1),
           (SELECT o.supplier_id FROM production_locations o
             WHERE o.supplier_index = u.idx AND o.list_id <> $1
             ORDER BY (o.organisation_id = $2) DESC, o.year DESC LIMIT 1),
           (SELECT o.supplier_id FROM production_locations o
             WHERE $29::uuid IS NOT NULL AND o.is_current AND o.list_id = $29 AND (${ANY_SHARED_WITH_PREVIOUS})
               AND ${SHARED_WITH_PREVIOUS} >= ${KEEP_IDENTITY_SHARED_KEYS}
             ORDER BY ${SHARED_WITH_PREVIOUS} DESC LIMIT 1),
           u.sid),
         u.k1, u.k2, u.k3, u.k4, u.k5, u.k6, ${MATCH_KEYS_VERSION}
    FROM unnest($5::uuid[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::smallint[],
                $12::bytea[], $13::bytea[], $14::bytea[], $15::bytea[], $16::bytea[], $17::bytea[], $18::int[], $19::bytea[],
                $20::bytea[], $21::bytea[], $22::uuid[], $23::int[], $24::int[], $25::int[], $26::int[], $27::int[], $28::int[])
      AS u(id, rn, country, region, activity, materials, tier, name, address, postcode, city, volume, notes, kv, idx,
           os_id, os_idx, sid, k1, k2, k3, k4, k5, k6)`;
const INSERT_ENTRIES_NAME = `kk_${createHash('sha256').update(INSERT_ENTRIES).digest('hex').slice(0, 24)}`;
const COLUMNS = `pl.id, pl.list_id, pl.organisation_id, pl.year, pl.is_current, pl.row_number, pl.country, pl.region,
  pl.activity_type, pl.raw_materials, pl.tier, pl.restriction_level, pl.supplier_name, pl.address, pl.postcode,
  pl.city, pl.volume, pl.contract_notes`;

/**
 * Every query of the registry's tables (STYLE.md: one repository per aggregate). Read methods take the caller's
 * policy scope as an SQL condition on `pl.organisation_id`, so an unscoped read cannot be written by accident.
 */
@Injectable()
export class ProductionLocationRepository {
  newId(): string {
    return randomUUID();
  }

  /**
   * Replaces a company's list for a year (issue 5 item 4) in one go: `beginList`, the entries in batches, `finishList`.
   * The demo seed's path; an upload streams its batches between the two (production-locations.service.ts).
   */
  async replaceList(
    m: EntityManager,
    args: { organisationId: string; year: number; format: 'csv' | 'xlsx' | 'seed'; uploadedBy: string | null; entries: PreparedEntry[]; expectCurrent?: string | null },
  ): Promise<{ listId: string; revision: number; supersededListId: string | null }> {
    const begun = await this.beginList(m, args);
    for (let start = 0; start < args.entries.length; start += INSERT_BATCH) {
      await this.insertBatch(m, begun.listId, args.organisationId, args.year, encodeBatch(args.entries.slice(start, start + INSERT_BATCH)), begun.supersededListId);
    }
    await this.finishList(m, { listId: begun.listId, organisationId: args.organisationId, supersededListId: begun.supersededListId, entries: args.entries.length });
    return begun;
  }

  /**
   * Starts a new revision of a company's list for a year: the current one is kept but marked superseded, the new
   * one becomes current (its entries follow with `insertBatch`, then `finishList`). The caller holds the
   * transaction; a lock on (company, year) serialises uploads.
   */
  async beginList(
    m: EntityManager,
    args: { organisationId: string; year: number; format: 'csv' | 'xlsx' | 'seed'; uploadedBy: string | null; expectCurrent?: string | null },
  ): Promise<{ listId: string; revision: number; supersededListId: string | null }> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('production-location-list'), hashtext($1 || ':' || $2))`, [args.organisationId, args.year]);
    if (args.expectCurrent !== undefined) {
      // Issue 14: the replacement the person confirmed was previewed against this revision; another one since is refused.
      const [now] = await rows<{ id: string }>(m, `SELECT id FROM production_location_lists WHERE organisation_id = $1 AND year = $2 AND is_current`, [args.organisationId, args.year]);
      if ((now?.id ?? null) !== args.expectCurrent) throw new ListChangedSincePreview();
    }
    const [prev] = await rows<{ id: string }>(
      m,
      // (wrapped in a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING)
      `WITH u AS (UPDATE production_location_lists SET is_current = false, superseded_at = now()
        WHERE organisation_id = $1 AND year = $2 AND is_current RETURNING id) SELECT id FROM u`,
      [args.organisationId, args.year],
    );
    // Its entries stay current until `finishList`: while the new ones are inserted, each finds the identity of the
    // previous revision's entry it re-spells through the fuzzy indexes, which are indexed for current rows only.
    const [{ revision }] = await rows<{ revision: number }>(
      m,
      `SELECT coalesce(max(revision), 0) + 1 AS revision FROM production_location_lists WHERE organisation_id = $1 AND year = $2`,
      [args.organisationId, args.year],
    );
    const [{ id: listId }] = await rows<{ id: string }>(
      m,
      `INSERT INTO production_location_lists (organisation_id, year, revision, entry_count, source_format, uploaded_by)
       VALUES ($1, $2, $3, 0, $4, $5) RETURNING id`,
      [args.organisationId, args.year, revision, args.format, args.uploadedBy],
    );
    return { listId, revision, supersededListId: prev?.id ?? null };
  }

  /**
   * Ends a new revision: its entry count (and the format read from the file); the revision it supersedes stops
   * being current and hands its approved restrictions on.
   */
  async finishList(m: EntityManager, args: { listId: string; organisationId: string; supersededListId: string | null; entries: number; format?: 'csv' | 'xlsx' }): Promise<void> {
    await m.query(`UPDATE production_location_lists SET entry_count = $2, source_format = coalesce($3, source_format) WHERE id = $1`, [args.listId, args.entries, args.format ?? null]);
    if (args.supersededListId) {
      await m.query(`UPDATE production_locations SET is_current = false WHERE list_id = $1`, [args.supersededListId]);
      // An approved restriction (art. 23-24) "applies to every later disclosure": carry it to the same supplier
      // (its identity, issue 16 item 3) in the new revision.
      await m.query(
        `UPDATE production_locations n SET restriction_level = o.restriction_level, restriction_case_id = o.restriction_case_id
           FROM production_locations o
          WHERE n.list_id = $1 AND o.list_id = $2 AND o.supplier_id = n.supplier_id AND o.restriction_level <> 'none'`,
        [args.listId, args.supersededListId],
      );
    }
  }

  /**
   * One batch of a new revision's entries (issue 18): one `INSERT … SELECT FROM unnest` of array parameters the
   * upload worker already encoded, as a named (prepared) statement on the transaction's connection, so PostgreSQL
   * parses and plans it once per connection.
   */
  async insertBatch(m: EntityManager, listId: string, organisationId: string, year: number, c: InsertColumns, supersededListId: string | null): Promise<void> {
    const values = [
      listId, organisationId, year, MATERIAL_SEP, c.id, c.rowNumber, c.country, c.region, c.activityType, c.materials, c.tier,
      c.supplierName, c.address, c.postcode, c.city, c.volume, c.contractNotes, c.keyVersion, c.supplierIndex, c.osId, c.osIdIndex,
      c.supplierId, ...c.matchKeys, supersededListId,
    ];
    const client = (m.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
    if (client) await client.query({ name: INSERT_ENTRIES_NAME, text: INSERT_ENTRIES, values });
    else await m.query(INSERT_ENTRIES, values);
  }

  /**
   * Rows stored before issue 16, without fuzzy indexes (`match_keys_version IS NULL`), after `afterId` in id order,
   * locked for the backfill's batch (`SKIP LOCKED`: two instances take different rows; a key rotation waits).
   */
  async lockRowsWithoutMatchKeys(m: EntityManager, afterId: string | null, limit: number): Promise<Array<SealedRow & { country: string }>> {
    return rows<SealedRow & { country: string }>(
      m,
      `SELECT id, organisation_id, country, supplier_name, address, postcode, city, os_id FROM production_locations
        WHERE match_keys_version IS NULL AND ($1::uuid IS NULL OR id > $1)
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [afterId, limit],
    );
  }

  /** Writes the fuzzy indexes the backfill computed (null keys for a shredded row, whose NAW is gone) and marks the rows done. */
  async setMatchKeys(m: EntityManager, rows: Array<{ id: string; keys: MatchKeys | null; osIdIndex: Buffer | null }>): Promise<void> {
    if (rows.length === 0) return;
    const key = (k: (typeof MATCH_KEY_KINDS)[number]) => rows.map((r) => r.keys?.[k] ?? null);
    await m.query(
      `UPDATE production_locations p
          SET mk_name = u.k1, mk_phonetic = u.k2, mk_city_prefix = u.k3, mk_number_postcode = u.k4, mk_street_number = u.k5,
              mk_city_number = u.k6, os_id_index = coalesce(u.os_idx, p.os_id_index), match_keys_version = ${MATCH_KEYS_VERSION}
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::bytea[])
              AS u(id, k1, k2, k3, k4, k5, k6, os_idx)
        WHERE p.id = u.id`,
      [rows.map((r) => r.id), ...MATCH_KEY_KINDS.map(key), rows.map((r) => r.osIdIndex)],
    );
  }

  /** Rows still without fuzzy indexes (what the backfill has left). */
  async countWithoutMatchKeys(m: EntityManager): Promise<number> {
    const [{ n }] = await rows<{ n: number }>(m, `SELECT count(*)::int AS n FROM production_locations WHERE match_keys_version IS NULL`, []);
    return n;
  }

  async findPage(
    m: EntityManager,
    scope: SqlCondition,
    filter: { year: number; organisationId?: string; listId?: string; country?: string; activityType?: string; rawMaterial?: string; limit: number; offset: number },
  ): Promise<{ rows: LocationRow[]; total: number }> {
    const p = scope.params.length;
    const where = `${scope.sql} AND pl.year = $${p + 1}
      AND ($${p + 2}::uuid IS NULL OR pl.organisation_id = $${p + 2})
      AND (CASE WHEN $${p + 3}::uuid IS NULL THEN pl.is_current ELSE pl.list_id = $${p + 3} END)
      AND ($${p + 4}::text IS NULL OR pl.country = $${p + 4}) AND ($${p + 5}::text IS NULL OR pl.activity_type = $${p + 5})
      AND ($${p + 6}::text IS NULL OR $${p + 6} = ANY(pl.raw_materials))`;
    const params = [...scope.params, filter.year, filter.organisationId ?? null, filter.listId ?? null, filter.country ?? null, filter.activityType ?? null, filter.rawMaterial ?? null];
    const [{ total }] = await m.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM production_locations pl WHERE ${where}`, params);
    const rows = await m.query<LocationRow[]>(
      `SELECT ${COLUMNS} FROM production_locations pl WHERE ${where}
        ORDER BY pl.organisation_id, pl.row_number LIMIT $${p + 7} OFFSET $${p + 8}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total };
  }

  async findOne(m: EntityManager, scope: SqlCondition, id: string): Promise<LocationRow | undefined> {
    const p = scope.params.length;
    const [row] = await rows<LocationRow>(m, `SELECT ${COLUMNS} FROM production_locations pl WHERE ${scope.sql} AND pl.id = $${p + 1}`, [...scope.params, id]);
    return row;
  }

  /** Rows by id, unscoped: only to re-read rows the caller already was allowed to read (see the service's view). */
  async findByIds(m: EntityManager, ids: string[]): Promise<LocationRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM production_locations pl WHERE pl.id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * The current entries of one company's list for a year, inside the caller's scope, with each supplier's blind
   * index (hex): what a replacement is compared with, without decrypting anything to match (issue 14).
   */
  async currentWithIndex(m: EntityManager, scope: SqlCondition, organisationId: string, year: number): Promise<Array<LocationRow & { supplier_key: string }>> {
    const p = scope.params.length;
    return m.query(
      `SELECT ${COLUMNS}, encode(pl.supplier_index, 'hex') AS supplier_key FROM production_locations pl
        WHERE ${scope.sql} AND pl.organisation_id = $${p + 1} AND pl.year = $${p + 2} AND pl.is_current ORDER BY pl.row_number`,
      [...scope.params, organisationId, year],
    );
  }

  /** Of `ids`, those inside the caller's policy scope (whose NAW the caller may read). */
  async idsInScope(m: EntityManager, scope: SqlCondition, ids: string[]): Promise<Set<string>> {
    const p = scope.params.length;
    const rows: Array<{ id: string }> = await m.query(`SELECT pl.id FROM production_locations pl WHERE ${scope.sql} AND pl.id = ANY($${p + 1}::uuid[])`, [...scope.params, ids]);
    return new Set(rows.map((r) => r.id));
  }

  async lists(m: EntityManager, scope: SqlCondition, filter: { year?: number; organisationId?: string }): Promise<ListRow[]> {
    const p = scope.params.length;
    return m.query(
      `SELECT l.id, l.organisation_id, l.year, l.revision, l.is_current, l.entry_count, l.source_format, l.uploaded_at, l.superseded_at
         FROM production_location_lists l
        WHERE ${scope.sql}
          AND ($${p + 1}::int IS NULL OR l.year = $${p + 1}) AND ($${p + 2}::uuid IS NULL OR l.organisation_id = $${p + 2})
        ORDER BY l.year DESC, l.organisation_id, l.revision DESC`,
      [...scope.params, filter.year ?? null, filter.organisationId ?? null],
    );
  }

  async listById(m: EntityManager, id: string): Promise<ListRow | undefined> {
    const [row] = await rows<ListRow>(m, `SELECT * FROM production_location_lists WHERE id = $1`, [id]);
    return row;
  }

  /** The organisation a list is uploaded for, with its kind (art. 17-18: only a company has a list). */
  async organisation(m: EntityManager, id: string): Promise<{ id: string; kind: OrganisationKind; status: string } | undefined> {
    const [row] = await rows<{ id: string; kind: OrganisationKind; status: string }>(m, `SELECT id, kind, status FROM organisations WHERE id = $1`, [id]);
    return row;
  }
}
