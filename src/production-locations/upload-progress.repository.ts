import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type UploadPhase = 'checking' | 'storing' | 'done' | 'refused';

export interface UploadProgressRow {
  id: string;
  person_id: string;
  organisation_id: string;
  kind: 'preview' | 'upload';
  phase: UploadPhase;
  checked: number;
  total: number | null;
  started_at: Date;
  updated_at: Date;
}

/** How long a finished upload's progress row is kept (the page only polls while it waits). */
const KEEP = '1 day';

/** The progress rows of uploads (issue 14 item 4): counts only, outside the upload's own transaction. */
@Injectable()
export class UploadProgressRepository {
  /** A new row, or nothing when the id is taken (by this person's earlier upload, or anyone's). */
  async start(m: EntityManager, row: { id: string; personId: string; organisationId: string; kind: 'preview' | 'upload' }): Promise<boolean> {
    await m.query(`DELETE FROM upload_progress WHERE updated_at < now() - interval '${KEEP}'`);
    const inserted = await m.query<unknown[]>(
      `INSERT INTO upload_progress (id, person_id, organisation_id, kind, phase) VALUES ($1, $2, $3, $4, 'checking')
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [row.id, row.personId, row.organisationId, row.kind],
    );
    return inserted.length === 1;
  }

  async update(m: EntityManager, id: string, p: { phase: UploadPhase; checked: number; total: number | null }): Promise<void> {
    await m.query(`UPDATE upload_progress SET phase = $2, checked = $3, total = $4, updated_at = now() WHERE id = $1`, [id, p.phase, p.checked, p.total]);
  }

  async find(m: EntityManager, id: string): Promise<UploadProgressRow | undefined> {
    const [row] = await m.query<UploadProgressRow[]>(`SELECT * FROM upload_progress WHERE id = $1`, [id]);
    return row;
  }
}
