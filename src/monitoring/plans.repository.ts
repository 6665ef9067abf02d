import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MeasureInput } from './dto/monitoring.dto.js';

/** What a policy condition on PlanOfAction is checked against (policies/plans-of-action.yaml); a type, so it passes as a policy record. */
export type PlanRecord = { id: string; companyId: string; year: number };

export interface PlanRow {
  id: string;
  companyId: string;
  companyName: string;
  year: number;
  revision: number;
  measures: MeasureInput[];
  submittedAt: Date;
}

/** One cell of the aggregated plan: the measures under a key (a step or a theme) and how many companies gave them. */
export interface PlanCellRow {
  key: string;
  measures: number;
  companies: number;
}

const PLAN_SELECT = `
  SELECT p.id, p.company_id AS "companyId", o.name AS "companyName", p.year, p.revision, p.measures, p.submitted_at AS "submittedAt"
    FROM plans_of_action p JOIN organisations o ON o.id = p.company_id`;

// art. 73-77: only organisations that still take part are counted
const PARTICIPATING = `p.company_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))`;

/** Every query of `plans_of_action` (art. 12). */
@Injectable()
export class PlansRepository {
  async record(m: EntityManager, id: string): Promise<PlanRecord | null> {
    const [row] = await m.query<PlanRecord[]>(`SELECT id, company_id AS "companyId", year FROM plans_of_action WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Stores a company's plan for a year; a plan already there is replaced by the next revision. */
  async submit(m: EntityManager, p: { companyId: string; year: number; measures: unknown[]; submittedBy: string }): Promise<{ id: string; revision: number }> {
    const [row] = await m.query<Array<{ id: string; revision: number }>>(
      `INSERT INTO plans_of_action (company_id, year, measures, submitted_by) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (company_id, year) DO UPDATE
         SET measures = EXCLUDED.measures, submitted_by = EXCLUDED.submitted_by, submitted_at = now(),
             revision = plans_of_action.revision + 1
       RETURNING id, revision`,
      [p.companyId, p.year, JSON.stringify(p.measures), p.submittedBy],
    );
    return row;
  }

  async byId(m: EntityManager, id: string): Promise<PlanRow | null> {
    const [row] = await m.query<PlanRow[]>(`${PLAN_SELECT} WHERE p.id = $1`, [id]);
    return row ?? null;
  }

  /** The plans matching the caller's policy scope (its parameters from $2), of one year or all, latest year first. */
  async list(m: EntityManager, year: number | null, scope: { sql: string; params: unknown[] }): Promise<PlanRow[]> {
    return m.query<PlanRow[]>(`${PLAN_SELECT} WHERE ($1::int IS NULL OR p.year = $1) AND ${scope.sql} ORDER BY p.year DESC, o.name`, [year, ...scope.params]);
  }

  /** The latest year with any plan, else the current year. */
  async latestYear(m: EntityManager): Promise<number> {
    const [{ y }] = await m.query<Array<{ y: number }>>(`SELECT coalesce(max(year), extract(year FROM now())::int) AS y FROM plans_of_action`);
    return y;
  }

  /** How many organisations still taking part submitted a plan for the year. */
  async submittedCount(m: EntityManager, year: number): Promise<number> {
    const [{ n }] = await m.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM plans_of_action p WHERE p.year = $1 AND ${PARTICIPATING}`, [year]);
    return n;
  }

  /** The measures of the year's plans counted per `by` (their OECD step or their theme), of organisations still taking part. */
  async cells(m: EntityManager, year: number, by: 'step' | 'theme'): Promise<PlanCellRow[]> {
    return m.query<PlanCellRow[]>(
      `SELECT m->>'${by}' AS key, count(*)::int AS measures, count(DISTINCT p.company_id)::int AS companies
         FROM plans_of_action p CROSS JOIN LATERAL jsonb_array_elements(p.measures) m
        WHERE p.year = $1 AND ${PARTICIPATING} GROUP BY 1`,
      [year],
    );
  }
}
