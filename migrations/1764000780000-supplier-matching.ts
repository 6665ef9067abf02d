import type { MigrationInterface, QueryRunner } from 'typeorm';

const KEYS = ['mk_name', 'mk_phonetic', 'mk_city_prefix', 'mk_number_postcode', 'mk_street_number', 'mk_city_number'];

/**
 * Issue 16: finding every buyer of a reported supplier however its name is spelled (art. 22 step 7).
 * - `production_locations` gets the six fuzzy blind indexes (16-bit values, README "Finding every buyer of a
 *   supplier"), the optional Open Supply Hub ID sealed like the NAW (`os_id`) with its own full blind index, and a
 *   supplier identity (`supplier_id`) that lasts across uploads and years. Existing rows get one identity per exact
 *   blind index (what matched as one supplier until now); their fuzzy indexes stay empty until the next upload.
 * - `case_match_candidates`: for each reported entry, the entries of other companies found and scored; the
 *   secretariat confirms or rejects each (with a reason) before anything reaches a company.
 */
export class SupplierMatching1764000780000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE production_locations
        ADD COLUMN os_id bytea,
        ADD COLUMN os_id_index bytea CHECK (length(os_id_index) = 16),
        ADD COLUMN supplier_id uuid,
        ${KEYS.map((k) => `ADD COLUMN ${k} integer CHECK (${k} BETWEEN 0 AND 65535)`).join(',\n        ')}`);
    await q.query(`
      UPDATE production_locations pl SET supplier_id = s.id
        FROM (SELECT supplier_index, gen_random_uuid() AS id FROM production_locations GROUP BY supplier_index) s
       WHERE s.supplier_index = pl.supplier_index`);
    await q.query(`ALTER TABLE production_locations ALTER COLUMN supplier_id SET NOT NULL, ALTER COLUMN supplier_id SET DEFAULT gen_random_uuid()`);
    await q.query(`CREATE INDEX production_locations_identity_idx ON production_locations (supplier_id)`);
    await q.query(`CREATE INDEX production_locations_os_id_idx ON production_locations (os_id_index) WHERE os_id_index IS NOT NULL`);
    for (const k of KEYS) await q.query(`CREATE INDEX production_locations_${k}_idx ON production_locations (${k}) WHERE is_current`);

    await q.query(`
      CREATE TABLE case_match_candidates (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id               uuid NOT NULL REFERENCES cases(id),
        report_id             uuid NOT NULL REFERENCES case_reports(id),
        reported_location_id  uuid NOT NULL REFERENCES production_locations(id),
        candidate_location_id uuid NOT NULL REFERENCES production_locations(id),
        company_id            uuid NOT NULL REFERENCES organisations(id),
        method                text NOT NULL CHECK (method IN ('os-id', 'identity', 'score')),
        score                 smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
        status                text NOT NULL CHECK (status IN ('proposed', 'review', 'confirmed', 'rejected')),
        reason                text CHECK (length(reason) BETWEEN 1 AND 2000),
        decided_by            uuid REFERENCES people(id),
        decided_at            timestamptz,
        found_at              timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, reported_location_id, candidate_location_id)
      )`);
    await q.query(`CREATE INDEX case_match_candidates_case_idx ON case_match_candidates (case_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_match_candidates`);
    await q.query(`ALTER TABLE production_locations DROP COLUMN os_id, DROP COLUMN os_id_index, DROP COLUMN supplier_id, ${KEYS.map((k) => `DROP COLUMN ${k}`).join(', ')}`);
  }
}
