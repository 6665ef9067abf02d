import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller.js';
import { Unprocessable } from '../common/errors.js';
import { csvStream, xlsxStream } from '../common/tabular-stream.js';
import { AuditRepository, type NamedEntryRow } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { actorOf } from './audit.types.js';
import type { AuditExportQueryDto, AuditFilterDto } from './dto/audit-query.dto.js';

/** Entries read per query: the export holds one batch in memory, however long the log is. */
export const EXPORT_BATCH = 2000;
/** An XLSX sheet holds at most 1,048,576 rows; a larger export is refused (narrow the period, or take CSV). */
export const XLSX_MAX_ROWS = 1_000_000;

const HEADER = {
  en: ['seq', 'time (UTC)', 'action', 'person', 'organisation', 'object type', 'object id', 'grant type', 'grant id', 'details', 'person id', 'organisation id', 'hash'],
  nl: ['volgnummer', 'tijd (UTC)', 'handeling', 'persoon', 'organisatie', 'soort object', 'object-id', 'soort grondslag', 'grondslag-id', 'details', 'persoon-id', 'organisatie-id', 'hash'],
};
const SYSTEM = { en: 'system', nl: 'systeem' };

/**
 * GET /api/v1/audit/export (issue 14, item 5): the audit log with the page's filters as CSV or XLSX, the entries and
 * names the page shows the secretariat and no more. The file holds the entries up to the head at the moment of the
 * request (counted first), so the export's own audit entry, written before the first byte leaves, names exactly how
 * many entries and through which seq. Read in keyset batches and streamed, so memory stays bounded.
 */
@Injectable()
export class ExportAuditLog {
  constructor(
    private readonly log: AuditRepository,
    private readonly audit: AuditService,
  ) {}

  async execute(caller: Caller, q: AuditExportQueryDto): Promise<{ body: Readable; contentType: string; filename: string }> {
    const format = q.format ?? 'xlsx';
    const language = q.language ?? 'en';
    const filter: Required<{ [K in keyof AuditFilterDto]: string | null }> = {
      action: q.action ?? null,
      objectType: q.objectType ?? null,
      objectId: q.objectId ?? null,
      actorOrganisationId: q.actorOrganisationId ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
    };
    const throughSeq = await this.log.headSeq();
    const rows = await this.log.count(q, throughSeq);
    if (format === 'xlsx' && rows > XLSX_MAX_ROWS) {
      throw new Unprocessable('The export is too large for one XLSX sheet', [
        { field: 'format', problem: `an XLSX file holds at most ${XLSX_MAX_ROWS} entries and these filters match ${rows}: narrow from/to, or choose csv` },
      ]);
    }
    await this.audit.record({ actor: actorOf(caller), action: 'audit.export.read', details: { format, filters: filter, rows, throughSeq } });
    const batches = this.rowsOf(q, throughSeq, language);
    const name = `${language === 'nl' ? 'auditlog' : 'audit-log'}-${new Date().toISOString().slice(0, 10)}`;
    return format === 'csv'
      ? { body: csvStream(HEADER[language], batches), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` }
      : {
          body: xlsxStream(language === 'nl' ? 'Auditlog' : 'Audit log', HEADER[language], batches),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          filename: `${name}.xlsx`,
        };
  }

  private async *rowsOf(q: AuditFilterDto, throughSeq: string, language: 'en' | 'nl'): AsyncGenerator<string[][]> {
    for await (const batch of this.log.batches(q, throughSeq, EXPORT_BATCH)) yield batch.map((r) => cells(r, language));
  }
}

/** One entry as the file's cells, in the header's order; the actor by name (the id beside it), "system" for none. */
function cells(r: NamedEntryRow, language: 'en' | 'nl'): string[] {
  const actor = r.actor_person_id || r.actor_organisation_id;
  return [
    r.seq,
    r.occurred_at,
    r.action,
    actor ? (r.person_name ?? '') : SYSTEM[language],
    r.organisation_name ?? '',
    r.object_type ?? '',
    r.object_id ?? '',
    r.grant_type ?? '',
    r.grant_id ?? '',
    JSON.stringify(r.details),
    r.actor_person_id ?? '',
    r.actor_organisation_id ?? '',
    r.hash.toString('hex'),
  ];
}
