import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { InvalidInput, InvalidTransition, NotFound } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
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
const SELECT = `SELECT r.*, o.name AS requester_name FROM company_region_requests r JOIN organisations o ON o.id = r.requester_organisation_id`;

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
  ) {}

  async companiesActiveIn(
    m: EntityManager,
    q: { year: number; countries: string[]; regions: string[] },
  ): Promise<Array<{ id: string; name: string }>> {
    return m.query(
      `SELECT o.id, o.name FROM organisations o
        WHERE o.kind = 'company' AND o.status IN ('active', 'withdrawing')
          AND NOT EXISTS (SELECT 1 FROM crypto_shredded_companies s WHERE s.organisation_id = o.id)
          AND EXISTS (SELECT 1 FROM production_locations pl
                       WHERE pl.organisation_id = o.id AND pl.is_current AND pl.year = $1 AND pl.restriction_level <> 'hidden'
                         AND (pl.country = ANY($2::text[])
                              OR (pl.restriction_level <> 'country' AND lower(pl.region) = ANY($3::text[]))))
        ORDER BY o.name`,
      [q.year, q.countries, q.regions.map((r) => r.toLowerCase())],
    );
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
      const [{ id }] = await m.query(
        `INSERT INTO company_region_requests (requester_organisation_id, requested_by, year, countries, regions, purpose, nda_signature_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [caller.organisation.id, caller.personId, input.year ?? new Date().getUTCFullYear(), countries, regions, input.purpose ?? null,
          decision.grant?.type === 'nda' ? decision.grant.id : null],
      );
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'company-region-requests.create',
        object: { type: 'CompanyRegionRequest', id },
        grant: decision.grant ?? undefined,
        details: { countries, regions, year: input.year ?? new Date().getUTCFullYear() },
      });
      return id as string;
    });
    return (await this.load(this.db.manager, id))!;
  }

  private async load(m: EntityManager, id: string, scope?: { sql: string; params: unknown[] }): Promise<RegionRequestView | null> {
    const p = scope?.params.length ?? 0;
    const [row] = await m.query(`${SELECT} WHERE ${scope?.sql ?? 'TRUE'} AND r.id = $${p + 1}`, [...(scope?.params ?? []), id]);
    return row ? await this.toView(m, row) : null;
  }

  private async toView(m: EntityManager, r: Record<string, unknown>): Promise<RegionRequestView> {
    const ids = (r.answer_organisation_ids as string[] | null) ?? null;
    const companies = ids === null ? null : await m.query(
      // art. 73-77: an answer never names an organisation that is no longer a party, even one released before it left
      `SELECT id, name FROM organisations WHERE id = ANY($1::uuid[]) AND status IN ('active', 'withdrawing') ORDER BY name`,
      [ids],
    );
    return {
      id: r.id as string,
      requesterOrganisationId: r.requester_organisation_id as string,
      requesterName: r.requester_name as string,
      year: r.year as number,
      countries: r.countries as string[],
      regions: r.regions as string[],
      purpose: (r.purpose as string | null) ?? null,
      status: r.status as RegionRequestView['status'],
      createdAt: new Date(r.created_at as string).toISOString(),
      decidedAt: r.decided_at ? new Date(r.decided_at as string).toISOString() : null,
      decisionNote: (r.decision_note as string | null) ?? null,
      companies: r.status === 'released' ? companies : null,
    };
  }

  /** The caller's requests (a CSO: its own; the secretariat: all), without the answers. */
  async list(caller: Caller): Promise<Array<Omit<RegionRequestView, 'companies'>>> {
    const scope = await this.policies.scope(caller, 'list', 'CompanyRegionRequest', { requesterOrganisationId: 'r.requester_organisation_id' });
    const rows = await this.db.query(`${SELECT} WHERE ${scope.sql} ORDER BY r.created_at DESC`, scope.params);
    const views = await Promise.all(rows.map((r: Record<string, unknown>) => this.toView(this.db.manager, { ...r, answer_organisation_ids: null })));
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
      const [row] = await m.query(`SELECT * FROM company_region_requests WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw new NotFound('company-region request', id);
      const decision = await this.policies.authorizeRecord(caller, 'answer', 'CompanyRegionRequest', { requesterOrganisationId: row.requester_organisation_id }, { id });
      if (row.status !== 'submitted') throw new InvalidTransition(`This request was already ${row.status}`);
      const companies = input.decision === 'release' ? await this.companiesActiveIn(m, { year: row.year, countries: row.countries, regions: row.regions }) : null;
      await m.query(
        `UPDATE company_region_requests SET status = $2, answer_organisation_ids = $3, decided_by = $4, decided_at = now(), decision_note = $5
          WHERE id = $1`,
        [id, input.decision === 'release' ? 'released' : 'declined', companies?.map((c) => c.id) ?? null, caller.personId, input.note ?? null],
      );
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
