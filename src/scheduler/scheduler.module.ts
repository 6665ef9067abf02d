import { Module } from '@nestjs/common';
import { DeadlineScheduler } from './deadline-scheduler.js';

/** Deadlines and reminders (issue 6, item 6): rows in PostgreSQL, a poller in every instance, each deadline run once. */
@Module({
  providers: [DeadlineScheduler],
  exports: [DeadlineScheduler],
})
export class SchedulerModule {}
