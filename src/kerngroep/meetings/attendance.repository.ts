import type { Language } from '../../common/caller.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SqlCondition } from '../../policies/ability.js';

export interface AttendanceRow {
  id: string;
  meeting_id: string;
  scheduled_at: Date;
  requester_person_id: string | null;
  name: string;
  email: string;
  language: Language;
  affiliation: string | null;
  motivation: string;
  filed_at: Date;
  state: 'pending' | 'allowed' | 'refused';
  decision_reason: string | null;
  decided_at: Date | null;
}

const COLUMNS = `r.id, r.meeting_id, mt.scheduled_at, r.requester_person_id, r.name, r.email, r.language, r.affiliation, r.motivation,
                 r.filed_at, r.state, r.decision_reason, r.decided_at`;

/** Every query of the requests to attend a Kerngroep meeting (art. 48). */
@Injectable()
export class AttendanceRepository {
  async insert(
    m: EntityManager,
    a: { meetingId: string; requesterPersonId: string | null; name: string; email: string; language: Language; affiliation: string | null; motivation: string; filedBy: string },
  ): Promise<AttendanceRow> {
    const [{ id }] = await m.query<Array<{ id: string }>>(
      `INSERT INTO kerngroep_attendance_requests (meeting_id, requester_person_id, name, email, language, affiliation, motivation, filed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [a.meetingId, a.requesterPersonId, a.name, a.email, a.language, a.affiliation, a.motivation, a.filedBy],
    );
    return (await this.find(m, id))!;
  }

  async find(m: EntityManager, id: string, lock = false): Promise<AttendanceRow | null> {
    const [row] = await m.query<AttendanceRow[]>(
      `SELECT ${COLUMNS} FROM kerngroep_attendance_requests r JOIN kerngroep_meetings mt ON mt.id = r.meeting_id WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** The requests the caller may list (`where`: the policy's condition over `r.requester_person_id`). */
  async list(m: EntityManager, where: SqlCondition, state: string | null): Promise<AttendanceRow[]> {
    const n = where.params.length;
    return m.query(
      `SELECT ${COLUMNS} FROM kerngroep_attendance_requests r JOIN kerngroep_meetings mt ON mt.id = r.meeting_id
        WHERE (${where.sql}) AND ($${n + 1}::text IS NULL OR r.state = $${n + 1})
        ORDER BY mt.scheduled_at, r.filed_at, r.id LIMIT 500`,
      [...where.params, state],
    );
  }

  async pending(m: EntityManager): Promise<AttendanceRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM kerngroep_attendance_requests r JOIN kerngroep_meetings mt ON mt.id = r.meeting_id
        WHERE r.state = 'pending' ORDER BY mt.scheduled_at, r.filed_at, r.id LIMIT 500`,
    );
  }

  async decide(m: EntityManager, id: string, state: 'allowed' | 'refused', reason: string | null, by: string): Promise<void> {
    await m.query(
      `UPDATE kerngroep_attendance_requests SET state = $2, decision_reason = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
      [id, state, reason, by],
    );
  }
}
