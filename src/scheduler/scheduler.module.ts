import { Module } from '@nestjs/common';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { DeadlineScheduler } from './deadline-scheduler.js';
import { MonitoringDeadlines } from './monitoring-deadlines.js';

/**
 * Deadlines and reminders (issue 6, item 6): rows in PostgreSQL, a poller in every instance, each deadline run once.
 * Case deadlines are the scheduler's own; monitoring improvement periods (art. 11) join its loop as a source.
 */
@Module({
  imports: [MonitoringModule],
  providers: [DeadlineScheduler, MonitoringDeadlines],
  exports: [DeadlineScheduler],
})
export class SchedulerModule {}
