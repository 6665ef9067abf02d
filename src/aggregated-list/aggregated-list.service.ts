import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AggregatedListRepository, type PublicationRow } from './aggregated-list.repository.js';
import { derivableCells, type DerivableCell } from './differencing.js';
import { type CellFilter, filterCells, regionName } from './region-names.js';
import { type PublishedCell, suppress } from './suppression.js';

export interface AggregatedList {
  year: number;
  /** the minimum number of distinct companies behind every published cell */
  minCompanies: number;
  cells: Array<PublishedCell & { regionName: string | null }>;
}

export interface PublishedList extends AggregatedList {
  publishedAt: string;
  sha256: string;
  suppression: { method: string; withheldCells: number; hiddenCells: number };
}

export const SUPPRESSION_METHOD =
  'small-cell protection with k distinct companies: generalisation of small regions, complementary suppression within the version (suppression.ts) and across published versions (differencing.ts)';

const named = (cells: PublishedCell[]) => cells.map((c) => ({ ...c, regionName: regionName(c.region) }));

/**
 * The aggregated, not-traceable production-location list (art. 19-20; issue 5 item 7, issue 15 item 4). Parties
 * read the version the secretariat published for a year, frozen: a re-upload changes nothing they see until the
 * next publication, and every read is one row, the same for every caller (issue 18, "computed once per year and
 * data version"). The secretariat previews the live computation before it publishes.
 */
@Injectable()
export class AggregatedListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AggregatedListRepository,
    private readonly audit: AuditService,
  ) {}

  /** The live computation from the current lists. */
  async list(year: number): Promise<AggregatedList> {
    const k = this.config.aggregationMinCompanies;
    return { year, minCompanies: k, cells: named(suppress(await this.repo.groups(this.db.manager, year), k)) };
  }

  /**
   * GET /api/v1/aggregated-list/preview (secretariat): the live list, and the cells that publishing it now would
   * make derivable by differencing against a published version (the ones to withhold, see publish-list.ts).
   */
  async preview(caller: Caller, year: number): Promise<AggregatedList & { derivable: DerivableCell[]; published: boolean }> {
    const k = this.config.aggregationMinCompanies;
    // One snapshot for the shares, the company numbering and the versions checked against.
    const { cells, derivable, published } = await this.db.transaction('REPEATABLE READ', async (m) => {
      const groups = await this.repo.groupsWithContributions(m, year);
      const cells = suppress(groups, k);
      const previous = (await this.repo.versionsForCheck(m)).filter((v) => v.year !== year);
      const derivable = derivableCells({ year, cells, contributions: groups.contributions }, previous, k);
      return { cells, derivable, published: (await this.repo.publication(m, year)) !== null };
    });
    await this.audit.record({ actor: actorOf(caller), action: 'aggregated-list.preview.read', object: { type: 'AggregatedList', id: String(year) }, details: { year, cells: cells.length, derivable: derivable.length } });
    return { year, minCompanies: k, cells: named(cells), derivable, published };
  }

  /** The published version of a year (null if none), filtered as the page asks. Not audited: see `readFor`. */
  async published(year: number, filter: CellFilter = {}): Promise<PublishedList | null> {
    const row = await this.repo.publication(this.db.manager, year);
    return row ? view(row, filter) : null;
  }

  async readFor(caller: Caller, year: number, filter: CellFilter = {}): Promise<PublishedList> {
    const result = await this.published(year, filter);
    await this.audit.record({
      actor: actorOf(caller),
      action: 'aggregated-list.read',
      object: { type: 'AggregatedList', id: String(year) },
      details: { year, cells: result?.cells.length ?? 0, published: result !== null, filter },
    });
    if (!result) throw new NotFound('published aggregated list');
    return result;
  }

  /** GET /api/v1/aggregated-list/versions: every published version, without its cells. */
  async versions(caller: Caller) {
    const rows = await this.repo.publications(this.db.manager);
    await this.audit.record({ actor: actorOf(caller), action: 'aggregated-list.versions.list', details: { count: rows.length } });
    return {
      items: rows.map((r) => ({
        year: r.year,
        minCompanies: r.min_companies,
        sha256: r.sha256,
        publishedAt: new Date(r.published_at).toISOString(),
        cells: r.cell_count,
        suppression: { method: r.suppression.method, withheldCells: r.suppression.withheld.length, hiddenCells: r.suppression.hiddenCells },
      })),
    };
  }
}

export function view(row: PublicationRow, filter: CellFilter): PublishedList {
  return {
    year: row.year,
    minCompanies: row.min_companies,
    publishedAt: new Date(row.published_at).toISOString(),
    sha256: row.sha256,
    // Readers learn how many cells were withheld, never which: a name would tell that the cell exists.
    suppression: { method: row.suppression.method, withheldCells: row.suppression.withheld.length, hiddenCells: row.suppression.hiddenCells },
    cells: named(filterCells(row.cells, filter)),
  };
}
