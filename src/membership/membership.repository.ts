import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Constituency, Language } from '../common/caller.js';

export interface MemberOrganisation {
  id: string;
  name: string;
  slug: string;
  kind: string;
  is_party: boolean;
  constituency: Constituency | null;
  status: 'active' | 'withdrawing' | 'withdrawn' | 'removed';
  joined_at: Date;
}

export interface ChangeRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  kind: 'withdrawal' | 'removal';
  motivation: string;
  given_by: string | null;
  given_at: Date;
  case_id: string | null;
  reminder_id: string | null;
  effective_at: Date;
  duties_until: string;
  effected_at: Date | null;
  shred_warn_at: Date | null;
  shred_warned_at: Date | null;
  shred_due_at: Date | null;
  shredded_at: Date | null;
}

export interface ReminderRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  ruling_case_id: string;
  text: string;
  recorded_at: Date;
  recorded_by_name: string;
}

export interface PublishedRemoval {
  organisation_name: string;
  explanation: string;
  decided_at: Date;
  effective_at: Date;
  duties_until: string;
}

/** Rows of a statement asked only whether it found or touched any. */
type Found = unknown[];

export interface Recipient {
  email: string;
  language: Language;
}

/** The organisations that still take part: active, or on notice (art. 75: rights and duties until the effective date). */
export const PARTICIPATING = `('active', 'withdrawing')`;

const CHANGE_SELECT = `
  SELECT c.*, to_char(c.duties_until, 'YYYY-MM-DD') AS duties_until, o.name AS organisation_name
    FROM membership_changes c JOIN organisations o ON o.id = c.organisation_id`;

/** Every query of the membership tables (art. 69-77), and the few writes an effective date makes elsewhere. */
@Injectable()
export class MembershipRepository {
  async organisation(m: EntityManager, id: string, lock = false): Promise<MemberOrganisation | null> {
    const [row] = await m.query<MemberOrganisation[]>(
      `SELECT id, name, slug, kind, is_party, constituency, status, joined_at FROM organisations WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  async changeOf(m: EntityManager, organisationId: string): Promise<ChangeRow | null> {
    const [row] = await m.query<ChangeRow[]>(`${CHANGE_SELECT} WHERE c.organisation_id = $1`, [organisationId]);
    return row ?? null;
  }

  async change(m: EntityManager, id: string): Promise<ChangeRow | null> {
    const [row] = await m.query<ChangeRow[]>(`${CHANGE_SELECT} WHERE c.id = $1`, [id]);
    return row ?? null;
  }

  async changes(m: EntityManager): Promise<ChangeRow[]> {
    return m.query<ChangeRow[]>(`${CHANGE_SELECT} ORDER BY c.effective_at, o.name`);
  }

  async insertChange(
    m: EntityManager,
    c: {
      organisationId: string;
      kind: 'withdrawal' | 'removal';
      motivation: string;
      givenBy: string | null;
      caseId: string | null;
      reminderId: string | null;
      effectiveAt: Date;
      dutiesUntil: string;
      shredWarnAt: Date;
      shredDueAt: Date;
    },
  ): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO membership_changes (organisation_id, kind, motivation, given_by, case_id, reminder_id, effective_at, duties_until, shred_warn_at, shred_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [c.organisationId, c.kind, c.motivation, c.givenBy, c.caseId, c.reminderId, c.effectiveAt, c.dutiesUntil, c.shredWarnAt, c.shredDueAt],
    );
    return row.id;
  }

  async setStatus(m: EntityManager, organisationId: string, status: MemberOrganisation['status']): Promise<void> {
    await m.query(`UPDATE organisations SET status = $2 WHERE id = $1`, [organisationId, status]);
  }

  async dropPendingChange(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM membership_changes WHERE id = $1 AND effected_at IS NULL`, [id]);
  }

  async hasOpenRemoval(m: EntityManager, organisationId: string): Promise<boolean> {
    const rows = await m.query<Found>(`SELECT 1 FROM cases WHERE type = 'removal' AND subject_organisation_id = $1 AND state = 'awaiting_ruling'`, [organisationId]);
    return rows.length > 0;
  }

  // ------------------------------------------------------------------------------------------------ reminders (art. 76)

