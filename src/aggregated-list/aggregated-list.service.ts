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
 * normally (the list never names suppliers). Crypto-shredded companies keep their counts: the list holds no NAW,
 * only classification columns, and it is the list of the year the company took part (README, "shredding").
 */
const ENTRIES = `
  SELECT pl.organisation_id, pl.country, pl.activity_type, pl.raw_materials,
         CASE WHEN pl.restriction_level = 'country' THEN NULL ELSE pl.region END AS region
    FROM production_locations pl
   WHERE pl.is_current AND pl.year = $1 AND pl.restriction_level <> 'hidden'`;

/** The aggregated, not-traceable production-location list (art. 19-20; issue 5 item 7), computed in SQL. */
@Injectable()
export class AggregatedListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Grouped counts with their distinct companies, straight from the plain classification columns (no decryption). */
  async groups(year: number): Promise<{ totals: GroupCount[]; regions: GroupCount[]; materials: GroupCount[] }> {
    const grouped: Array<{ country: string; activity_type: string; region: string | null; is_total: number; locations: number; companies: string[] }> =
      await this.db.query(
        `WITH e AS (${ENTRIES})
         SELECT country, activity_type, region, GROUPING(region) AS is_total, count(*)::int AS locations,
                array_agg(DISTINCT organisation_id::text) AS companies
           FROM e GROUP BY GROUPING SETS ((country, activity_type), (country, activity_type, region))`,
        [year],
      );
    const materials: Array<{ country: string; activity_type: string; material: string; locations: number; companies: string[] }> = await this.db.query(
      `WITH e AS (${ENTRIES})
       SELECT country, activity_type, m AS material, count(*)::int AS locations, array_agg(DISTINCT organisation_id::text) AS companies
         FROM e CROSS JOIN LATERAL unnest(e.raw_materials) AS m GROUP BY country, activity_type, m`,
      [year],
    );
    return {
      totals: grouped.filter((g) => g.is_total === 1).map((g) => ({ country: g.country.trim(), activityType: g.activity_type, locations: g.locations, companies: g.companies })),
      regions: grouped.filter((g) => g.is_total === 0).map((g) => ({ country: g.country.trim(), activityType: g.activity_type, region: g.region, locations: g.locations, companies: g.companies })),
      materials: materials.map((g) => ({ country: g.country.trim(), activityType: g.activity_type, material: g.material, locations: g.locations, companies: g.companies })),
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
