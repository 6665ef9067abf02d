import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SupplierCandidate } from '../production-locations/supplier-matching.service.js';

export type CandidateStatus = 'proposed' | 'review' | 'confirmed' | 'rejected';

export interface CandidateRow {
  id: string;
  case_id: string;
  report_id: string;
  reported_location_id: string;
  candidate_location_id: string;
  company_id: string;
  company_name: string;
  method: 'identity' | 'os-id' | 'score';
  score: number;
  status: CandidateStatus;
  reason: string | null;
  decided_at: Date | null;
  found_at: Date;
}

/**
 * The supplier matches found for a case's reports (issue 16, art. 22 step 7): every query of `case_match_candidates`.
 * A candidate is `proposed` (scored at or above the upper threshold, or the same identity/OS ID) or in `review`;
 * the secretariat makes it `confirmed` or `rejected`, with a reason.
 */
@Injectable()
export class MatchCandidatesRepository {
  async insert(m: EntityManager, caseId: string, reportId: string, found: SupplierCandidate[]): Promise<void> {
    if (found.length === 0) return;
    await m.query(
      `INSERT INTO case_match_candidates (case_id, report_id, reported_location_id, candidate_location_id, company_id, method, score, status)
       SELECT $1, $2, u.r, u.c, u.co, u.method, u.score, u.status
         FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::smallint[], $8::text[]) AS u(r, c, co, method, score, status)
       ON CONFLICT (case_id, reported_location_id, candidate_location_id) DO NOTHING`,
      [
        caseId, reportId,
        found.map((f) => f.reportedId), found.map((f) => f.candidateId), found.map((f) => f.companyId),
        found.map((f) => f.method), found.map((f) => f.score), found.map((f) => (f.verdict === 'match' ? 'proposed' : 'review')),
      ],
    );
  }

  async ofCase(m: EntityManager, caseId: string, statuses: CandidateStatus[] | null = null): Promise<CandidateRow[]> {
    return m.query(
      `SELECT c.*, o.name AS company_name FROM case_match_candidates c JOIN organisations o ON o.id = c.company_id
        WHERE c.case_id = $1 AND ($2::text[] IS NULL OR c.status = ANY($2::text[]))
        ORDER BY (c.status = 'review') DESC, c.score DESC, c.found_at, c.id`,
      [caseId, statuses],
    );
  }

  async lock(m: EntityManager, caseId: string, id: string): Promise<CandidateRow | undefined> {
    const [row] = await m.query<CandidateRow[]>(
      `SELECT c.*, o.name AS company_name FROM case_match_candidates c JOIN organisations o ON o.id = c.company_id
        WHERE c.case_id = $1 AND c.id = $2 FOR UPDATE OF c`,
      [caseId, id],
    );
    return row;
  }

  async decide(m: EntityManager, id: string, status: 'confirmed' | 'rejected', personId: string | null, reason: string | null): Promise<void> {
    await m.query(`UPDATE case_match_candidates SET status = $2, decided_by = $3, reason = $4, decided_at = now() WHERE id = $1`, [id, status, personId, reason]);
  }

  /** The proposed matches of one company: confirmed with it, one company at a time (art. 22). */
  async confirmProposedOf(m: EntityManager, caseId: string, companyId: string, personId: string | null): Promise<Array<{ reported_location_id: string; candidate_location_id: string }>> {
    const rows = await m.query<Array<{ reported_location_id: string; candidate_location_id: string }>>(
      `WITH u AS (UPDATE case_match_candidates SET status = 'confirmed', decided_by = $3, decided_at = now()
                   WHERE case_id = $1 AND company_id = $2 AND status = 'proposed'
                   RETURNING reported_location_id, candidate_location_id) SELECT * FROM u`,
      [caseId, companyId, personId],
    );
    return rows;
  }

  /** Whether a company still has a match in this case that is not rejected (otherwise it leaves the brokered list). */
  async hasLiveMatch(m: EntityManager, caseId: string, companyId: string): Promise<boolean> {
    const [row] = await m.query<unknown[]>(
      `SELECT 1 FROM case_match_candidates WHERE case_id = $1 AND company_id = $2 AND status IN ('proposed', 'confirmed') LIMIT 1`,
      [caseId, companyId],
    );
    return Boolean(row);
  }

  /** Drops a company the secretariat had not confirmed yet from the brokered list (its only match was rejected). */
  async dropUnconfirmedBrokered(m: EntityManager, caseId: string, companyId: string): Promise<void> {
    await m.query(`DELETE FROM case_brokered_companies WHERE case_id = $1 AND company_id = $2 AND confirmed_at IS NULL`, [caseId, companyId]);
  }
}
