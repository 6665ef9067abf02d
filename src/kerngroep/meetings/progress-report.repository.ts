import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CountRow } from './progress-cells.js';

/**
 * The counts behind the secretariat's progress report (art. 52). A read model over the tables of several modules
 * (organisations, lists, monitoring results, cases, rulings), read in ONE statement so every section sees one
 * snapshot. Only classification columns are read (kinds, years, rounds, signals, states, outcomes), never NAW or a
 * score; the organisations behind each counted thing leave the database as small numbers (row_number over the ids,
 * fresh per report), never as ids or names, so the report cannot name a company even by mistake.
 */
@Injectable()
export class ProgressReportRepository {
  async rows(m: EntityManager, year: number, decidedAfter: Date | null, decidedUntil: Date): Promise<Array<CountRow & { section: string }>> {
    return m.query(
      `WITH members AS (
         SELECT id, kind FROM organisations WHERE is_party AND status IN ('active', 'withdrawing')
       ), items AS (
         SELECT 'parties' AS section, 'parties' AS grp, kind::text AS part, ARRAY[id] AS orgs FROM members
         UNION ALL
         SELECT 'lists', $1::int::text,
                CASE WHEN EXISTS (SELECT 1 FROM production_location_lists l WHERE l.organisation_id = o.id AND l.year = $1::int AND l.is_current)
                     THEN 'received' ELSE 'missing' END,
                ARRAY[o.id]
           FROM members o WHERE o.kind = 'company'
         UNION ALL
         SELECT 'monitoring', r.round, r.signal, ARRAY[r.company_id] FROM monitoring_results r
         UNION ALL
         SELECT 'cases', c.type, c.state,
                ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[c.requester_organisation_id, c.on_behalf_of, c.subject_organisation_id]) x WHERE x IS NOT NULL)
           FROM cases c
         UNION ALL
         SELECT 'decided', 'rulings', r.outcome,
                ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[c.requester_organisation_id, c.on_behalf_of, c.subject_organisation_id]) x WHERE x IS NOT NULL)
           FROM rulings r JOIN cases c ON c.id = r.case_id
          WHERE r.decided_at IS NOT NULL AND r.decided_at <= $3 AND ($2::timestamptz IS NULL OR r.decided_at > $2)
       ), numbered AS (
         SELECT org, row_number() OVER (ORDER BY org)::int AS n FROM (SELECT DISTINCT unnest(orgs) AS org FROM items) d
       )
       SELECT i.section, i.grp AS "group", i.part,
              ARRAY(SELECT nb.n FROM unnest(i.orgs) o JOIN numbered nb ON nb.org = o ORDER BY nb.n) AS contributors
         FROM items i`,
      [year, decidedAfter, decidedUntil],
    );
  }
}
