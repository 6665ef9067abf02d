import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * The entries the aggregated list counts (art. 19-20). Restrictions (art. 23-24) are honoured: a `hidden` entry
 * is never counted at all, a `country` entry only at country level (its region is not used), a `region` entry
 * normally (the list never names suppliers). Only organisations that still take part are counted: once a
 * withdrawal or removal takes effect (art. 73-77) the company's entries leave every aggregated output from the next
 * one computed (README, "Membership").
 */
const ENTRIES = `
  SELECT dense_rank() OVER (ORDER BY pl.organisation_id)::int AS org, pl.country, pl.activity_type, pl.raw_materials,
         CASE WHEN pl.restriction_level = 'country' THEN NULL ELSE pl.region END AS region
    FROM production_locations pl
   WHERE pl.is_current AND pl.year = $1 AND pl.restriction_level <> 'hidden'
     AND pl.organisation_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))`;

export interface GroupRow {
  kind: 't' | 'r' | 'm';
  country: string;
  activity_type: string;
  region: string | null;
  material: string | null;
  locations: number;
  companies: number[];
}

/** The one query of the aggregated list: grouped counts over the entries above. */
@Injectable()
export class AggregatedListRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Totals (`t`) and regions (`r`) per country and activity type, and materials (`m`), with their companies numbered. */
  groups(year: number): Promise<GroupRow[]> {
    return this.db.query(
      `WITH e AS MATERIALIZED (${ENTRIES})
       SELECT CASE WHEN GROUPING(region) = 1 THEN 't' ELSE 'r' END AS kind, country, activity_type, region, NULL AS material,
              count(*)::int AS locations, array_agg(DISTINCT org) AS companies
         FROM e GROUP BY GROUPING SETS ((country, activity_type), (country, activity_type, region))
       UNION ALL
       SELECT 'm', country, activity_type, NULL, m, count(*)::int, array_agg(DISTINCT org)
         FROM e CROSS JOIN LATERAL unnest(e.raw_materials) AS m GROUP BY country, activity_type, m`,
      [year],
    );
  }
}
