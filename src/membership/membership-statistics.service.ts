import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MembershipStatistics } from './membership-statistics.repository.js';

/** The membership module's aggregate figures for other modules (the yearly report): counts per kind, joined, left. */
@Injectable()
export class MembershipStatisticsService {
  constructor(private readonly repo: MembershipStatistics) {}

  atYearEnd(m: EntityManager, year: number): ReturnType<MembershipStatistics['atYearEnd']> {
    return this.repo.atYearEnd(m, year);
  }
}
