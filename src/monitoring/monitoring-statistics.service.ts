import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MonitoringStatistics } from './monitoring-statistics.repository.js';

/** The monitoring module's aggregate figures for other modules (the yearly report); counts only, never a company. */
@Injectable()
export class MonitoringStatisticsService {
  constructor(private readonly repo: MonitoringStatistics) {}

  signalsPerRound(m: EntityManager): ReturnType<MonitoringStatistics['signalsPerRound']> {
    return this.repo.signalsPerRound(m);
  }
}
