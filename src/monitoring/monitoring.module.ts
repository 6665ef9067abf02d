import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { MonitoringController, PlansOfActionController } from './monitoring.controller.js';
import { MonitoringFollowUpsRepository } from './monitoring-follow-ups.repository.js';
import { MonitoringResultsRepository } from './monitoring-results.repository.js';
import { MonitoringService } from './monitoring.service.js';
import { MonitoringStatistics } from './monitoring-statistics.repository.js';
import { PlansRepository } from './plans.repository.js';
import { PlansOfActionService } from './plans.service.js';
import { MonitoringStatisticsService } from './monitoring-statistics.service.js';

/** Monitoring results (art. 9-13), their follow-ups (art. 10-11) and plans of action (art. 12). */
@Module({
  imports: [OrganisationsModule],
  controllers: [MonitoringController, PlansOfActionController],
  providers: [MonitoringService, MonitoringResultsRepository, MonitoringFollowUpsRepository, PlansOfActionService, PlansRepository, MonitoringStatistics, MonitoringStatisticsService],
  exports: [MonitoringService, PlansOfActionService, MonitoringStatisticsService],
})
export class MonitoringModule {}
