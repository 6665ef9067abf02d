import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MonitoringService } from '../monitoring/monitoring.service.js';
import { DeadlineScheduler } from './deadline-scheduler.js';

/**
 * Monitoring improvement periods (art. 11; issue 6, item 6) in the deadline scheduler's one loop: a reminder to the
 * company's people IMPROVEMENT_REMINDER_BEFORE (14 days) ahead of the deadline, and at the deadline an
 * `improvement-period-ended` follow-up plus a mail for the secretariat. The rows, their claiming and the mail live in
 * the monitoring module; the scheduler reaches it only through MonitoringService's exported methods.
 */
@Injectable()
export class MonitoringDeadlines implements OnModuleInit {
  constructor(
    private readonly scheduler: DeadlineScheduler,
    private readonly monitoring: MonitoringService,
  ) {}

  onModuleInit(): void {
    this.scheduler.addSource({
      name: 'monitoring-improvement-periods',
      due: (step, limit) => this.monitoring.dueImprovementPeriods(step, limit),
      run: (m, step, id) => this.monitoring.runImprovementPeriodStep(m, step, id),
      failed: (step, id, message) => this.monitoring.improvementPeriodStepFailed(step, id, message),
    });
  }
}
