import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import { toCsv, toXlsx } from '../common/tabular.js';
import { AggregatedListService } from './aggregated-list.service.js';
import type { CellFilter } from './region-names.js';

const HEADER = ['country', 'region', 'region name', 'activity type', 'raw material', 'locations', 'companies'];

/**
 * GET /api/v1/aggregated-list/export (issue 14, item 5): the published version with the page's filters, as CSV or
 * XLSX. Built from the very rows the page reads (never the live computation, never more), and audited.
 */
@Injectable()
export class ExportAggregatedList {
  constructor(
    private readonly aggregated: AggregatedListService,
    private readonly audit: AuditService,
  ) {}

  async execute(caller: Caller, year: number, filter: CellFilter, format: 'csv' | 'xlsx') {
    const list = await this.aggregated.published(year, filter);
    if (!list) throw new NotFound('published aggregated list');
    const rows = [
      HEADER,
      ...list.cells.map((c) => [c.country, c.region, c.regionName, c.activityType, c.material, c.locations, c.companies]),
    ];
    await this.audit.record({
      actor: actorOf(caller),
      action: 'aggregated-list.export.read',
      object: { type: 'AggregatedList', id: String(year) },
      details: { year, format, cells: list.cells.length, filter, sha256: list.sha256 },
    });
    const name = `aggregated-list-${year}.${format}`;
    return format === 'csv'
      ? { name, contentType: 'text/csv; charset=utf-8', body: toCsv(rows) }
      : { name, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(`Aggregated list ${year}`, rows) };
  }
}
