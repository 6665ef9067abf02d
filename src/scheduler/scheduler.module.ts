import { Module } from '@nestjs/common';
import { AgreementYearModule } from '../agreement-year/agreement-year.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { AuditCheckpointJob } from './audit-checkpoints.js';
import { CaseDeadlinesRepository } from './case-deadlines.repository.js';
import { DeadlineScheduler } from './deadline-scheduler.js';
import { MonitoringDeadlines } from './monitoring-deadlines.js';

/**
 * Deadlines and reminders (issue 6, item 6): rows in PostgreSQL, a poller in every instance, each deadline run once.
 * Case deadlines are the scheduler's own; monitoring improvement periods (art. 11) and the audit log's signed
 * checkpoints (issue 12, item 7) and the agreement calendar's list and round deadlines (issue 15, item 1) join its
 * loop as sources.
 */
@Module({
  imports: [MonitoringModule, OrganisationsModule, AgreementYearModule],
  providers: [DeadlineScheduler, CaseDeadlinesRepository, MonitoringDeadlines, AuditCheckpointJob],
  exports: [DeadlineScheduler],
})
export class SchedulerModule {}
