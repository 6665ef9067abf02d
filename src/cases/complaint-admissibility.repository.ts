import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface AdmissibilityRow {
  case_id: string;
  admissible: boolean;
  reason: string;
  explanation: string;
  declared_at: Date;
  declared_by_name: string;
}

/** Every query of `complaint_admissibility` (art. 83). */
@Injectable()
export class ComplaintAdmissibilityRepository {
  async insert(m: EntityManager, r: { caseId: string; admissible: boolean; reason: string; explanation: string; declaredBy: string }): Promise<void> {
    await m.query(
      `INSERT INTO complaint_admissibility (case_id, admissible, reason, explanation, declared_by) VALUES ($1, $2, $3, $4, $5)`,
      [r.caseId, r.admissible, r.reason, r.explanation, r.declaredBy],
    );
  }

  async of(m: EntityManager, caseId: string): Promise<AdmissibilityRow | null> {
    const [row] = await m.query<AdmissibilityRow[]>(
      `SELECT a.*, p.name AS declared_by_name FROM complaint_admissibility a JOIN people p ON p.id = a.declared_by WHERE a.case_id = $1`,
      [caseId],
    );
    return row ?? null;
  }

  async setCommitment(m: EntityManager, caseId: string, commitment: Record<string, unknown>): Promise<void> {
    await m.query(`UPDATE cases SET scope = scope || jsonb_build_object('commitment', $2::jsonb) WHERE id = $1`, [caseId, JSON.stringify(commitment)]);
  }
}
