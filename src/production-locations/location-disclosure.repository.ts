import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { managerQuery } from '../common/prepared-query.js';
import type { SqlPart } from '../common/sql-part.js';
import type { ClassificationColumns, SealedRow } from './location-fields.js';
import type { ActivityType, RestrictionLevel, Tier } from './location.types.js';

/** An entry's classification (never NAW): what an art-22 scope is matched on. */
export type ClassifiedRow = Pick<SealedRow, 'id' | 'organisation_id'> & ClassificationColumns<ActivityType, Tier, RestrictionLevel>;

/** An entry with its sealed NAW and its supplier identity (issue 16 item 3), for the disclosure view only. */
export type DisclosureRow = ClassifiedRow & SealedRow & { supplier_key: string };

/**
 * The queries of `production_locations` behind LocationDisclosureService: what the cases module (art. 19, 22-24)
 * asks of the registry. Apart from ProductionLocationRepository (the company's own lists and uploads) because
 * every answer here serves a case, never the list's owner.
 */
@Injectable()
export class LocationDisclosureRepository {
  /** Which of `ids` are entries of the company's current lists. */
  async currentEntriesOf(m: EntityManager, companyId: string, ids: string[]): Promise<string[]> {
    const rows = await m.query<Array<{ id: string }>>(
      `SELECT pl.id FROM production_locations pl
        WHERE pl.organisation_id = $1 AND pl.id = ANY($2::uuid[]) AND pl.is_current`,
      [companyId, ids],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Current entries not hidden of organisations taking part, in the year (default: each company's latest current
   * list), matching the countries or regions (either; none given: all), the raw materials and the activity types;
   * by company and row number.
   */
  async inScope(
    m: EntityManager,
    s: { year: number | null; countries: string[]; regions: string[]; materials: string[]; activities: string[] },
  ): Promise<ClassifiedRow[]> {
    return m.query<ClassifiedRow[]>(
      `SELECT pl.id, pl.organisation_id, pl.country, pl.region, pl.activity_type, pl.raw_materials, pl.tier, pl.restriction_level
         FROM production_locations pl
        WHERE pl.is_current AND pl.restriction_level <> 'hidden'
          -- art. 73-77: an organisation that no longer takes part is never named or asked in an art-22 case
          AND pl.organisation_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))
          AND ($1::int IS NULL OR pl.year = $1)
          AND ($1::int IS NOT NULL OR pl.year = (SELECT max(year) FROM production_location_lists l
                                                  WHERE l.organisation_id = pl.organisation_id AND l.is_current))
          AND ((cardinality($2::text[]) = 0 AND cardinality($3::text[]) = 0)
               OR pl.country = ANY($2::text[]) OR lower(pl.region) = ANY($3::text[]))
          AND (cardinality($4::text[]) = 0 OR pl.raw_materials && $4::text[])
          AND (cardinality($5::text[]) = 0 OR pl.activity_type = ANY($5::text[]))
        ORDER BY pl.organisation_id, pl.row_number`,
      [s.year, s.countries, s.regions, s.materials, s.activities],
    );
  }

  async forDisclosure(m: EntityManager, ids: string[]): Promise<DisclosureRow[]>;
  /**
   * With `keys` (the keyring's part, `CompanyKeyringService.keysPart`): each company's key versions in the same
   * statement and snapshot as its entries (issue 18), on the first of its entries (`data_keys`; null on the others).
   */
  async forDisclosure<K>(m: EntityManager, ids: string[], keys: SqlPart<K>): Promise<Array<DisclosureRow & { data_keys: K | null }>>;
  async forDisclosure<K>(m: EntityManager, ids: string[], keys?: SqlPart<K>): Promise<Array<DisclosureRow & { data_keys?: K | null }>> {
    // prepared outside a transaction (the disclosed-locations read, issue 18)
    const rows = await managerQuery<DisclosureRow & { data_keys?: unknown }>(
      m,
      `SELECT id, organisation_id, country, region, activity_type, raw_materials, tier, restriction_level,
              supplier_id::text AS supplier_key, supplier_name, address, postcode, city${
                keys
                  ? `,
              CASE WHEN row_number() OVER (PARTITION BY organisation_id ORDER BY id) = 1 THEN ${keys.sql('organisation_id')} END AS data_keys`
                  : ''
              }
         FROM production_locations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (!keys) return rows as DisclosureRow[];
    return rows.map((r) => ({ ...r, data_keys: r.data_keys === null || r.data_keys === undefined ? null : keys.read(r.data_keys) }));
  }

  /** Raises the restriction of entries to `level` (never loosens) under the case; the ids updated. */
  async restrict(m: EntityManager, entryIds: string[], level: Exclude<RestrictionLevel, 'none'>, caseId: string): Promise<string[]> {
    const rows = await m.query<Array<{ id: string }>>(
      `WITH u AS (UPDATE production_locations
          SET restriction_level = CASE
                WHEN array_position(ARRAY['none','region','country','hidden'], restriction_level)
                   >= array_position(ARRAY['none','region','country','hidden'], $2::text) THEN restriction_level
                ELSE $2::text END,
              restriction_case_id = $3
        WHERE id = ANY($1::uuid[])
        RETURNING id) SELECT id FROM u`,
      [entryIds, level, caseId],
    );
    return rows.map((r) => r.id);
  }

  /** Per entry, the organisations taking part whose current lists hold the same supplier (identity), and those entries. */
  async sameSupplier(m: EntityManager, entryIds: string[]): Promise<Array<{ entry_id: string; organisation_ids: string[]; matching_entry_ids: string[] }>> {
    return m.query<Array<{ entry_id: string; organisation_ids: string[]; matching_entry_ids: string[] }>>(
      `SELECT src.id AS entry_id,
              array_agg(DISTINCT other.organisation_id) AS organisation_ids,
              array_agg(DISTINCT other.id) AS matching_entry_ids
         FROM production_locations src
         JOIN production_locations other ON other.supplier_id = src.supplier_id AND other.is_current
              -- art. 73-77: art-22 matches never name an organisation that is no longer a party
              AND other.organisation_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))
        WHERE src.id = ANY($1::uuid[])
        GROUP BY src.id`,
      [entryIds],
    );
  }
}
