import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 (the 10k-row upload) and issue 14 item 4 (uploads show the rows checked):
 * - `production_locations.match_keys_version`: which version of the fuzzy blind indexes (issue 16) a row carries.
 *   Rows stored before issue 16 have none (NULL); the match-key backfill (README "Key management") computes them
 *   through the app's key material, in batches, resumably. Rows that already have an index are marked version 1.
 * - `upload_progress`: how far the server has got with an upload or a replacement preview (rows checked of the
 *   rows the file declares, then storing, then done or refused), in PostgreSQL so that the page can poll any
 *   instance. Only counts: never a row's content.
 */
export class UploadPipeline1764000820000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE production_locations ADD COLUMN match_keys_version smallint`);
    await q.query(`
      UPDATE production_locations SET match_keys_version = 1
       WHERE coalesce(mk_name, mk_phonetic, mk_city_prefix, mk_number_postcode, mk_street_number, mk_city_number) IS NOT NULL
          OR os_id_index IS NOT NULL`);
    await q.query(`CREATE INDEX production_locations_match_keys_missing_idx ON production_locations (id) WHERE match_keys_version IS NULL`);
    await q.query(`
      CREATE TABLE upload_progress (
        id              uuid PRIMARY KEY,
        person_id       uuid NOT NULL REFERENCES people(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        kind            text NOT NULL CHECK (kind IN ('preview', 'upload')),
        phase           text NOT NULL CHECK (phase IN ('checking', 'storing', 'done', 'refused')),
        checked         integer NOT NULL DEFAULT 0 CHECK (checked >= 0),
        total           integer CHECK (total >= 0),
        started_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX upload_progress_updated_idx ON upload_progress (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE upload_progress`);
    await q.query(`ALTER TABLE production_locations DROP COLUMN match_keys_version`);
  }
}
