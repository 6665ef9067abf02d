import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { NotFound } from '../../common/errors.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { type DisclosedEntry, LocationDisclosureService } from '../../production-locations/location-disclosure.service.js';
import { CasesRepository } from '../cases.repository.js';

/** The requester's view of the disclosed entries while its access window is open (art. 19, 22). */
@Injectable()
export class ViewDisclosedLocations {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly registry: LocationDisclosureService,
    private readonly policies: PoliciesService,
  ) {}

  /**
   * GET /api/v1/cases/:id/disclosed-locations (art. 22, DOMAIN.md step 5): while access is open, the scoped entries —
   * supplier identity where consented, generalised where restricted or silent, never the buying company, never
   * competition-sensitive data; restrictions (art. 23-24) applied by the registry. One row per supplier, not per
   * company entry (the registry merges the entries of one supplier by blind index, at the most revealing level any
   * of them is disclosed at), so the requester cannot count a supplier's buyers; a row's `id` is one of the case's
   * entries, so `report` brokers every company listing that supplier. Every view is audited.
   */
  async execute(caller: Caller, id: string): Promise<DisclosedEntry[]> {
    const c = await this.cases.find(this.db.manager, id);
    if (!c) throw new NotFound('case', id);
    // A case the caller may not see is 404; its own case after the window closed (or before the clause) is 403 naming
    // the rule and article (policies/disclosed-locations.yaml).
    await this.policies.authorizeRecord(caller, 'read', 'Case', { id }, { id });
    await this.policies.assertCan(caller, 'list', 'DisclosedLocation', { caseId: id });
    const entries = await this.cases.entriesOf(this.db.manager, id);
    // Silence is not consent: an entry without an answer is shown at country level (disclosure-level.ts).
    const requests = entries.map((e) => ({ id: e.location_id, level: (e.level ?? 'country') as 'full' | 'region' | 'country' }));
    return this.registry.disclosedEntries(requests, { actor: actorOf(caller), grant: { type: 'case', id } });
  }
}
