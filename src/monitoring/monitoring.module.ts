import { Module } from '@nestjs/common';
import { MonitoringController, PlansOfActionController } from './monitoring.controller.js';
import { MonitoringService } from './monitoring.service.js';
import { MonitoringStatistics } from './monitoring-statistics.repository.js';
import { PlansOfActionService } from './plans.service.js';
import { MonitoringStatisticsService } from './monitoring-statistics.service.js';

/** Monitoring results (art. 9-13), their follow-ups (art. 10-11) and plans of action (art. 12). */
@Module({
  controllers: [MonitoringController, PlansOfActionController],
  providers: [MonitoringService, PlansOfActionService, MonitoringStatistics, MonitoringStatisticsService],
  exports: [MonitoringService, PlansOfActionService, MonitoringStatisticsService],
})
export class MonitoringModule {}
