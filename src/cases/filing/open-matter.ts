import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { RulingsService } from '../../kerngroep/rulings.service.js';
import { type CaseRow, CasesRepository } from '../cases.repository.js';

/** A matter another module puts before the Kerngroep as a case (accession, art. 70-72; removal, art. 76-77). */
export interface NewMatter {
  type: 'accession' | 'removal';
  requesterOrganisationId: string;
  subjectOrganisationId: string | null;
  grounds: string;
  scope: Record<string, unknown>;
  /** what the Kerngroep votes on */
  proposal: Record<string, unknown>;
  /** the organisations the matter concerns: their seats are recused (art. 84) */
  concerned: string[];
  /** details of the case's `filed` event */
  details: Record<string, unknown>;
}

/**
 * The cases module's service for the matters other modules put before the Kerngroep: one case in `awaiting_ruling`,
 * its ruling opened (the seats and the chair are told, art. 48) and its `filed` event, in the caller's transaction.
 * The owner of the matter follows it through `CaseTypeHooks` (issue 11: no other module writes the cases tables).
 */
@Injectable()
export class OpenMatter {
  constructor(
    private readonly cases: CasesRepository,
    private readonly rulings: RulingsService,
  ) {}

  async execute(m: EntityManager, caller: Caller, matter: NewMatter): Promise<CaseRow> {
    const c = await this.cases.insert(m, {
      type: matter.type,
      state: 'awaiting_ruling',
      requesterOrganisationId: matter.requesterOrganisationId,
      requestedBy: caller.personId,
      onBehalfOf: null,
      sponsorOrganisationId: null,
      sponsorConstituency: null,
      subjectOrganisationId: matter.subjectOrganisationId,
      grounds: matter.grounds,
      scope: matter.scope,
    });
    await this.rulings.open(m, c.id, matter.proposal, matter.concerned);
    await this.cases.addEvent(m, { caseId: c.id, actor: actorOf(caller), action: 'filed', toState: c.state, details: matter.details });
    return c;
  }
}
