import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CompanyYear } from './transparency-progress.js';

/**
 * Per company and year: distinct suppliers, those new against every earlier list of the company, the deepest tier
 * and the suppliers per tier (art. 18). Counted from the current lists' plain tier column and the supplier blind
 * index, so nothing is decrypted. Only companies that take part (art. 73-77: leaving ends their part in any output).
 * With `companyId` one company; otherwise every company, numbered within the query (no id leaves PostgreSQL).
 */
const PROGRESS = (one: boolean) => `
  WITH e AS MATERIALIZED (
    SELECT pl.organisation_id AS company_id, pl.year, pl.supplier_index, pl.tier
      FROM production_locations pl JOIN organisations o ON o.id = pl.organisation_id
     WHERE pl.is_current AND o.kind = 'company' AND o.status IN ('active', 'withdrawing') ${one ? 'AND pl.organisation_id = $1' : ''}),
  first_seen AS (SELECT company_id, supplier_index, min(year) AS year FROM e GROUP BY company_id, supplier_index)
  SELECT ${one ? 'e.company_id::text' : 'dense_rank() OVER (ORDER BY e.company_id)::int'} AS company, e.year,
         count(DISTINCT e.supplier_index)::int AS suppliers,
         count(DISTINCT e.supplier_index) FILTER (WHERE f.year = e.year)::int AS added,
         max(e.tier)::int AS "deepestTier",
         ARRAY[count(DISTINCT e.supplier_index) FILTER (WHERE e.tier = 1), count(DISTINCT e.supplier_index) FILTER (WHERE e.tier = 2),
               count(DISTINCT e.supplier_index) FILTER (WHERE e.tier = 3)]::int[] AS tiers
    FROM e JOIN first_seen f USING (company_id, supplier_index)
   GROUP BY e.company_id, e.year
   ORDER BY e.year`;

@Injectable()
export class TransparencyProgressRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  ofCompany(companyId: string): Promise<CompanyYear[]> {
    return this.db.query(PROGRESS(true), [companyId]);
  }

  ofAllCompanies(): Promise<CompanyYear[]> {
    return this.db.query(PROGRESS(false));
  }
}
