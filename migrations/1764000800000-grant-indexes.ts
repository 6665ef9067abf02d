import type { MigrationInterface, QueryRunner } from 'typeorm';

const INDEXES: ReadonlyArray<readonly [name: string, definition: string]> = [
  ['cases_on_behalf_of_idx', 'cases (on_behalf_of)'],
  ['cases_sponsor_idx', 'cases (sponsor_organisation_id)'],
  ['case_consents_company_idx', 'case_consents (company_id)'],
  ['case_brokered_confirmed_company_idx', 'case_brokered_companies (company_id) WHERE confirmed_at IS NOT NULL'],
  ['ruling_seats_fixed_person_idx', 'ruling_seats (fixed_person_id)'],
  ['ruling_seats_deputy_person_idx', 'ruling_seats (deputy_person_id)'],
  ['ruling_seats_substitute_idx', 'ruling_seats (substitute_organisation_id)'],
  ['rulings_escalated_idx', 'rulings (escalated_at) WHERE escalated_at IS NOT NULL'],
  // a case's reports, read with the case (its view, the to-do list)
  ['case_reports_case_idx', 'case_reports (case_id)'],
];

/**
 * Issue 18: a caller's case grants are looked up by organisation and person on every request (src/cases/
 * cases.repository.ts, GRANTS) — on a route about one case, the grants on it plus one "any at all?" probe per kind.
 * Each probe is an index lookup with these, whatever the number of cases and rulings in the sector.
 */
export class GrantIndexes1764000800000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await q.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await q.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
