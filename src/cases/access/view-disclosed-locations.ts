import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, type AuditEntryInput } from '../../audit/index.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { Caller } from '../../common/caller.js';
import { NotFound } from '../../common/errors.js';
import { regionName } from '../../aggregated-list/region-names.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { type DisclosedEntry, LocationDisclosureService } from '../../production-locations/location-disclosure.service.js';
import { type CaseViewQuery, CasesRepository } from '../cases.repository.js';
import { declinedCounts } from './declined-counts.js';

export interface DisclosedView {
  /** one row per supplier the companies consented to or restricted (identity, region or country) */
  items: DisclosedEntry[];
  total: number;
  /** the declined and silent entries, as counts per country, region and activity type (art. 19) */
  aggregated: { minCompanies: number; cells: Array<ReturnType<typeof declinedCounts>[number] & { regionName: string | null }> };
}

/** The disclosed-locations read needs the case row and all its entries only. */
const ENTRIES_ONLY: CaseViewQuery = {
  names: false, ruling: false, deadlines: false, timeline: null, consents: false, consentOf: null, entries: { company: null },
  reports: false, brokered: false, messages: false, links: false,
};

/** The requester's view of the disclosed entries while its access window is open (art. 19, 22). */
@Injectable()
export class ViewDisclosedLocations {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly registry: LocationDisclosureService,
    private readonly policies: PoliciesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * GET /api/v1/cases/:id/disclosed-locations (art. 22, DOMAIN.md step 5): while access is open, the scoped entries —
   * supplier identity where consented, generalised where restricted, declined and silent entries only as suppressed
   * counts (art. 19), never the buying company, never
   * competition-sensitive data; restrictions (art. 23-24) applied by the registry. One row per supplier, not per
   * company entry (the registry merges the entries of one supplier by blind index, at the most revealing level any
   * of them is disclosed at), so the requester cannot count a supplier's buyers; a row's `id` is one of the case's
   * entries, so `report` brokers every company listing that supplier. Every view is audited.
   */
  async execute(caller: Caller, id: string): Promise<DisclosedView> {
    // A case the caller may not see is 404 (decided on { id }: an absent case is the same 404); its own case after the
    // window closed (or before the clause) is 403 naming the rule and article (policies/disclosed-locations.yaml).
    await this.policies.authorizeRecord(caller, 'read', 'Case', { id }, { id });
    // The case and its entries in one statement (issue 18), before the 403: an absent case stays a 404 for everyone.
    const read = await this.cases.viewOf(this.db.manager, id, ENTRIES_ONLY);
    if (!read) throw new NotFound('case', id);
    await this.policies.assertCan(caller, 'list', 'DisclosedLocation', { caseId: id });
    const { row: c } = read;
    const entries = read.entries ?? [];
    // Declined entries, and silent ones (silence is decline), only as counts under the aggregated list's threshold.
    const counted = new Map(entries.filter((e) => e.level === null || e.level === 'declined').map((e) => [e.location_id, e.company_id]));
    const k = this.config.aggregationMinCompanies;
    let cells: ReturnType<typeof declinedCounts> = [];
    if (counted.size > 0) {
      const inScope = await this.registry.entriesInScope(c.approved_scope ?? c.scope);
      const classified = inScope.flatMap((co) =>
        co.entries.filter((e) => counted.get(e.id) === co.organisationId).map((e) => ({ companyId: co.organisationId, country: e.country, region: e.region, activityType: e.activityType, restrictionLevel: e.restrictionLevel })),
      );
      cells = declinedCounts(classified, k);
    }
    // Rows only for entries a company consented to (identity) or restricted to region or country (art. 19, 22).
    const shown = entries.filter((e) => e.level === 'full' || e.level === 'region' || e.level === 'country');
    const requests = shown.map((e) => ({ id: e.location_id, level: e.level as 'full' | 'region' | 'country' }));
    // The counts' entry is appended with the disclosure's, in one batch (issue 18), before the answer.
    const counts: AuditEntryInput = {
      actor: actorOf(caller),
      action: 'cases.disclose-counts',
      object: { type: 'case', id },
      grant: { type: 'case', id },
      details: { countedEntries: counted.size, publishedCells: cells.length },
    };
    const items = await this.registry.disclosedEntries(requests, { actor: actorOf(caller), grant: { type: 'case', id }, along: [counts] });
    return { items, total: items.length, aggregated: { minCompanies: k, cells: cells.map((x) => ({ ...x, regionName: regionName(x.region) })) } };
  }
}
