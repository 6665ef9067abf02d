import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { type GroupCount, type PublishedCell, suppress } from './suppression.js';

export interface AggregatedList {
  year: number;
  /** the minimum number of distinct companies behind every published cell */
  minCompanies: number;
  cells: PublishedCell[];
}

/**
 * The entries the aggregated list counts (art. 19-20). Restrictions (art. 23-24) are honoured: a `hidden` entry
 * is never counted at all, a `country` entry only at country level (its region is not used), a `region` entry
 * normally (the list never names suppliers). Only organisations that still take part are counted: once a
 * withdrawal or removal takes effect (art. 73-77) the company's entries leave every aggregated output from the next
 * one computed (README, "Membership").
 */
const ENTRIES = `
  SELECT dense_rank() OVER (ORDER BY pl.organisation_id)::int AS org, pl.supplier_id, pl.country, pl.activity_type, pl.raw_materials,
         CASE WHEN pl.restriction_level = 'country' THEN NULL ELSE pl.region END AS region
    FROM production_locations pl
   WHERE pl.is_current AND pl.year = $1 AND pl.restriction_level <> 'hidden'
     AND pl.organisation_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))`;

/** The aggregated, not-traceable production-location list (art. 19-20; issue 5 item 7), computed in SQL. */
@Injectable()
export class AggregatedListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Grouped counts with their distinct companies — a location is one supplier identity (issue 16 item 3: the same
   * supplier listed by five companies is one location) — straight from the plain classification columns (no
   * decryption), in one scan: companies are numbered within the query (dense_rank), so only small integers leave
   * PostgreSQL, never company ids.
   */
  async groups(year: number): Promise<{ totals: GroupCount[]; regions: GroupCount[]; materials: GroupCount[] }> {
    const rows: Array<{ kind: 't' | 'r' | 'm'; country: string; activity_type: string; region: string | null; material: string | null; locations: number; companies: number[] }> =
      await this.db.query(
        `WITH e AS MATERIALIZED (${ENTRIES})
         SELECT CASE WHEN GROUPING(region) = 1 THEN 't' ELSE 'r' END AS kind, country, activity_type, region, NULL AS material,
                count(DISTINCT supplier_id)::int AS locations, array_agg(DISTINCT org) AS companies
           FROM e GROUP BY GROUPING SETS ((country, activity_type), (country, activity_type, region))
         UNION ALL
         SELECT 'm', country, activity_type, NULL, m, count(DISTINCT supplier_id)::int, array_agg(DISTINCT org)
           FROM e CROSS JOIN LATERAL unnest(e.raw_materials) AS m GROUP BY country, activity_type, m`,
        [year],
      );
    const cell = (g: (typeof rows)[number]): GroupCount => ({ country: g.country.trim(), activityType: g.activity_type, locations: g.locations, companies: g.companies });
    return {
      totals: rows.filter((g) => g.kind === 't').map(cell),
      regions: rows.filter((g) => g.kind === 'r').map((g) => ({ ...cell(g), region: g.region })),
      materials: rows.filter((g) => g.kind === 'm').map((g) => ({ ...cell(g), material: g.material! })),
    };
  }

  async list(year: number): Promise<AggregatedList> {
    const k = this.config.aggregationMinCompanies;
    return { year, minCompanies: k, cells: suppress(await this.groups(year), k) };
  }

  async readFor(caller: Caller, year: number): Promise<AggregatedList> {
    const result = await this.list(year);
    await this.audit.record({
      actor: actorOf(caller),
      action: 'aggregated-list.read',
      object: { type: 'AggregatedList', id: String(year) },
      details: { year, cells: result.cells.length },
    });
    return result;
  }
}
