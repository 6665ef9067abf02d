import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface MeetingRow {
  id: string;
  scheduled_at: Date;
  place: string | null;
  planned_at: Date;
  minutes_summary: string | null;
  minutes_decisions: Array<{ subject: string; decision: string }> | null;
  minutes_recorded_at: Date | null;
}

export interface AgendaItemRow {
  id: string;
  title: string;
  description: string | null;
  added_at: Date;
}

const COLUMNS = `id, scheduled_at, place, planned_at, minutes_summary, minutes_decisions, minutes_recorded_at`;

/** Every query of the Kerngroep meetings and the agenda items the secretariat adds (art. 48). */
@Injectable()
export class MeetingsRepository {
  async insert(m: EntityManager, at: Date, place: string | null, by: string): Promise<MeetingRow> {
    const [row] = await m.query<MeetingRow[]>(`INSERT INTO kerngroep_meetings (scheduled_at, place, planned_by) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [at, place, by]);
    return row;
  }

  /**
   * The meetings in the Dutch calendar year of `at` (art. 48: four a year), locked so two secretaries planning at the
   * same moment cannot both add a fifth: an advisory lock per year serialises them.
   */
  async countInYearLocked(m: EntityManager, year: number): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('kerngroep_meetings'), $1)`, [year]);
    const [row] = await m.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM kerngroep_meetings WHERE extract(year FROM scheduled_at AT TIME ZONE 'Europe/Amsterdam') = $1`,
      [year],
    );
    return row.n;
  }

  async list(m: EntityManager, year: number | null): Promise<MeetingRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM kerngroep_meetings
        WHERE $1::int IS NULL OR extract(year FROM scheduled_at AT TIME ZONE 'Europe/Amsterdam') = $1
        ORDER BY scheduled_at, id`,
      [year],
    );
  }

  async find(m: EntityManager, id: string, lock = false): Promise<MeetingRow | null> {
    const [row] = await m.query<MeetingRow[]>(`SELECT ${COLUMNS} FROM kerngroep_meetings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  /** When the meeting before this one was held (null for the first): the agenda carries what was open since then. */
  async previousAt(m: EntityManager, meeting: MeetingRow): Promise<Date | null> {
    const [row] = await m.query<Array<{ at: Date | null }>>(
      `SELECT max(scheduled_at) AS at FROM kerngroep_meetings WHERE scheduled_at < $1 OR (scheduled_at = $1 AND id < $2)`,
      [meeting.scheduled_at, meeting.id],
    );
    return row?.at ?? null;
  }

  async items(m: EntityManager, meetingId: string): Promise<AgendaItemRow[]> {
    return m.query(`SELECT id, title, description, added_at FROM kerngroep_agenda_items WHERE meeting_id = $1 ORDER BY added_at, id`, [meetingId]);
  }

  async addItem(m: EntityManager, meetingId: string, title: string, description: string | null, by: string): Promise<AgendaItemRow> {
    const [row] = await m.query<AgendaItemRow[]>(
      `INSERT INTO kerngroep_agenda_items (meeting_id, title, description, added_by) VALUES ($1, $2, $3, $4) RETURNING id, title, description, added_at`,
      [meetingId, title, description, by],
    );
    return row;
  }

  async recordMinutes(m: EntityManager, id: string, summary: string | null, decisions: Array<{ subject: string; decision: string }>, by: string): Promise<MeetingRow> {
    await m.query(
      `UPDATE kerngroep_meetings SET minutes_summary = $2, minutes_decisions = $3, minutes_recorded_by = $4, minutes_recorded_at = now() WHERE id = $1`,
      [id, summary, JSON.stringify(decisions), by],
    );
    return (await this.find(m, id))!;
  }
}
