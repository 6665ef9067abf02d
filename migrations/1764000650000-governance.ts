import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The governance the agreement sets up, recorded as history (issue 13, parts 1-3):
 * - Kerngroep seats (art. 45-47): each term says which party organisation holds a constituency's seat and which of
 *   *its own* people are the fixed and the deputy representative, from which date and on which Kerngroep decision.
 *   `kerngroep_seats` becomes a view of the term in force today, so every fact that read the table keeps working
 *   and a term recorded ahead of time takes effect on its date without a job.
 * - The chair (art. 50, 54): proposed by the SER, confirmed by the Kerngroep, from a date; `kerngroep_chair` is the
 *   view of the chair in force today and replaces the person flag.
 * - Rulings keep the seat holders they opened with (`ruling_seats` snapshot), unless a seat change says otherwise.
 * - Modules (art. 13, footnote 4): records of the four kinds with a name and period; participation has an end
 *   (`left_at`), so history is kept and a removed organisation loses its art-13 access at once.
 */
export class Governance1764000650000 implements MigrationInterface {
  name = 'Governance1764000650000';

  async up(q: QueryRunner): Promise<void> {
    // The day in the Netherlands decides which term is in force (the agreement is under Dutch law, art. 13 of the intro).
    await q.query(`CREATE FUNCTION agreement_today() RETURNS date LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date $$`);

    await q.query(`
      CREATE TABLE kerngroep_seat_terms (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        constituency      constituency NOT NULL,
        organisation_id   uuid NOT NULL REFERENCES organisations(id),
        fixed_person_id   uuid NOT NULL REFERENCES people(id),
        deputy_person_id  uuid NOT NULL REFERENCES people(id),
        effective_from    date NOT NULL,
        decision          text NOT NULL CHECK (length(decision) BETWEEN 1 AND 2000),
        open_votes        text NOT NULL DEFAULT 'keep' CHECK (open_votes IN ('keep', 'transfer')),
        recorded_by       uuid REFERENCES people(id),
        recorded_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (fixed_person_id <> deputy_person_id)
      )`);
    await q.query(`CREATE INDEX kerngroep_seat_terms_idx ON kerngroep_seat_terms (constituency, effective_from DESC, recorded_at DESC)`);
    await q.query(`
      INSERT INTO kerngroep_seat_terms (constituency, organisation_id, fixed_person_id, deputy_person_id, effective_from, decision)
      SELECT s.constituency, p.organisation_id, s.fixed_person_id, s.deputy_person_id, DATE '2025-10-16', 'recorded before seat history was kept'
        FROM kerngroep_seats s JOIN people p ON p.id = s.fixed_person_id
       WHERE s.fixed_person_id IS NOT NULL AND s.deputy_person_id IS NOT NULL`);
    await q.query(`DROP TABLE kerngroep_seats`);
    // One row per constituency, always (a seat nobody holds yet has nulls), as the table had.
    await q.query(`
      CREATE VIEW kerngroep_seats AS
      SELECT c.constituency, t.organisation_id, t.fixed_person_id, t.deputy_person_id, t.id AS term_id, t.effective_from
        FROM unnest(enum_range(NULL::constituency)) AS c(constituency)
        LEFT JOIN LATERAL (
          SELECT * FROM kerngroep_seat_terms t
           WHERE t.constituency = c.constituency AND t.effective_from <= agreement_today()
           ORDER BY t.effective_from DESC, t.recorded_at DESC LIMIT 1) t ON true`);

    await q.query(`
      CREATE TABLE kerngroep_chair_terms (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id           uuid NOT NULL REFERENCES people(id),
        effective_from      date NOT NULL,
        ser_proposal        text NOT NULL CHECK (length(ser_proposal) BETWEEN 1 AND 2000),
        kerngroep_decision  text NOT NULL CHECK (length(kerngroep_decision) BETWEEN 1 AND 2000),
        recorded_by         uuid REFERENCES people(id),
        recorded_at         timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      INSERT INTO kerngroep_chair_terms (person_id, effective_from, ser_proposal, kerngroep_decision)
      SELECT id, DATE '2025-10-16', 'recorded before chair history was kept', 'recorded before chair history was kept'
        FROM people WHERE is_kerngroep_chair`);
    await q.query(`ALTER TABLE people DROP COLUMN is_kerngroep_chair`);
    await q.query(`
      CREATE VIEW kerngroep_chair AS
      SELECT t.person_id, t.id AS term_id, t.effective_from FROM kerngroep_chair_terms t
       WHERE t.effective_from <= agreement_today()
       ORDER BY t.effective_from DESC, t.recorded_at DESC LIMIT 1`);

    // A ruling votes with the holders it opened with (art. 47, 49): the snapshot.
    await q.query(`ALTER TABLE ruling_seats
      ADD COLUMN organisation_id uuid REFERENCES organisations(id),
      ADD COLUMN fixed_person_id uuid REFERENCES people(id),
      ADD COLUMN deputy_person_id uuid REFERENCES people(id)`);
    await q.query(`
      UPDATE ruling_seats rs SET organisation_id = t.organisation_id, fixed_person_id = t.fixed_person_id, deputy_person_id = t.deputy_person_id
        FROM kerngroep_seats t WHERE t.constituency = rs.constituency`);

    await q.query(`
      CREATE TABLE modules (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        -- art. 13, footnote 4: sector, knowledge, practice and risk modules of the framework agreement
        kind        text NOT NULL CHECK (kind IN ('sector', 'knowledge', 'practice', 'risk')),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        starts_on   date NOT NULL,
        ends_on     date,
        created_by  uuid REFERENCES people(id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`
      INSERT INTO modules (slug, kind, name, starts_on, ends_on)
      SELECT DISTINCT module, CASE WHEN module LIKE 'risico%' OR module LIKE 'risk%' THEN 'risk' ELSE 'sector' END, module, DATE '2025-10-16', DATE '2029-12-31'
        FROM module_participations`);
    await q.query(`ALTER TABLE module_participations DROP CONSTRAINT module_participations_pkey`);
    await q.query(`ALTER TABLE module_participations
      ADD COLUMN id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ADD COLUMN enrolled_by uuid REFERENCES people(id),
      ADD COLUMN left_at timestamptz,
      ADD COLUMN removed_by uuid REFERENCES people(id),
      ADD CONSTRAINT module_participations_module_fkey FOREIGN KEY (module) REFERENCES modules(slug) ON UPDATE CASCADE,
      ADD CHECK (left_at IS NULL OR left_at >= joined_at)`);
    await q.query(`CREATE UNIQUE INDEX module_participations_current ON module_participations (organisation_id, module) WHERE left_at IS NULL`);
    // Art. 13: "die deelnemen aan een module" — enrolled, not removed, and the module's period includes today.
    await q.query(`
      CREATE VIEW current_module_participations AS
      SELECT mp.organisation_id, mp.module, mp.joined_at, md.id AS module_id, md.kind AS module_kind
        FROM module_participations mp JOIN modules md ON md.slug = mp.module
       WHERE mp.left_at IS NULL AND md.starts_on <= agreement_today() AND (md.ends_on IS NULL OR md.ends_on >= agreement_today())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW current_module_participations`);
    await q.query(`DROP INDEX module_participations_current`);
    await q.query(`DELETE FROM module_participations WHERE left_at IS NOT NULL`);
    await q.query(`ALTER TABLE module_participations DROP CONSTRAINT module_participations_module_fkey,
      DROP COLUMN left_at, DROP COLUMN removed_by, DROP COLUMN enrolled_by, DROP COLUMN id`);
    await q.query(`ALTER TABLE module_participations ADD PRIMARY KEY (organisation_id, module)`);
    await q.query(`DROP TABLE modules`);
    await q.query(`ALTER TABLE ruling_seats DROP COLUMN organisation_id, DROP COLUMN fixed_person_id, DROP COLUMN deputy_person_id`);
    await q.query(`ALTER TABLE people ADD COLUMN is_kerngroep_chair boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE people SET is_kerngroep_chair = true WHERE id IN (SELECT person_id FROM kerngroep_chair)`);
    await q.query(`DROP VIEW kerngroep_chair`);
    await q.query(`DROP TABLE kerngroep_chair_terms`);
    await q.query(`DROP VIEW kerngroep_seats`);
    await q.query(`
      CREATE TABLE kerngroep_seats (
        constituency      constituency PRIMARY KEY,
        fixed_person_id   uuid REFERENCES people(id),
        deputy_person_id  uuid REFERENCES people(id),
        CHECK (fixed_person_id <> deputy_person_id)
      )`);
    await q.query(`INSERT INTO kerngroep_seats (constituency) VALUES ('unions'), ('ngos'), ('branch_orgs'), ('companies')`);
    await q.query(`DROP TABLE kerngroep_seat_terms`);
    await q.query(`DROP FUNCTION agreement_today()`);
  }
}
