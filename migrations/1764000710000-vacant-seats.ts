import type { MigrationInterface, QueryRunner } from 'typeorm';

const VIEW = (condition: string) => `
  CREATE OR REPLACE VIEW kerngroep_seats AS
  SELECT c.constituency, t.organisation_id, t.fixed_person_id, t.deputy_person_id, t.id AS term_id, t.effective_from
    FROM unnest(enum_range(NULL::constituency)) AS c(constituency)
    LEFT JOIN LATERAL (
      SELECT t.* FROM kerngroep_seat_terms t
       WHERE t.constituency = c.constituency AND t.effective_from <= agreement_today()
       ORDER BY t.effective_from DESC, t.recorded_at DESC LIMIT 1) t ON ${condition}`;

/**
 * Art. 47, 73-77 (issue 13): a seat whose holding organisation has left the agreement (withdrawal or removal in
 * effect) is vacant until the secretariat records a new term. The seat history (`kerngroep_seat_terms`) keeps the
 * term as it was decided; the view of the seats in force leaves a departed holder out, so every policy fact and the
 * decision rule see the seat as vacant from the effective date on, with no update of the history.
 */
export class VacantSeats1764000710000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(VIEW(`EXISTS (SELECT 1 FROM organisations o WHERE o.id = t.organisation_id AND o.status IN ('active', 'withdrawing'))`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(VIEW('true'));
  }
}
