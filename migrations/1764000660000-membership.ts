import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Membership of the agreement (issue 13, parts 4-8; art. 69-77, 83-86): accession requests and the parties'
 * questions about them, withdrawal notices and removals with the dates they take effect, the Kerngroep's recorded
 * reminders, the work the scheduler does at an effective date (access, seats, open votes, shredding after the
 * retention period), the companies' grievance mechanisms (art. 85) and the admissibility of complaints (art. 83).
 */
export class Membership1764000660000 implements MigrationInterface {
  name = 'Membership1764000660000';

  async up(q: QueryRunner): Promise<void> {
    // Accession and removal are matters of the Kerngroep like any other (art. 72, 76): a case type of their own.
    await q.query(`ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_type_check`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_type_check CHECK (type IN ('disclosure', 'restriction', 'complaint', 'accession', 'removal'))`);

    // Art. 70-72: a motivated request to join; the parties are informed beforehand and may ask questions.
    await q.query(`
      CREATE TABLE accession_requests (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind               organisation_kind NOT NULL CHECK (kind NOT IN ('secretariat', 'local_partner')),
        country            char(2) CHECK (country ~ '^[A-Z]{2}$'),
        contact_name       text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
        contact_email      text NOT NULL CHECK (contact_email = lower(contact_email) AND contact_email LIKE '%_@_%'),
        contact_language   text NOT NULL DEFAULT 'nl' CHECK (contact_language IN ('nl', 'en')),
        motivation         text CHECK (length(motivation) <= 20000),
        motivation_pdf     bytea,
        status             text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'informed', 'approved', 'rejected')),
        received_via       text NOT NULL CHECK (received_via IN ('public-form', 'secretariat')),
        received_at        timestamptz NOT NULL DEFAULT now(),
        informed_at        timestamptz,
        case_id            uuid UNIQUE REFERENCES cases(id),
        organisation_id    uuid REFERENCES organisations(id),
        CHECK (motivation IS NOT NULL OR motivation_pdf IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE accession_questions (
        id                 bigserial PRIMARY KEY,
        request_id         uuid NOT NULL REFERENCES accession_requests(id),
        organisation_id    uuid NOT NULL REFERENCES organisations(id),
        person_id          uuid NOT NULL REFERENCES people(id),
        question           text NOT NULL CHECK (length(question) BETWEEN 1 AND 5000),
        asked_at           timestamptz NOT NULL DEFAULT now()
      )`);

    // Art. 76: the Kerngroep reminds the party of the ruling it does not follow before it can remove it.
    await q.query(`
      CREATE TABLE membership_reminders (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id    uuid NOT NULL REFERENCES organisations(id),
        ruling_case_id     uuid NOT NULL REFERENCES cases(id),
        text               text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
        recorded_by        uuid NOT NULL REFERENCES people(id),
        recorded_at        timestamptz NOT NULL DEFAULT now()
      )`);

    // Art. 73-77: a withdrawal notice or a removal, the date it takes effect and what the scheduler did then.
    await q.query(`
      CREATE TABLE membership_changes (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id    uuid NOT NULL REFERENCES organisations(id),
        kind               text NOT NULL CHECK (kind IN ('withdrawal', 'removal')),
        motivation         text NOT NULL CHECK (length(motivation) BETWEEN 1 AND 5000),
        given_by           uuid REFERENCES people(id),
        given_at           timestamptz NOT NULL DEFAULT now(),
        case_id            uuid UNIQUE REFERENCES cases(id),
        reminder_id        uuid REFERENCES membership_reminders(id),
        effective_at       timestamptz NOT NULL,
        duties_until       date NOT NULL,
        effected_at        timestamptz,
        shred_warn_at      timestamptz,
        shred_warned_at    timestamptz,
        shred_due_at       timestamptz,
        shredded_at        timestamptz,
        attempts           integer NOT NULL DEFAULT 0,
        last_error         text,
        CHECK (effective_at > given_at)
      )`);
    // One change per organisation: a party leaves once (art. 73-77).
    await q.query(`CREATE UNIQUE INDEX membership_changes_one_per_org ON membership_changes (organisation_id)`);
    await q.query(`CREATE INDEX membership_changes_due_idx ON membership_changes (effective_at) WHERE effected_at IS NULL`);
    await q.query(`CREATE INDEX membership_changes_shred_idx ON membership_changes (shred_due_at) WHERE shredded_at IS NULL`);

    // Art. 85: each company opens its own grievance mechanism to third parties; every party can see it.
    await q.query(`
      CREATE TABLE grievance_mechanisms (
        organisation_id    uuid PRIMARY KEY REFERENCES organisations(id),
        description        text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        url                text CHECK (url ~ '^https?://' AND length(url) <= 500),
        contact            text CHECK (length(contact) <= 200),
        updated_by         uuid NOT NULL REFERENCES people(id),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);

    // Art. 83: before a vote the chair or the secretariat declares a complaint admissible or not, with a reason.
    await q.query(`
      CREATE TABLE complaint_admissibility (
        case_id            uuid PRIMARY KEY REFERENCES cases(id),
        admissible         boolean NOT NULL,
        reason             text NOT NULL CHECK (reason IN ('lack-of-progress', 'supply-chain-violation', 'financial-dispute', 'other')),
        explanation        text NOT NULL CHECK (length(explanation) BETWEEN 1 AND 2000),
        declared_by        uuid NOT NULL REFERENCES people(id),
        declared_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (admissible = (reason = 'lack-of-progress'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['complaint_admissibility', 'grievance_mechanisms', 'membership_changes', 'membership_reminders', 'accession_questions', 'accession_requests']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_type_check`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_type_check CHECK (type IN ('disclosure', 'restriction', 'complaint'))`);
  }
}
