import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { ProductionLocationsService } from './production-locations.service.js';
import { READ_ONLY_COLUMNS } from './upload-format.js';
import { templateRows } from './upload-parser.js';

/** The most entries one export holds: a list never has more rows than an upload may (UPLOAD_MAX_ROWS default). */
const MAX_EXPORT = 50_000;

/** A cell a spreadsheet would run as a formula is written as text (CSV/formula injection). */
const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * GET /production-locations/export (issue 14 item 5): exactly the entries the list page may show the caller (the
 * same `list` rule, scope and filters), in the upload's own columns so the file can be corrected and uploaded
 * again; one audit entry naming the year, the filters and how many entries left the service.
 */
@Injectable()
export class ExportList {
  constructor(
    private readonly locations: ProductionLocationsService,
    private readonly audit: AuditService,
  ) {}

  async execute(
    caller: Caller,
    q: { year: number; organisationId?: string; listId?: string; country?: string; activityType?: string; rawMaterial?: string; format: 'csv' | 'xlsx'; language: 'en' | 'nl' },
  ): Promise<{ body: Buffer | string; contentType: string; filename: string }> {
    const { format, language, ...filter } = q;
    // Read through the list use case with its audit suppressed here: the export is audited once, as an export.
    const page = await this.locations.listForCaller(caller, { ...filter, page: 1, pageSize: MAX_EXPORT }, { audited: false });
    // the OS ID column is left out: an OS ID never leaves the service (issue 16, item 4), not even to the company
    const header = templateRows(language)[0].filter((column) => column !== 'os_id');
    // the region's name beside its code (issue 14, item 5); an upload ignores this column, so the file uploads again
    header.splice(header.indexOf(language === 'nl' ? 'regio' : 'region') + 1, 0, READ_ONLY_COLUMNS.regionName[language]);
    const rows = page.items.map((e) => [
      e.supplierName ?? '',
      e.address ?? '',
      e.postcode ?? '',
      e.city ?? '',
      e.country,
      e.region ?? '',
      e.regionName ?? '',
      e.activityType,
      e.rawMaterials.join(';'),
      e.tier === 3 ? '3+' : String(e.tier),
      e.volume ?? '',
      e.contractNotes ?? '',
    ].map(safe));
    await this.audit.record({
      actor: actorOf(caller),
      action: 'production-locations.export',
      object: { type: 'ProductionLocationList', id: q.listId ?? `${q.organisationId ?? 'all'}:${q.year}` },
      details: { year: q.year, format, entries: rows.length, filters: { country: q.country ?? null, activityType: q.activityType ?? null, rawMaterial: q.rawMaterial ?? null }, organisationIds: [...new Set(page.items.map((i) => i.organisationId))] },
    });
    const name = `${language === 'nl' ? 'productielocaties' : 'production-locations'}-${q.year}`;
    if (format === 'csv') {
      const quote = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      return { body: [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` };
    }
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(language === 'nl' ? 'Productielocaties' : 'Production locations');
    sheet.addRow(header);
    for (const r of rows) sheet.addRow(r);
    sheet.getRow(1).font = { bold: true };
    return { body: Buffer.from(await workbook.xlsx.writeBuffer()), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx` };
  }
}
