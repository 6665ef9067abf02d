import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agreement's year (issue 15, item 1): due dates the secretariat set in place of the configured ones, and each
 * company's deadlines (yearly list, art. 17-18; monitoring rounds, art. 9-10) with the reminder and the overdue notice
 * the scheduler sent, each once.
 */
export class AgreementCalendar1764000750000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_due_dates (
        kind        text NOT NULL CHECK (kind IN ('list', 'monitoring')),
        -- the list's calendar year, or the monitoring round
        period      text NOT NULL CHECK (period ~ '^[0-9]{4}$' OR period IN ('baseline', 'year2', 'year4')),
        due_on      date NOT NULL,
        set_by      uuid REFERENCES people(id),
        set_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, period)
      )`);
    await q.query(`
      CREATE TABLE company_deadlines (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id    uuid NOT NULL REFERENCES organisations(id),
        kind          text NOT NULL CHECK (kind IN ('list', 'monitoring')),
        period        text NOT NULL,
        -- the calendar date this row was made from: a new date (configuration or secretariat) replaces the row's
        -- times and reminders; the times themselves may be moved (tests move the clock this way)
        planned_on    date NOT NULL,
        due_at        timestamptz NOT NULL,
        remind_at     timestamptz NOT NULL,
        reminded_at   timestamptz,
        overdue_at    timestamptz,
        attempts      integer NOT NULL DEFAULT 0,
        last_error    text,
        retry_at      timestamptz,
        UNIQUE (company_id, kind, period)
      )`);
    await q.query(`CREATE INDEX company_deadlines_remind_idx ON company_deadlines (remind_at) WHERE reminded_at IS NULL`);
    await q.query(`CREATE INDEX company_deadlines_due_idx ON company_deadlines (due_at) WHERE overdue_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE company_deadlines`);
    await q.query(`DROP TABLE agreement_due_dates`);
  }
}
