import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import { CaseTypeHooks } from '../cases/case-type-hooks.js';
import { CaseStatisticsService } from '../cases/case-statistics.service.js';
import type { CaseRow } from '../cases/cases.repository.js';
import type { Caller } from '../common/caller.js';
import { InvalidTransition, NotFound } from '../common/errors.js';
import { RulingsService } from '../kerngroep/rulings.service.js';
import { YearlyReportRepository } from './yearly-report.repository.js';

/**
 * POST /api/v1/yearly-reports/:year/submit: the secretariat puts its reviewed draft before the Kerngroep, which
 * publishes the yearly report (art. 51). The draft is frozen: the Kerngroep votes on exactly this content (its
 * SHA-256 is the proposal), as a case of type `yearly_report` with the usual decision rule (art. 49); on approval
 * the report is published as it was voted on, on rejection the secretariat may generate a new draft.
 */
@Injectable()
export class SubmitYearlyReport implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: YearlyReportRepository,
    private readonly cases: CaseStatisticsService,
    private readonly rulings: RulingsService,
    private readonly hooks: CaseTypeHooks,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.hooks.register('yearly_report', { onTransition: (m, c, action) => this.onDecided(m, c, action) });
  }

  async execute(caller: Caller, year: number): Promise<{ year: number; status: string; caseId: string; sha256: string }> {
    return this.db.transaction(async (m) => {
      const row = await this.repo.lockYear(m, year);
      if (!row) throw new NotFound('yearly report');
      if (row.status !== 'draft') throw new InvalidTransition(`Only a draft is put before the Kerngroep; the ${year} report is ${row.status.replace('_', ' ')}`);
      const c = await this.cases.openMatter(m, caller, { type: 'yearly_report', grounds: `Publication of the yearly report ${year} (art. 51)`, scope: { year, sha256: row.sha256 } });
      await this.rulings.open(m, c.id, { year, sha256: row.sha256 }, []);
      await this.repo.markSubmitted(m, row.id, c.id);
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'yearly-report.submit', object: { type: 'YearlyReport', id: String(year) }, details: { caseId: c.id, sha256: row.sha256 } });
      return { year, status: 'awaiting_ruling', caseId: c.id, sha256: row.sha256 };
    });
  }

  private async onDecided(m: EntityManager, c: CaseRow, action: string): Promise<void> {
    const row = await this.repo.byCase(m, c.id);
    if (!row) return;
    if (action === 'ruling-approved') await this.repo.markDecided(m, row.id, 'published');
    if (action === 'ruling-rejected') await this.repo.markDecided(m, row.id, 'rejected');
  }
}
