import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, item 6: an NDA version is published per language (the Dutch text is the original; the French and
 * Spanish ones are for the local partners in DR Congo and Bolivia), each language's text with its own SHA-256. A
 * signature records which language's text was signed: its `text_id` names that row, and `language` says it in the
 * signature itself, so the record reads on its own in an export.
 */
export class NdaLanguages1764000730000 implements MigrationInterface {
  name = 'NdaLanguages1764000730000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE nda_texts ADD COLUMN language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en', 'fr', 'es'))`);
    await q.query(`ALTER TABLE nda_texts DROP CONSTRAINT nda_texts_kind_version_key`);
    await q.query(`ALTER TABLE nda_texts ADD CONSTRAINT nda_texts_kind_version_language_key UNIQUE (kind, version, language)`);
    await q.query(`ALTER TABLE nda_signatures ADD COLUMN language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en', 'fr', 'es'))`);
    await q.query(`UPDATE nda_signatures s SET language = t.language FROM nda_texts t WHERE t.id = s.text_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE nda_signatures DROP COLUMN language`);
    await q.query(`DELETE FROM nda_texts t WHERE t.language <> 'nl' AND NOT EXISTS (SELECT 1 FROM nda_signatures s WHERE s.text_id = t.id)`);
    await q.query(`ALTER TABLE nda_texts DROP CONSTRAINT nda_texts_kind_version_language_key`);
    await q.query(`ALTER TABLE nda_texts ADD CONSTRAINT nda_texts_kind_version_key UNIQUE (kind, version)`);
    await q.query(`ALTER TABLE nda_texts DROP COLUMN language`);
  }
}
