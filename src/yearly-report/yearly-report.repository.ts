import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { YearlyReportContent } from './report-content.js';

export interface YearlyReportRow {
  id: string;
  year: number;
  status: 'draft' | 'awaiting_ruling' | 'published' | 'rejected';
  content: YearlyReportContent;
  sha256: string;
  case_id: string | null;
  generated_at: Date;
  submitted_at: Date | null;
  published_at: Date | null;
}

/** The yearly reports (art. 51): drafts, the one before the Kerngroep, the published ones. */
@Injectable()
export class YearlyReportRepository {
  async lockYear(m: EntityManager, year: number): Promise<YearlyReportRow | null> {
    const [row] = await m.query<YearlyReportRow[]>(`SELECT * FROM yearly_reports WHERE year = $1 FOR UPDATE`, [year]);
    return row ?? null;
  }

  async find(m: EntityManager, year: number): Promise<YearlyReportRow | null> {
    const [row] = await m.query<YearlyReportRow[]>(`SELECT * FROM yearly_reports WHERE year = $1`, [year]);
    return row ?? null;
  }

  /** A new draft for the year, or the year's earlier draft or rejected report replaced by it. */
  async saveDraft(m: EntityManager, year: number, content: YearlyReportContent, sha256: string, by: string): Promise<YearlyReportRow> {
    const [row] = await m.query<YearlyReportRow[]>(
      `INSERT INTO yearly_reports (year, status, content, sha256, generated_by) VALUES ($1, 'draft', $2::jsonb, $3, $4)
       ON CONFLICT (year) DO UPDATE SET status = 'draft', content = EXCLUDED.content, sha256 = EXCLUDED.sha256, case_id = NULL,
              generated_at = now(), generated_by = EXCLUDED.generated_by, submitted_at = NULL, published_at = NULL
       RETURNING *`,
      [year, JSON.stringify(content), sha256, by],
    );
    return row;
  }

  async markSubmitted(m: EntityManager, id: string, caseId: string): Promise<void> {
    await m.query(`UPDATE yearly_reports SET status = 'awaiting_ruling', case_id = $2, submitted_at = now() WHERE id = $1`, [id, caseId]);
  }

  async byCase(m: EntityManager, caseId: string): Promise<YearlyReportRow | null> {
    const [row] = await m.query<YearlyReportRow[]>(`SELECT * FROM yearly_reports WHERE case_id = $1 FOR UPDATE`, [caseId]);
    return row ?? null;
  }

  async markDecided(m: EntityManager, id: string, status: 'published' | 'rejected'): Promise<void> {
    await m.query(`UPDATE yearly_reports SET status = $2, published_at = CASE WHEN $2 = 'published' THEN now() END WHERE id = $1`, [id, status]);
  }

  async all(m: EntityManager, publishedOnly: boolean): Promise<Array<Omit<YearlyReportRow, 'content'>>> {
    return m.query(
      `SELECT id, year, status, sha256, case_id, generated_at, submitted_at, published_at FROM yearly_reports
        WHERE NOT $1 OR status = 'published' ORDER BY year DESC`,
      [publishedOnly],
    );
  }
}
