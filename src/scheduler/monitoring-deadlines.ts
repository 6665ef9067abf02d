import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AgreementCalendarService } from '../agreement-year/agreement-calendar.service.js';
import { MonitoringService } from '../monitoring/monitoring.service.js';
import { DeadlineScheduler } from './deadline-scheduler.js';

/**
 * Monitoring improvement periods (art. 11; issue 6, item 6) in the deadline scheduler's one loop: a reminder to the
 * company's people IMPROVEMENT_REMINDER_BEFORE (14 days) ahead of the deadline, and at the deadline an
 * `improvement-period-ended` follow-up plus a mail for the secretariat. The rows, their claiming and the mail live in
 * the monitoring module; the scheduler reaches it only through MonitoringService's exported methods.
 *
 * The agreement calendar's deadlines (issue 15, item 1) join the same loop: each company's yearly list (art. 17-18)
 * and monitoring rounds (baseline, year 2, year 4: art. 9-10), with a reminder LIST_REMINDER_DAYS /
 * MONITORING_REMINDER_DAYS ahead and an overdue notice once passed; rows, claiming and mail in src/agreement-year.
 */
@Injectable()
export class MonitoringDeadlines implements OnModuleInit {
  constructor(
    private readonly scheduler: DeadlineScheduler,
    private readonly monitoring: MonitoringService,
    private readonly calendar: AgreementCalendarService,
  ) {}

  onModuleInit(): void {
    this.scheduler.addSource({
      name: 'monitoring-improvement-periods',
      due: (step, limit) => this.monitoring.dueImprovementPeriods(step, limit),
      run: (m, step, id) => this.monitoring.runImprovementPeriodStep(m, step, id),
      failed: (step, id, message) => this.monitoring.improvementPeriodStepFailed(step, id, message),
    });
    this.scheduler.addSource({
      name: 'agreement-calendar',
      due: (step, limit) => this.calendar.due(step, limit),
      run: (m, step, id) => this.calendar.run(m, step, id),
      failed: (step, id, message) => this.calendar.failed(step, id, message),
    });
  }
}
