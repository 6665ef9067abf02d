import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, art. 19 and 22: for each entry in scope a company approves, restricts to region or country, or declines.
 * A declined entry (like a silent one) reaches the requester only inside aggregated counts, never as a row.
 */
export class ConsentDecline1764000670000 implements MigrationInterface {
  name = 'ConsentDecline1764000670000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_entries DROP CONSTRAINT IF EXISTS case_entries_level_check`);
    await q.query(`ALTER TABLE case_entries ADD CONSTRAINT case_entries_level_check CHECK (level IN ('full', 'region', 'country', 'declined'))`);
    await q.query(`ALTER TABLE case_consents DROP CONSTRAINT IF EXISTS case_consents_status_check`);
    await q.query(
      `ALTER TABLE case_consents ADD CONSTRAINT case_consents_status_check CHECK (status IN ('pending', 'approved', 'restricted', 'declined', 'silent'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE case_entries SET level = NULL WHERE level = 'declined'`);
    await q.query(`UPDATE case_consents SET status = 'restricted' WHERE status = 'declined'`);
    await q.query(`ALTER TABLE case_entries DROP CONSTRAINT IF EXISTS case_entries_level_check`);
    await q.query(`ALTER TABLE case_entries ADD CONSTRAINT case_entries_level_check CHECK (level IN ('full', 'region', 'country'))`);
    await q.query(`ALTER TABLE case_consents DROP CONSTRAINT IF EXISTS case_consents_status_check`);
    await q.query(`ALTER TABLE case_consents ADD CONSTRAINT case_consents_status_check CHECK (status IN ('pending', 'approved', 'restricted', 'silent'))`);
  }
}
