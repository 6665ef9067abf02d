import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { CaseStatistics } from './case-statistics.repository.js';
import { type CaseRow, CasesRepository, type NewCase } from './cases.repository.js';

/**
 * What the cases module offers other modules beside the case routes: aggregate counts (the yearly report) and opening
 * a matter for the Kerngroep that another module owns (the yearly report's publication, art. 51), with its `filed`
 * event, in the caller's transaction.
 */
@Injectable()
export class CaseStatisticsService {
  constructor(
    private readonly statistics: CaseStatistics,
    private readonly cases: CasesRepository,
  ) {}

  perState(m: EntityManager, year: number, types: readonly string[]): ReturnType<CaseStatistics['perState']> {
    return this.statistics.perState(m, year, types);
  }

  /** A matter awaiting the Kerngroep's ruling, filed by the caller's organisation (its ruling is opened by the caller). */
  async openMatter(m: EntityManager, caller: Caller, matter: { type: NewCase['type']; grounds: string; scope: NewCase['scope'] }): Promise<CaseRow> {
    const c = await this.cases.insert(m, {
      type: matter.type,
      state: 'awaiting_ruling',
      requesterOrganisationId: caller.organisation.id,
      requestedBy: caller.personId,
      onBehalfOf: null,
      sponsorOrganisationId: null,
      sponsorConstituency: null,
      subjectOrganisationId: null,
      grounds: matter.grounds,
      scope: matter.scope,
    });
    await this.cases.addEvent(m, { caseId: c.id, actor: actorOf(caller), action: 'filed', toState: c.state, details: matter.scope });
    return c;
  }
}
