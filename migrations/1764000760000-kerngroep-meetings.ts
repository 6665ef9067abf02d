import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kerngroep meetings (art. 48, 52; issue 15 item 3). The Kerngroep meets four times a year on dates the secretariat
 * sets; each meeting has an agenda and, afterwards, minutes at headline level. The matters awaiting a ruling are NOT
 * stored on the agenda: they are computed from `rulings` (a ruling belongs to the first meeting on or after it was
 * opened, and to every later one while it stays undecided), so the agenda can never disagree with the ruling's state.
 * Only what the secretariat adds by hand is a row here.
 */
export class KerngroepMeetings1764000760000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kerngroep_meetings (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scheduled_at  timestamptz NOT NULL,
        place         text CHECK (length(place) <= 200),
        planned_by    uuid NOT NULL REFERENCES people(id),
        planned_at    timestamptz NOT NULL DEFAULT now(),
        -- art. 48: minutes at headline level: what was decided, never who voted what or why
        minutes_summary      text CHECK (length(minutes_summary) <= 5000),
        minutes_decisions    jsonb,
        minutes_recorded_by  uuid REFERENCES people(id),
        minutes_recorded_at  timestamptz,
        CHECK ((minutes_decisions IS NULL) = (minutes_recorded_at IS NULL))
      )`);
    await q.query(`CREATE INDEX kerngroep_meetings_scheduled_at ON kerngroep_meetings (scheduled_at)`);
    await q.query(`
      CREATE TABLE kerngroep_agenda_items (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id  uuid NOT NULL REFERENCES kerngroep_meetings(id) ON DELETE CASCADE,
        title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 5000),
        added_by    uuid NOT NULL REFERENCES people(id),
        added_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX kerngroep_agenda_items_meeting ON kerngroep_agenda_items (meeting_id, added_at)`);
    await q.query(`
      CREATE TABLE kerngroep_attendance_requests (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id       uuid NOT NULL REFERENCES kerngroep_meetings(id) ON DELETE CASCADE,
        -- the signed-in person asking for themselves, or null for an outsider the secretariat files for (art. 48, 55)
        requester_person_id uuid REFERENCES people(id),
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email            text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
        language         text NOT NULL CHECK (language IN ('nl', 'en')),
        affiliation      text CHECK (length(affiliation) <= 200),
        motivation       text NOT NULL CHECK (length(motivation) BETWEEN 1 AND 5000),
        filed_by         uuid NOT NULL REFERENCES people(id),
        filed_at         timestamptz NOT NULL DEFAULT now(),
        state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'allowed', 'refused')),
        decision_reason  text CHECK (length(decision_reason) <= 5000),
        decided_by       uuid REFERENCES people(id),
        decided_at       timestamptz,
        CHECK ((state = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE INDEX kerngroep_attendance_requests_pending ON kerngroep_attendance_requests (meeting_id) WHERE state = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kerngroep_attendance_requests`);
    await q.query(`DROP TABLE kerngroep_agenda_items`);
    await q.query(`DROP TABLE kerngroep_meetings`);
  }
}
