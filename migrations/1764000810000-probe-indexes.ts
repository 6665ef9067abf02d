import type { MigrationInterface, QueryRunner } from 'typeorm';

const INDEXES: ReadonlyArray<readonly [name: string, definition: string]> = [
  // case-beneficiary: a disclosure the organisation filed for itself
  ['cases_own_disclosure_requester_idx', `cases (requester_organisation_id) WHERE type = 'disclosure' AND on_behalf_of IS NULL`],
  // disclosure-access: the open access windows of an organisation's disclosures, with their end read from the index
  ['cases_open_access_requester_idx', `cases (requester_organisation_id, access_closes_at) WHERE type = 'disclosure' AND state = 'access_open' AND on_behalf_of IS NULL`],
  ['cases_open_access_on_behalf_idx', `cases (on_behalf_of, access_closes_at) WHERE type = 'disclosure' AND state = 'access_open'`],
];

/**
 * Issue 18, "whatever the sector's size": the "holds this grant kind anywhere?" probes of the session statement
 * (`indexProbe` in src/cases/cases.repository.ts) for the kinds whose rows are a narrow share of an organisation's
 * cases, so a probe reads only those index entries instead of every case the organisation filed.
 */
export class ProbeIndexes1764000810000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await q.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await q.query(`DROP INDEX IF EXISTS ${name}`);
  }
}
