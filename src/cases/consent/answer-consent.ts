import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { InvalidInput, InvalidTransition, NotFound } from '../../common/errors.js';
import { CaseAccess } from '../case-access.js';
import { CaseView } from '../case-view.js';
import { CasesRepository } from '../cases.repository.js';
import { type ConsentEntryLevel, storedLevelOf } from '../disclosure-level.js';
import type { ConsentDto } from '../dto/case-requests.dto.js';
import { CaseTransitions } from '../transitions/case-transitions.js';

/** A company answers the consent request for its entries in an art-22 case's approved scope (art. 19, 22). */
@Injectable()
export class AnswerConsent {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccess,
    private readonly view: CaseView,
    private readonly transitions: CaseTransitions,
    private readonly audit: AuditService,
  ) {}

  /** POST /api/v1/cases/:id/consents (art. 19, 22): per entry a company approves, restricts to region or country, or declines. */
  async execute(caller: Caller, id: string, dto: ConsentDto): Promise<Record<string, unknown>> {
    await this.access.freshAbility(caller);
    await this.db.transaction(async (m) => {
      const c = await this.access.lockVisible(m, caller, id, 'consent');
      if (c.state !== 'awaiting_consent') throw new InvalidTransition(`Consent is given while the case awaits consent; it is ${c.state}`);
      const company = caller.organisation.id;
      const mine = await this.cases.consentOf(m, id, company);
      if (!mine) throw new NotFound('case', id);
      const entries = new Set((await this.cases.entriesOf(m, id, company)).map((e) => e.location_id));
      const levels = new Map<string, string>();
      if (dto.decision === 'restrict') {
        for (const [i, l] of dto.locations!.entries()) {
          if (!entries.has(l.id)) throw new InvalidInput('The request is invalid', [{ field: `locations[${i}].id`, problem: 'is not one of your entries in this case' }]);
          levels.set(l.id, storedLevelOf(l.level as ConsentEntryLevel));
        }
      } else if (dto.locations) {
        throw new InvalidInput('The request is invalid', [{ field: 'locations', problem: 'is only given with decision "restrict"' }]);
      }
      const allDeclined = dto.decision === 'decline' || (entries.size > 0 && [...entries].every((e) => levels.get(e) === 'declined'));
      const status = dto.decision === 'approve' ? 'approved' : allDeclined ? 'declined' : 'restricted';
      await this.cases.answerConsent(m, id, company, caller.personId, status, dto.decision === 'decline' ? 'declined' : 'full', levels);
      // The requester never learns which company answered what: the event is for the secretariat only.
      await this.cases.addEvent(m, { caseId: id, actor: actorOf(caller), action: 'consent', audience: 'secretariat', details: { decision: dto.decision, restricted: [...levels.values()].filter((l) => l !== 'declined').length, declined: [...levels.values()].filter((l) => l === 'declined').length } });
      await this.cases.touch(m, id);
      const pending = await this.cases.pendingConsentCompanies(m, id);
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'cases.consent',
        object: { type: 'case', id },
        details: { decision: dto.decision, restrictedEntries: levels.size, entries: entries.size },
      });
      if (pending.length === 0) await this.transitions.system(m, id, 'close-consent', { reason: 'every company answered' });
    });
    return this.view.read(caller, id, false);
  }
}
