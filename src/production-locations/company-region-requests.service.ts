import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { InvalidInput, InvalidTransition, NotFound } from '../common/errors.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { CompanyRegionRequestsRepository, type RegionRequestRow } from './company-region-requests.repository.js';
import { isCountryCode } from './upload-format.js';

export interface RegionRequestView {
  id: string;
  requesterOrganisationId: string;
  requesterName: string;
  year: number;
  countries: string[];
  regions: string[];
  purpose: string | null;
  status: 'submitted' | 'released' | 'declined';
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  /** once released: the companies active there, names only — never suppliers (art. 21) */
  companies: Array<{ id: string; name: string }> | null;
  /** secretariat only, while submitted: what releasing now would answer */
  candidates?: Array<{ id: string; name: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Art. 21: a participating CSO that signed the confidentiality clause asks the secretariat which companies are
 * active in given countries or regions; the secretariat reviews and releases (or declines) the answer; the
 * requester then sees company names only. Every step is audited.
 *
 * Which companies count (README, "Company-by-region requests"): companies with a current entry for the year in
 * one of the countries, or in one of the regions. Restrictions are honoured: an entry under a `hidden`
 * restriction never makes its company appear, an entry restricted to country level is matched by its country
 * only, never by its region (art. 23-24). Crypto-shredded companies (art. 73-77) have left and never appear.
 */
@Injectable()
export class CompanyRegionRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly requests: CompanyRegionRequestsRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  async companiesActiveIn(
    m: EntityManager,
    q: { year: number; countries: string[]; regions: string[] },
  ): Promise<Array<{ id: string; name: string }>> {
    return this.requests.companiesActiveIn(m, q);
  }

  async create(caller: Caller, input: { countries: string[]; regions?: string[]; year?: number; purpose?: string }): Promise<RegionRequestView> {
    const countries = [...new Set(input.countries)];
    const regions = [...new Set((input.regions ?? []).map((r) => r.trim()).filter(Boolean))];
    const bad = countries.filter((c) => !isCountryCode(c));
    if (bad.length) throw new InvalidInput('Unknown countries', [{ field: 'countries', problem: `are not ISO 3166-1 countries: ${bad.join(', ')}` }]);
    if (countries.length + regions.length === 0) {
      throw new InvalidInput('Nothing asked', [{ field: 'countries', problem: 'name at least one country or region' }]);
    }
    const decision = await this.policies.authorizeRecord(caller, 'create', 'CompanyRegionRequest', { requesterOrganisationId: caller.organisation.id }, { visibleAs: 'create' });
    const id = await this.db.transaction(async (m) => {
      const id = await this.requests.insert(m, {
        requesterOrganisationId: caller.organisation.id,
        requestedBy: caller.personId,
        year: input.year ?? new Date().getUTCFullYear(),
        countries,
        regions,
        purpose: input.purpose ?? null,
        ndaSignatureId: decision.grant?.type === 'nda' ? decision.grant.id : null,
      });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'company-region-requests.create',
        object: { type: 'CompanyRegionRequest', id },
        grant: decision.grant ?? undefined,
        details: { countries, regions, year: input.year ?? new Date().getUTCFullYear() },
      });
      return id;
    });
    return (await this.load(this.db.manager, id))!;
  }

  private async load(m: EntityManager, id: string, scope?: { sql: string; params: unknown[] }): Promise<RegionRequestView | null> {
    const row = await this.requests.byId(m, id, scope);
    return row ? await this.toView(m, row) : null;
  }

  private async toView(m: EntityManager, r: RegionRequestRow): Promise<RegionRequestView> {
    const ids = r.answer_organisation_ids ?? null;
    // art. 73-77: an answer never names an organisation that is no longer a party, even one released before it left
    const companies = ids === null ? null : await this.organisations.takingPartNamed(m, ids);
    return {
      id: r.id,
      requesterOrganisationId: r.requester_organisation_id,
      requesterName: r.requester_name,
      year: r.year,
      countries: r.countries,
      regions: r.regions,
      purpose: r.purpose ?? null,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      decisionNote: r.decision_note ?? null,
      companies: r.status === 'released' ? companies : null,
    };
  }

  /** The caller's requests (a CSO: its own; the secretariat: all), without the answers. */
  async list(caller: Caller): Promise<Array<Omit<RegionRequestView, 'companies'>>> {
    const scope = await this.policies.scope(caller, 'list', 'CompanyRegionRequest', { requesterOrganisationId: 'r.requester_organisation_id' });
    const rows = await this.requests.list(this.db.manager, scope);
    const views = await Promise.all(rows.map((r) => this.toView(this.db.manager, { ...r, answer_organisation_ids: null })));
    return views.map(({ companies: _companies, ...v }) => v);
  }

  /** One request; the answer (company names) for the requester once released, under its clause. Audited. */
  async read(caller: Caller, id: string): Promise<RegionRequestView> {
    if (!UUID.test(id)) throw new NotFound('company-region request', id);
    const scope = await this.policies.scope(caller, 'read', 'CompanyRegionRequest', { requesterOrganisationId: 'r.requester_organisation_id' });
    const view = await this.load(this.db.manager, id, scope);
    if (!view) throw new NotFound('company-region request', id);
    const decision = await this.policies.authorizeRecord(caller, 'read', 'CompanyRegionRequest', { requesterOrganisationId: view.requesterOrganisationId }, { id });
    const canAnswer = (await this.policies.abilityFor(caller)).can('answer', 'CompanyRegionRequest', { requesterOrganisationId: view.requesterOrganisationId });
    if (canAnswer && view.status === 'submitted') view.candidates = await this.companiesActiveIn(this.db.manager, view);
    await this.audit.record({
      actor: actorOf(caller),
      action: 'company-region-requests.read',
      object: { type: 'CompanyRegionRequest', id },
      grant: decision.grant ?? undefined,
      details: { status: view.status, companies: view.companies?.length ?? null, candidates: view.candidates?.length ?? null },
    });
    return view;
  }

  /** The secretariat releases the answer (computed now and kept as released) or declines. Audited. */
  async answer(caller: Caller, id: string, input: { decision: 'release' | 'decline'; note?: string }): Promise<RegionRequestView> {
    if (!UUID.test(id)) throw new NotFound('company-region request', id);
    await this.db.transaction(async (m) => {
      const row = await this.requests.lock(m, id);
      if (!row) throw new NotFound('company-region request', id);
      const decision = await this.policies.authorizeRecord(caller, 'answer', 'CompanyRegionRequest', { requesterOrganisationId: row.requester_organisation_id }, { id });
      if (row.status !== 'submitted') throw new InvalidTransition(`This request was already ${row.status}`);
      const companies = input.decision === 'release' ? await this.companiesActiveIn(m, { year: row.year, countries: row.countries, regions: row.regions }) : null;
      await this.requests.decide(m, id, {
        status: input.decision === 'release' ? 'released' : 'declined',
        answerOrganisationIds: companies?.map((c) => c.id) ?? null,
        decidedBy: caller.personId,
        note: input.note ?? null,
      });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: `company-region-requests.${input.decision}`,
        object: { type: 'CompanyRegionRequest', id },
        grant: decision.grant ?? undefined,
        details: { companies: companies?.length ?? null },
      });
    });
    return (await this.load(this.db.manager, id))!;
  }
}
