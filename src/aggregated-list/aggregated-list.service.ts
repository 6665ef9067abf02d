import { Inject, Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AggregatedListRepository } from './aggregated-list.repository.js';
import { type GroupCount, type PublishedCell, suppress } from './suppression.js';

export interface AggregatedList {
  year: number;
  /** the minimum number of distinct companies behind every published cell */
  minCompanies: number;
  cells: PublishedCell[];
}

/** The aggregated, not-traceable production-location list (art. 19-20; issue 5 item 7), computed in SQL. */
@Injectable()
export class AggregatedListService {
  constructor(
    private readonly repo: AggregatedListRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Grouped counts with their distinct companies, straight from the plain classification columns (no
   * decryption), in one scan: companies are numbered within the query (dense_rank), so only small integers leave
   * PostgreSQL, never company ids.
   */
  async groups(year: number): Promise<{ totals: GroupCount[]; regions: GroupCount[]; materials: GroupCount[] }> {
    const rows = await this.repo.groups(year);
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
