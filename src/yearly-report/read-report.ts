import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import { reportCsv, reportPdf } from './report-files.js';
import { type YearlyReportRow, YearlyReportRepository } from './yearly-report.repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const summary = (r: Omit<YearlyReportRow, 'content'>) => ({
  year: r.year,
  status: r.status,
  sha256: r.sha256,
  caseId: r.case_id,
  generatedAt: iso(r.generated_at),
  submittedAt: iso(r.submitted_at),
  publishedAt: iso(r.published_at),
});
const publicSummary = (r: Omit<YearlyReportRow, 'content'>) => ({ year: r.year, sha256: r.sha256, publishedAt: iso(r.published_at) });

/**
 * Reading the yearly reports. The secretariat and the Kerngroep see drafts and the report put to the vote
 * (policies/yearly-report.yaml); everyone, signed in or not, sees a published report and its PDF and CSV,
 * exactly as it was approved (art. 33: spread through the agreement's website).
 */
@Injectable()
export class ReadYearlyReport {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: YearlyReportRepository,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller) {
    const rows = await this.repo.all(this.db.manager, false);
    await this.audit.record({ actor: actorOf(caller), action: 'yearly-report.list', details: { count: rows.length } });
    return { items: rows.map(summary) };
  }

  async read(caller: Caller, year: number) {
    const row = await this.repo.find(this.db.manager, year);
    if (!row) throw new NotFound('yearly report');
    await this.audit.record({ actor: actorOf(caller), action: 'yearly-report.read', object: { type: 'YearlyReport', id: String(year) }, details: { status: row.status } });
    return { ...summary(row), content: row.content };
  }

  async publishedList() {
    return { items: (await this.repo.all(this.db.manager, true)).map(publicSummary) };
  }

  private async publishedRow(year: number): Promise<YearlyReportRow> {
    const row = await this.repo.find(this.db.manager, year);
    // A draft, or a report before the Kerngroep, does not exist for the public: the same 404 as an absent year.
    if (!row || row.status !== 'published') throw new NotFound('yearly report');
    return row;
  }

  async published(year: number) {
    const row = await this.publishedRow(year);
    return { ...publicSummary(row), content: row.content };
  }

  async csv(year: number): Promise<string> {
    return reportCsv((await this.publishedRow(year)).content);
  }

  async pdf(year: number): Promise<Buffer> {
    const row = await this.publishedRow(year);
    return reportPdf(row.content, row.published_at ? new Date(row.published_at) : null, row.sha256);
  }
}
