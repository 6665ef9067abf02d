import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AggregatedListService } from '../aggregated-list/aggregated-list.service.js';
import { actorOf, AuditService, canonicalJson } from '../audit/index.js';
import { CaseStatisticsService } from '../cases/case-statistics.service.js';
import type { Caller } from '../common/caller.js';
import { InvalidTransition, Unprocessable } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MembershipStatisticsService } from '../membership/membership-statistics.service.js';
import { MonitoringStatisticsService } from '../monitoring/monitoring-statistics.service.js';
import { PlansOfActionService } from '../monitoring/plans.service.js';
import { protectCounts } from './protect-counts.js';
import { AGREEMENT_FIRST_YEAR, AGREEMENT_LAST_YEAR, type CaseKind, OUTCOMES, outcomeKeys, ROUNDS, SIGNALS, type YearlyReportContent } from './report-content.js';
import { YearlyReportRepository } from './yearly-report.repository.js';

export const reportHash = (content: YearlyReportContent) => createHash('sha256').update(canonicalJson(content)).digest('hex');

/**
 * POST /api/v1/yearly-reports {year}: the secretariat generates the year's report from the data (art. 14d, 33, 51),
 * as a draft it reviews. Generating again replaces the draft (or a report the Kerngroep did not approve); a report
 * before the Kerngroep or published is never regenerated.
 */
@Injectable()
export class GenerateYearlyReport {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: YearlyReportRepository,
    private readonly list: AggregatedListService,
    private readonly plans: PlansOfActionService,
    private readonly monitoring: MonitoringStatisticsService,
    private readonly cases: CaseStatisticsService,
    private readonly membership: MembershipStatisticsService,
    private readonly audit: AuditService,
  ) {}

  async execute(caller: Caller, year: number) {
    const current = new Date().getUTCFullYear();
    if (year < AGREEMENT_FIRST_YEAR || year > Math.min(AGREEMENT_LAST_YEAR, current))
      throw new Unprocessable('The year is outside the agreement', [
        { field: 'year', problem: `must be a year of the agreement (${AGREEMENT_FIRST_YEAR}-${AGREEMENT_LAST_YEAR}) that has begun` },
      ]);
    return this.db.transaction(async (m) => {
      const existing = await this.repo.lockYear(m, year);
      if (existing?.status === 'awaiting_ruling') throw new InvalidTransition(`The ${year} report is before the Kerngroep; it is not regenerated while it is voted on (art. 51)`);
      if (existing?.status === 'published') throw new InvalidTransition(`The ${year} report is published; a published report is never changed`);
      const content = await this.build(m, year);
      const sha256 = reportHash(content);
      const row = await this.repo.saveDraft(m, year, content, sha256, caller.personId);
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'yearly-report.generate', object: { type: 'YearlyReport', id: String(year) }, details: { year, sha256 } });
      return row;
    });
  }

  /** The report's content, every figure aggregated and protected. Also used by the benchmark. */
  async build(m: EntityManager, year: number): Promise<YearlyReportContent> {
    const k = this.config.aggregationMinCompanies;
    const signals = await this.monitoring.signalsPerRound(m);
    const monitoring = ROUNDS.map((round) => ({
      round,
      ...protectCounts(Object.fromEntries(SIGNALS.map((s) => [s, signals.find((r) => r.round === round && r.signal === s)?.n ?? 0])), k),
    }));
    const perState = await this.cases.perState(m, year, Object.keys(OUTCOMES));
    const cases = Object.fromEntries(
      (Object.keys(OUTCOMES) as CaseKind[]).map((kind) => {
        const counts: Record<string, number> = Object.fromEntries(outcomeKeys(kind).map((o) => [o, 0]));
        for (const r of perState.filter((x) => x.type === kind)) counts[(OUTCOMES[kind] as Record<string, string>)[r.state] ?? 'open'] += r.n;
        return [kind, protectCounts(counts, k)];
      }),
    ) as YearlyReportContent['cases'];
    const published = await this.list.published(year);
    const countries = new Map<string, number>();
    for (const c of published?.cells.filter((x) => x.region === null && x.material === null) ?? []) countries.set(c.country, (countries.get(c.country) ?? 0) + c.locations);
    const plan = await this.plans.aggregated(year);
    const members = await this.membership.atYearEnd(m, year);
    return {
      year,
      minCompanies: k,
      generatedAt: new Date().toISOString(),
      monitoring,
      plan: { year: plan.year, companiesSubmitted: plan.companiesSubmitted, threshold: plan.threshold, byStep: plan.byStep, byTheme: plan.byTheme },
      aggregatedList: {
        published: published !== null,
        sha256: published?.sha256 ?? null,
        cells: published?.cells.length ?? 0,
        countries: [...countries.entries()].map(([country, locations]) => ({ country, locations })).sort((a, b) => b.locations - a.locations || a.country.localeCompare(b.country)),
      },
      cases,
      membership: { byKind: Object.fromEntries(members.byKind.map((r) => [r.kind, r.n])), joined: members.joined, left: members.left },
    };
  }
}
