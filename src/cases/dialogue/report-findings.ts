import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { InvalidInput, InvalidTransition } from '../../common/errors.js';
import { LocationDisclosureService } from '../../production-locations/location-disclosure.service.js';
import { SupplierMatchingService } from '../../production-locations/supplier-matching.service.js';
import { CaseAccess } from '../case-access.js';
import { CaseMail } from '../case-mail.js';
import { CaseView } from '../case-view.js';
import { CasesRepository } from '../cases.repository.js';
import { MatchCandidatesRepository } from '../match-candidates.repository.js';
import type { ReportDto } from '../dto/case-requests.dto.js';
import { checkTransition } from '../state-machines.js';
import { CaseTransitions } from '../transitions/case-transitions.js';

/** The requester (or its constituency) reports risks found at suppliers; the blind index finds their buyers (art. 22). */
@Injectable()
export class ReportFindings {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly registry: LocationDisclosureService,
    private readonly matching: SupplierMatchingService,
    private readonly candidates: MatchCandidatesRepository,
    private readonly access: CaseAccess,
    private readonly view: CaseView,
    private readonly transitions: CaseTransitions,
    private readonly mail: CaseMail,
  ) {}

  /** POST /api/v1/cases/:id/reports: the requester names the disclosed entries where risks were found (art. 22). */
  async execute(caller: Caller, id: string, dto: ReportDto): Promise<Record<string, unknown>> {
    await this.access.freshAbility(caller);
    await this.db.transaction(async (m) => {
      const c = await this.access.lockVisible(m, caller, id, 'report');
      const check = checkTransition(c.type, c.state, 'report');
      if (!check.ok) throw new InvalidTransition(check.message);
      // Only entries shown as rows can be named; declined and silent ones were only counted (art. 19).
      const inCase = new Map((await this.cases.entriesOf(m, id)).filter((e) => e.level !== null && e.level !== 'declined').map((e) => [e.location_id, e.level]));
      const refs = [...new Set(dto.locationRefs)];
      const index = refs.findIndex((r) => !inCase.has(r));
      if (index >= 0) throw new InvalidInput('The request is invalid', [{ field: `locationRefs[${index}]`, problem: 'is not an entry disclosed in this case' }]);
      const reportId = await this.cases.insertReport(m, id, caller.personId, refs, dto.description);
      // Art. 22 step 7 (issue 16): every member company that sources from a reported supplier, however it spells it.
      // The companies of the reported entries themselves, and those whose entries are proposed as a match (the same
      // identity or OS ID, or a score at or above the upper threshold), wait for the secretariat's confirmation one
      // at a time (confirm-brokering); candidates between the thresholds wait in its review queue. Nobody is told yet.
      const own = await this.registry.companiesListingSameSupplier(refs, m);
      const found = await this.matching.candidatesFor(m, refs, { actor: actorOf(caller), grant: { type: 'case', id } });
      await this.candidates.insert(m, id, reportId, found);
      const companies = [...new Set([...own.flatMap((x) => x.organisationIds), ...found.filter((f) => f.verdict === 'match').map((f) => f.companyId)])];
      await this.cases.addBrokeredCompanies(m, id, companies);
      const toReview = found.filter((f) => f.verdict === 'review').length;
      await this.cases.addEvent(m, { caseId: id, actor: actorOf(caller), action: 'report.filed', audience: 'participants', details: { reportId, entries: refs.length } });
      await this.cases.addEvent(m, { caseId: id, actor: null, action: 'brokering.found', audience: 'secretariat', details: { companies: companies.length, toReview } });
      await this.mail.toParticipants(m, id, 'cases.report-filed', {}, ['secretariat']);
      await this.transitions.apply(m, caller, c, 'report', {});
    });
    return this.view.read(caller, id, false);
  }
}
