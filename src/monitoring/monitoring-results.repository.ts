import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { managerQuery } from '../common/prepared-query.js';
import type { RouteRead } from '../common/route-read.js';
import type { Round, SectionResultDto, Signal } from './dto/monitoring.dto.js';

/** What a policy condition on MonitoringResult is checked against (policies/monitoring-results.yaml); a type, so it passes as a policy record. */
export type MonitoringResultRecord = {
  id: string;
  companyId: string;
  round: Round;
};

/** A whole result as stored: its sections (with their section's definition) and its improvement periods as JSON. */
export interface MonitoringResultRow {
  id: string;
  companyId: string;
  companyName: string;
  round: Round;
  finalScore: number;
  signal: Signal;
  advice: string;
  updatedAt: Date;
  sections: SectionResultDto[];
  periods: Array<{ step: number; deadlineAt: string; completedAt: string | null }>;
}

/** A UUID as PostgreSQL reads one (any case): what a route parameter must be before it is looked up. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A whole result: the result with its sections and improvement periods as JSON arrays, one row per result. */
const RESULT_SELECT = `SELECT r.id, r.company_id AS "companyId", o.name AS "companyName", r.round, r.final_score::float8 AS "finalScore",
              r.signal, r.advice, r.updated_at AS "updatedAt",
              coalesce((SELECT json_agg(json_build_object('step', rs.step, 'key', s.key, 'title', s.title, 'reportsOn', s.reports_on,
                                                          'score', rs.score::float8, 'sufficient', rs.score >= s.sufficient_from, 'advice', rs.advice)
                                        ORDER BY rs.step)
                          FROM monitoring_result_sections rs JOIN monitoring_sections s ON s.step = rs.step
                         WHERE rs.result_id = r.id), '[]') AS sections,
              coalesce((SELECT json_agg(json_build_object('step', f.step, 'deadlineAt', f.deadline_at, 'completedAt', f.completed_at)
                                        ORDER BY f.step, f.created_at)
                          FROM monitoring_follow_ups f
                         WHERE f.result_id = r.id AND f.kind = 'improvement-period'), '[]') AS periods
         FROM monitoring_results r JOIN organisations o ON o.id = r.company_id`;

/**
 * `GET /monitoring/results/:companyId/:round`'s own read (issue 18), in the session check's statement: the whole
 * result of that company and round, or null. Read before the policy decides about the result (as the handler read
 * it before too); a refused or absent result is the same 404 and nothing of it leaves the process.
 */
export const RESULT_BY_KEY: RouteRead<MonitoringResultRow | null> = {
  name: 'monitoring-result',
  // not yet validated: a company id that is no UUID finds nothing (the route then answers its 400)
  params: (route) => [typeof route.companyId === 'string' && UUID.test(route.companyId) ? route.companyId : null, typeof route.round === 'string' ? route.round : null],
  sql: (ref) => `(SELECT row_to_json(x) FROM (${RESULT_SELECT} WHERE r.company_id = ${ref.param(0)}::uuid AND r.round = ${ref.param(1)}::text) x)`,
  read: (json) => (json === null || json === undefined ? null : { ...(json as MonitoringResultRow), updatedAt: new Date((json as { updatedAt: string }).updatedAt) }),
};

export interface StoredResult {
  companyId: string;
  round: Round;
  finalScore: number;
  signal: Signal;
  advice: string;
  storedBy: string;
  sections: ReadonlyArray<{ step: number; score: number; advice: string }>;
}

/** Every query of `monitoring_results` and `monitoring_result_sections` (art. 9-13). */
@Injectable()
export class MonitoringResultsRepository {
  async record(m: EntityManager, id: string): Promise<MonitoringResultRecord | null> {
    const [row] = await m.query<MonitoringResultRecord[]>(`SELECT id, company_id AS "companyId", round FROM monitoring_results WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Stores (or replaces) a company's result for a round with its sections; says whether the result is new. */
  async upsert(m: EntityManager, r: StoredResult): Promise<{ id: string; created: boolean }> {
    const [row] = await m.query<Array<{ id: string; created: boolean }>>(
      `INSERT INTO monitoring_results (company_id, round, final_score, signal, advice, stored_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (company_id, round) DO UPDATE
         SET final_score = EXCLUDED.final_score, signal = EXCLUDED.signal, advice = EXCLUDED.advice,
             stored_by = EXCLUDED.stored_by, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [r.companyId, r.round, r.finalScore, r.signal, r.advice, r.storedBy],
    );
    await m.query(`DELETE FROM monitoring_result_sections WHERE result_id = $1`, [row.id]);
    for (const s of r.sections) {
      await m.query(`INSERT INTO monitoring_result_sections (result_id, step, score, advice) VALUES ($1, $2, $3, $4)`, [row.id, s.step, s.score, s.advice]);
    }
    return row;
  }

  async signalOf(m: EntityManager, id: string): Promise<Signal> {
    const [{ signal }] = await m.query<Array<{ signal: Signal }>>(`SELECT signal FROM monitoring_results WHERE id = $1`, [id]);
    return signal;
  }

  /** Locks a result (before its follow-ups: the order `store` takes too). */
  async lock(m: EntityManager, id: string): Promise<void> {
    await m.query(`SELECT 1 FROM monitoring_results WHERE id = $1 FOR UPDATE`, [id]);
  }

  /**
   * Whole results by id; one round trip: the result with its sections and
   * improvement periods as JSON arrays. Prepared outside a transaction (issue 18): read on every request, so each
   * pooled connection plans it once; two thirds of its cost was planning.
   */
  async loadMany(m: EntityManager, ids: string[]): Promise<MonitoringResultRow[]> {
    return managerQuery<MonitoringResultRow>(m, `${RESULT_SELECT} WHERE r.id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * A page of the result ids matching `condition` (the round filter as $1 and the caller's policy scope after it),
   * ordered by company name, and how many match in all.
   */
  async page(m: EntityManager, condition: string, params: unknown[], limit: number, offset: number): Promise<{ total: number; ids: string[] }> {
    const [{ total }] = await m.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM monitoring_results r WHERE ${condition}`, params);
    const rows = await m.query<Array<{ id: string }>>(
      `SELECT r.id FROM monitoring_results r JOIN organisations o ON o.id = r.company_id
        WHERE ${condition} ORDER BY o.name, r.company_id, r.round LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { total, ids: rows.map((r) => r.id) };
  }
}
