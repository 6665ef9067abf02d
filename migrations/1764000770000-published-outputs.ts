import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, items 4-5: the outputs the agreement publishes once a year, frozen.
 * - `aggregated_list_publications`: one version of the aggregated list per year (art. 19-20): its threshold k, the
 *   suppression applied, the published cells and a SHA-256 of their canonical JSON. `contributions` is internal (never
 *   served): per published cell, how many locations each company put in it, so the next version can be checked
 *   against this one for differencing.
 * - `yearly_reports`: the yearly report (art. 14, 33, 51): a draft the secretariat generates, frozen when put before
 *   the Kerngroep (a case of type `yearly_report`), public once the Kerngroep approved it.
 */
export class PublishedOutputs1764000770000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aggregated_list_publications (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year          int NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
        min_companies int NOT NULL CHECK (min_companies >= 1),
        cells         jsonb NOT NULL,
        suppression   jsonb NOT NULL,
        sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        contributions jsonb NOT NULL,
        published_at  timestamptz NOT NULL DEFAULT now(),
        published_by  uuid REFERENCES people(id)
      )`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_type_check`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_type_check CHECK (type IN ('disclosure', 'restriction', 'complaint', 'accession', 'removal', 'yearly_report'))`);
    await q.query(`
      CREATE TABLE yearly_reports (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year         int NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
        status       text NOT NULL CHECK (status IN ('draft', 'awaiting_ruling', 'published', 'rejected')),
        content      jsonb NOT NULL,
        sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        case_id      uuid REFERENCES cases(id),
        generated_at timestamptz NOT NULL DEFAULT now(),
        generated_by uuid REFERENCES people(id),
        submitted_at timestamptz,
        published_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE yearly_reports`);
    await q.query(`DELETE FROM cases WHERE type = 'yearly_report'`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_type_check`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_type_check CHECK (type IN ('disclosure', 'restriction', 'complaint', 'accession', 'removal'))`);
    await q.query(`DROP TABLE aggregated_list_publications`);
  }
}
