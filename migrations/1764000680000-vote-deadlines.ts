import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Art. 49 (issue 11): every vote has a deadline, set when the matter goes to the vote (the Kerngroep, and again
 * when it goes to the Sectormodule Vergadering). `rulings.vote_due_at` is the current stage's deadline, which the
 * chair's close checks; the `vote` row in `case_deadlines` carries the reminder and the mail when it passes.
 * Rulings still open when this runs get the default of 14 days from the moment their stage opened.
 */
export class VoteDeadlines1764000680000 implements MigrationInterface {
  name = 'VoteDeadlines1764000680000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_deadlines DROP CONSTRAINT case_deadlines_kind_check`);
    await q.query(`ALTER TABLE case_deadlines ADD CONSTRAINT case_deadlines_kind_check CHECK (kind IN ('consent', 'access-window', 'improvement-period', 'vote'))`);
    await q.query(`ALTER TABLE rulings ADD COLUMN vote_due_at timestamptz`);
    await q.query(`UPDATE rulings SET vote_due_at = coalesce(escalated_at, opened_at) + interval '14 days' WHERE stage <> 'decided'`);
    await q.query(
      `INSERT INTO case_deadlines (case_id, kind, due_at, remind_at)
       SELECT case_id, 'vote', vote_due_at, vote_due_at - interval '2 days' FROM rulings WHERE stage <> 'decided'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM case_deadlines WHERE kind = 'vote'`);
    await q.query(`ALTER TABLE rulings DROP COLUMN vote_due_at`);
    await q.query(`ALTER TABLE case_deadlines DROP CONSTRAINT case_deadlines_kind_check`);
    await q.query(`ALTER TABLE case_deadlines ADD CONSTRAINT case_deadlines_kind_check CHECK (kind IN ('consent', 'access-window', 'improvement-period'))`);
  }
}