  async insertReminder(m: EntityManager, r: { organisationId: string; rulingCaseId: string; text: string; recordedBy: string }): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO membership_reminders (organisation_id, ruling_case_id, text, recorded_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [r.organisationId, r.rulingCaseId, r.text, r.recordedBy],
    );
    return row.id;
  }

  async reminder(m: EntityManager, id: string): Promise<{ id: string; organisation_id: string; ruling_case_id: string; recorded_at: Date } | null> {
    const [row] = await m.query<Array<{ id: string; organisation_id: string; ruling_case_id: string; recorded_at: Date }>>(`SELECT id, organisation_id, ruling_case_id, recorded_at FROM membership_reminders WHERE id = $1`, [id]);
    return row ?? null;
  }

  async reminders(m: EntityManager): Promise<ReminderRow[]> {
    return m.query<ReminderRow[]>(
      `SELECT r.id, r.organisation_id, o.name AS organisation_name, r.ruling_case_id, r.text, r.recorded_at, p.name AS recorded_by_name
         FROM membership_reminders r JOIN organisations o ON o.id = r.organisation_id JOIN people p ON p.id = r.recorded_by
        ORDER BY r.recorded_at DESC`,
    );
  }

  /** A case whose Kerngroep ruling has been decided: the ruling a party can fail to follow (art. 76). */
  async decidedRuling(m: EntityManager, caseId: string): Promise<{ outcome: string } | null> {
    const [row] = await m.query<Array<{ outcome: string }>>(`SELECT outcome FROM rulings WHERE case_id = $1 AND stage = 'decided'`, [caseId]);
    return row ?? null;
  }

  // ------------------------------------------------------------------------------------------------ the scheduler's steps

  /** The changes whose `step` is due now, oldest first. */
  async due(m: EntityManager, step: 'effect' | 'warn' | 'shred', limit: number): Promise<string[]> {
    const [condition, order] = {
      effect: [`effected_at IS NULL AND effective_at <= now()`, 'effective_at'],
      warn: [`effected_at IS NOT NULL AND shred_warned_at IS NULL AND shredded_at IS NULL AND shred_warn_at <= now()`, 'shred_warn_at'],
      shred: [`effected_at IS NOT NULL AND shredded_at IS NULL AND shred_due_at <= now()`, 'shred_due_at'],
    }[step];
    const rows = await m.query<Array<{ id: string }>>(`SELECT id FROM membership_changes WHERE ${condition} ORDER BY ${order} LIMIT $1`, [limit]);
    return rows.map((r) => r.id);
  }

  /** Locks a change whose `step` is due (FOR UPDATE SKIP LOCKED): null when another instance has it or did it. */
  async claim(m: EntityManager, id: string, step: 'effect' | 'warn' | 'shred'): Promise<ChangeRow | null> {
    const condition = {
      effect: `effected_at IS NULL AND effective_at <= now()`,
      warn: `effected_at IS NOT NULL AND shred_warned_at IS NULL AND shredded_at IS NULL AND shred_warn_at <= now()`,
      shred: `effected_at IS NOT NULL AND shredded_at IS NULL AND shred_due_at <= now()`,
    }[step];
    const [row] = await m.query<Array<{ id: string }>>(`SELECT id FROM membership_changes WHERE id = $1 AND ${condition} FOR UPDATE SKIP LOCKED`, [id]);
    if (!row) return null;
    return this.change(m, id);
  }

  /** Done; the retention period runs from now, so the shredding dates are set from the moment it took effect. */
  async markEffected(m: EntityManager, id: string, shred: { warnAt: Date; dueAt: Date }): Promise<void> {
    await m.query(
      `UPDATE membership_changes SET effected_at = now(), attempts = 0, last_error = NULL, shred_warn_at = $2, shred_due_at = $3 WHERE id = $1`,
      [id, shred.warnAt, shred.dueAt],
    );
  }

  async markWarned(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE membership_changes SET shred_warned_at = now() WHERE id = $1`, [id]);
  }

  async markShredded(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE membership_changes SET shredded_at = now(), shred_warned_at = coalesce(shred_warned_at, now()) WHERE id = $1`, [id]);
  }

  /** After a step rolled back: count it and move its due time back a little (at most an hour), so one bad row cannot hog the loop. */
  async failed(m: EntityManager, id: string, step: 'effect' | 'warn' | 'shred', message: string): Promise<void> {
    const column = { effect: 'effective_at', warn: 'shred_warn_at', shred: 'shred_due_at' }[step];
    await m.query(
      `UPDATE membership_changes SET attempts = attempts + 1, last_error = $2,
              ${column} = greatest(${column}, now() + make_interval(secs => least(3600, 5 * power(2, attempts)))) WHERE id = $1`,
      [id, message],
    );
  }

  /** The people of an organisation that left: disabled, their unused links expired. Returns their ids. */
  async disablePeople(m: EntityManager, organisationId: string): Promise<string[]> {
    const rows = await m.query<Array<{ id: string }>>(
      `WITH u AS (UPDATE people SET disabled_at = now() WHERE organisation_id = $1 AND disabled_at IS NULL RETURNING id) SELECT id FROM u`,
      [organisationId],
    );
    await m.query(
      `UPDATE invitations SET expires_at = now() WHERE used_at IS NULL AND expires_at > now()
          AND person_id IN (SELECT id FROM people WHERE organisation_id = $1)`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The organisation leaves the Kerngroep seats it holds (art. 47, 73-77): the view of the seats in force already
   * leaves a departed holder out (migration 1764000710000), and every undecided ruling that opened with it as a seat's
   * holder loses that holder, so a substitute of the same constituency can vote there. Returns the seats that fell
   * vacant in an open ruling.
   */
  async vacateSeats(m: EntityManager, organisationId: string): Promise<Constituency[]> {
    const rows = await m.query<Array<{ constituency: Constituency }>>(
      `WITH u AS (
         UPDATE ruling_seats rs SET organisation_id = NULL, fixed_person_id = NULL, deputy_person_id = NULL
           FROM rulings r
          WHERE rs.ruling_id = r.id AND r.stage <> 'decided' AND rs.organisation_id = $1
         RETURNING rs.constituency)
       SELECT DISTINCT constituency FROM u`,
      [organisationId],
    );
    return rows.map((r) => r.constituency);
  }

  /** Removes the organisation's votes from rulings not yet decided (it leaves the open votes); returns how many. */
  async dropOpenVotes(m: EntityManager, organisationId: string): Promise<number> {
    const rows = await m.query<Array<{ id: string }>>(
      `WITH d AS (DELETE FROM ruling_votes v USING rulings r
                   WHERE v.ruling_id = r.id AND r.stage <> 'decided' AND v.organisation_id = $1 RETURNING v.id)
       SELECT id FROM d`,
      [organisationId],
    );
    return rows.length;
  }

  /**
   * The open Kerngroep votes in which `seat` has not voted yet and has neither a holder nor a substitute: the seat
   * fell vacant while the vote is open.
   */
  async openRulingsNeedingSubstitute(m: EntityManager, seat: Constituency): Promise<Array<{ ruling_id: string; case_id: string; concerned: string[] }>> {
    return m.query<Array<{ ruling_id: string; case_id: string; concerned: string[] }>>(
      `SELECT r.id AS ruling_id, r.case_id, r.concerned_organisation_ids AS concerned FROM rulings r
         JOIN ruling_seats rs ON rs.ruling_id = r.id AND rs.constituency = $1
        WHERE r.stage = 'kerngroep' AND rs.substitute_organisation_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM ruling_votes v WHERE v.ruling_id = r.id AND v.stage = 'kerngroep' AND v.seat = $1)
        ORDER BY r.opened_at`,
      [seat],
    );
  }

  /** Another party of the same constituency that still takes part and is not concerned by the matter (art. 84). */
  async substituteFor(m: EntityManager, seat: Constituency, excluded: string[]): Promise<string | null> {
    const [row] = await m.query<Array<{ id: string }>>(
      `SELECT id FROM organisations WHERE is_party AND constituency = $1 AND status IN ${PARTICIPATING}
          AND NOT (id = ANY($2::uuid[])) ORDER BY name, id LIMIT 1`,
      [seat, excluded],
    );
    return row?.id ?? null;
  }

  async appointSubstitute(m: EntityManager, rulingId: string, seat: Constituency, organisationId: string): Promise<void> {
    await m.query(`UPDATE ruling_seats SET substitute_organisation_id = $3 WHERE ruling_id = $1 AND constituency = $2`, [rulingId, seat, organisationId]);
  }

  // ------------------------------------------------------------------------------------------------ mail

  /** The Kerngroep: seat holders and the chair (art. 73: notice is given to the Kerngroep). */
  async kerngroep(m: EntityManager): Promise<Recipient[]> {
    return m.query<Recipient[]>(
      `SELECT DISTINCT p.email, p.language FROM people p
        WHERE p.disabled_at IS NULL
          AND (p.id IN (SELECT person_id FROM kerngroep_chair) OR p.id IN (SELECT fixed_person_id FROM kerngroep_seats UNION SELECT deputy_person_id FROM kerngroep_seats))
        ORDER BY p.email`,
    );
  }

  async parties(m: EntityManager): Promise<string[]> {
    const rows = await m.query<Array<{ id: string }>>(`SELECT id FROM organisations WHERE is_party AND status IN ${PARTICIPATING} ORDER BY name`);
    return rows.map((r) => r.id);
  }

  async chair(m: EntityManager): Promise<Recipient[]> {
    return m.query<Recipient[]>(`SELECT email, language FROM people WHERE id IN (SELECT person_id FROM kerngroep_chair) AND disabled_at IS NULL ORDER BY email`);
  }

  // ------------------------------------------------------------------------------------------------ headlines (art. 71, 77)

  async secretariatOrganisation(m: EntityManager): Promise<string | null> {
    const [row] = await m.query<Array<{ id: string }>>(`SELECT id FROM organisations WHERE kind = 'secretariat' ORDER BY created_at LIMIT 1`);
    return row?.id ?? null;
  }

  /** Published removals: the Kerngroep's decision with its short explanation (art. 77). */
  async publishedRemovals(m: EntityManager): Promise<PublishedRemoval[]> {
    return m.query<PublishedRemoval[]>(
      `SELECT o.name AS organisation_name, c.motivation AS explanation, c.given_at AS decided_at, c.effective_at, to_char(c.duties_until, 'YYYY-MM-DD') AS duties_until
         FROM membership_changes c JOIN organisations o ON o.id = c.organisation_id
        WHERE c.kind = 'removal' ORDER BY c.given_at DESC`,
    );
  }
}
