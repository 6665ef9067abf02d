import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { InvalidInput } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { filesDisclosureItself, isLocalPartnerOf, isParticipatingCompany } from '../../organisations/organisation-rules.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { RulingsService } from '../../kerngroep/rulings.service.js';
import { LocationDisclosureService } from '../../production-locations/location-disclosure.service.js';
import { CaseView } from '../case-view.js';
import { CasesRepository, type CaseRow } from '../cases.repository.js';
import type { CreateCaseDto } from '../dto/case-requests.dto.js';
import { type CaseType, MACHINES } from '../state-machines.js';
import { DEFAULT_IMPROVEMENT_PERIOD_DAYS } from '../transitions/case-transitions.js';
import { disclosureRequestProblems, normaliseScope } from './scope.js';

/** POST /api/v1/cases: an art-22 request, an art-23 restriction request or an art-83 complaint is filed. */
@Injectable()
export class FileCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly rulings: RulingsService,
    private readonly registry: LocationDisclosureService,
    private readonly view: CaseView,
    private readonly audit: AuditService,
    private readonly policies: PoliciesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** POST /api/v1/cases: files a case of the given type and puts it before the Kerngroep (art. 22, 23, 83). */
  async execute(caller: Caller, dto: CreateCaseDto): Promise<Record<string, unknown>> {
    const type = dto.type as CaseType;
    // Who files which type is policies/cases.yaml's `create:<type>` (403 naming the rule and article).
    await this.policies.assertCan(caller, `create:${type}`, 'Case', {});
    const id = await this.db.transaction(async (m) => {
      const base = {
        type,
        state: MACHINES[type].initial,
        requesterOrganisationId: caller.organisation.id,
        requestedBy: caller.personId,
        grounds: dto.grounds,
      };
      let row: CaseRow;
      let concerned: string[];
      let proposal: Record<string, unknown>;
      if (type === 'disclosure') {
        if (dto.locationIds || dto.level || dto.companyId || dto.commitment) throw this.foreignFields('disclosure', ['locationIds', 'level', 'companyId', 'commitment'].filter((f) => dto[f as keyof CreateCaseDto] !== undefined));
        const problems = disclosureRequestProblems(dto.grounds, dto.scope as Record<string, unknown> | undefined, this.config.art22MinGroundsLength);
        let scope: Record<string, unknown> = {};
        try {
          scope = normaliseScope((dto.scope ?? {}) as Record<string, unknown>, 'scope');
        } catch (error) {
          if (!(error instanceof InvalidInput)) throw error;
          problems.unshift(...(error.details ?? []));
        }
        // every problem of the request in one answer, each at its field
        if (problems.length) throw new InvalidInput('The request is invalid', problems);
        const parties = await this.disclosureParties(m, caller, dto.onBehalfOf ?? null);
        row = await this.cases.insert(m, { ...base, ...parties, subjectOrganisationId: null, scope });
        // Art. 84 (issue 11): a member is replaced when a complaint, dispute or restriction request concerns its own
        // organisation. An art-22 request is not "about" the companies sourcing in scope: recusing the companies' seat
        // for that reason would itself tell the other seats which companies source there (art. 19, 21).
        concerned = [];
        proposal = { scope };
      } else if (type === 'restriction') {
        if (dto.scope || dto.onBehalfOf || dto.companyId || dto.commitment) throw this.foreignFields('restriction', ['scope', 'onBehalfOf', 'companyId', 'commitment'].filter((f) => dto[f as keyof CreateCaseDto] !== undefined));
        await this.assertOwnEntries(m, caller.organisation.id, dto.locationIds!);
        const scope = { locationIds: [...new Set(dto.locationIds)], level: dto.level! };
        row = await this.cases.insert(m, { ...base, onBehalfOf: null, sponsorOrganisationId: null, sponsorConstituency: 'companies', subjectOrganisationId: caller.organisation.id, scope });
        concerned = [caller.organisation.id];
        proposal = { level: dto.level };
      } else {
        if (dto.scope || dto.onBehalfOf || dto.locationIds || dto.level) throw this.foreignFields('complaint', ['scope', 'onBehalfOf', 'locationIds', 'level']);
        const company = await this.cases.organisation(m, dto.companyId!);
        // Art. 83: complaints concern only lack of progress by a participating company.
        if (!company || !isParticipatingCompany({ kind: company.kind, isParty: company.is_party, status: company.status }))
          throw new InvalidInput('The request is invalid', [{ field: 'companyId', problem: 'must be a participating company (art. 83)' }]);
        if (company.id === caller.organisation.id)
          throw new InvalidInput('The request is invalid', [{ field: 'companyId', problem: 'cannot be your own organisation' }]);
        // Art. 83: the commitment the company lacks progress on, if the complainant names it (complaint-admissibility.ts).
        const scope = dto.commitment ? { commitment: { kind: dto.commitment.kind, ...(dto.commitment.reference ? { reference: dto.commitment.reference } : {}) } } : {};
        row = await this.cases.insert(m, { ...base, onBehalfOf: null, sponsorOrganisationId: caller.organisation.id, sponsorConstituency: caller.organisation.constituency, subjectOrganisationId: company.id, scope });
        concerned = [company.id];
        proposal = { improvementPeriodDays: DEFAULT_IMPROVEMENT_PERIOD_DAYS };
      }
      // A complaint goes before the Kerngroep only once declared admissible (art. 83; complaint-admissibility.ts).
      if (type !== 'complaint') await this.rulings.open(m, row.id, proposal, concerned);
      await this.cases.addEvent(m, { caseId: row.id, actor: actorOf(caller), action: 'filed', toState: row.state });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'cases.file',
        object: { type: 'case', id: row.id },
        details: { type, concernedOrganisations: concerned.length },
      });
      return row.id;
    });
    return this.view.read(caller, id, false);
  }

  private foreignFields(type: string, fields: string[]): InvalidInput {
    return new InvalidInput('The request is invalid', fields.map((field) => ({ field, problem: `does not apply to a ${type} case` })).slice(0, 1));
  }

  /**
   * Who sponsors an art-22 request (the policy already let the caller file one). Art. 22: a local partner or affiliated union files itself, or the NGO or union party it is affiliated to files
   * on its behalf. The affiliated party's constituency sponsors the request.
   */
  private async disclosureParties(m: EntityManager, caller: Caller, onBehalfOf: string | null) {
    const org = caller.organisation;
    if (filesDisclosureItself(org)) {
      if (onBehalfOf) throw new InvalidInput('The request is invalid', [{ field: 'onBehalfOf', problem: 'is only for an NGO or union party filing for its partner' }]);
      const sponsor = await this.cases.organisation(m, org.affiliatedTo!);
      return { onBehalfOf: null, sponsorOrganisationId: sponsor!.id, sponsorConstituency: sponsor!.constituency };
    }
    // Otherwise the rule cso-party-files-for-its-partner let the caller file: an NGO or union party.
    if (!onBehalfOf) throw new InvalidInput('The request is invalid', [{ field: 'onBehalfOf', problem: 'must name the local partner or affiliated union you file for (art. 22)' }]);
    const partner = await this.cases.organisation(m, onBehalfOf);
    if (!partner || !isLocalPartnerOf({ kind: partner.kind, affiliatedTo: partner.affiliated_to }, org.id))
      throw new InvalidInput('The request is invalid', [{ field: 'onBehalfOf', problem: 'must be a local partner affiliated to your organisation (art. 22)' }]);
    return { onBehalfOf: partner.id, sponsorOrganisationId: org.id, sponsorConstituency: org.constituency };
  }

  /** Art. 23: a company restricts only its own entries. Unknown and other companies' ids are one answer. */
  private async assertOwnEntries(m: EntityManager, companyId: string, ids: string[]): Promise<void> {
    const mine = new Set((await this.registry.entriesOfCompany(companyId, ids, m)));
    const index = ids.findIndex((id) => !mine.has(id));
    if (index >= 0) throw new InvalidInput('The request is invalid', [{ field: `locationIds[${index}]`, problem: 'is not an entry of your current list' }]);
  }
}
