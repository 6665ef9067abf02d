import { Module } from '@nestjs/common';
import { AggregatedListModule } from '../aggregated-list/aggregated-list.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { KerngroepModule } from '../kerngroep/kerngroep.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { GenerateYearlyReport } from './generate-report.js';
import { ReadYearlyReport } from './read-report.js';
import { SubmitYearlyReport } from './submit-report.js';
import { YearlyReportController } from './yearly-report.controller.js';
import { YearlyReportRepository } from './yearly-report.repository.js';

/**
 * The yearly report (art. 14d, 33, 51; issue 15, item 5): generated from the data with the non-traceability rules,
 * reviewed by the secretariat, approved by the Kerngroep as a matter (case type `yearly_report`), then public.
 */
@Module({
  imports: [AggregatedListModule, CasesModule, KerngroepModule, MembershipModule, MonitoringModule],
  controllers: [YearlyReportController],
  providers: [YearlyReportRepository, GenerateYearlyReport, SubmitYearlyReport, ReadYearlyReport],
  exports: [GenerateYearlyReport],
})
export class YearlyReportModule {}
