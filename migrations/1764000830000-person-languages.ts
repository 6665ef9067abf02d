import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Columns holding a person's language (of their mail and their pages), with the check each had. */
const COLUMNS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['people', 'language'],
  ['outbox', 'language'],
  ['kerngroep_attendance_requests', 'language'],
  ['accession_requests', 'contact_language'],
];

/**
 * Issue 14, item 6: a person's language may be French or Spanish too (the local partners in DR Congo and Bolivia
 * read their pages and their mail in it), not only Dutch or English. Widens each language check; the mail of a
 * template without that language goes out in English (src/notifications/render.ts).
 */
export class PersonLanguages1764000830000 implements MigrationInterface {
  name = 'PersonLanguages1764000830000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check CHECK (${column} IN ('nl', 'en', 'fr', 'es'))`);
    }
  }

  /** Back to Dutch and English: a French or Spanish row becomes English (the language its mail fell back to). */
  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_check`);
      await q.query(`UPDATE ${table} SET ${column} = 'en' WHERE ${column} IN ('fr', 'es')`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check CHECK (${column} IN ('nl', 'en'))`);
    }
  }
}
