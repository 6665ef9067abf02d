import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { InvalidInput, NotFound } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
import { CsoExpertiseRepository } from './cso-expertise.repository.js';
import { isCountryCode } from './upload-format.js';

export interface CsoExpertiseView {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  country: string;
  region: string | null;
  rawMaterials: string[];
  description: string;
  updatedAt: string;
}

export interface CsoExpertiseInput {
  country: string;
  region?: string | null;
  rawMaterials: string[];
  description: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The overview of CSO expertise (art. 22, first sentence): the regions and raw materials where NGOs and unions
 * have a network. The CSOs keep their own entries; the secretariat may edit any; every party reads it.
 */
@Injectable()
export class CsoExpertiseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CsoExpertiseRepository,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
  ) {}

  async list(q: { country?: string; material?: string }): Promise<CsoExpertiseView[]> {
    const rows = await this.repo.list({ country: q.country ?? null, material: q.material ?? null });
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.name,
      organisationKind: r.kind,
      country: r.country.trim(),
      region: r.region ?? null,
      rawMaterials: r.raw_materials,
      description: r.description,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /** Replaces an organisation's entries (its own for a CSO; any CSO's for the secretariat). Audited. */
  async replace(caller: Caller, organisationId: string, entries: CsoExpertiseInput[]): Promise<CsoExpertiseView[]> {
    if (!UUID.test(organisationId)) throw new NotFound('organisation', organisationId);
    await this.policies.authorizeRecord(caller, 'update', 'CsoExpertise', { organisationId }, { visibleAs: 'update', id: organisationId });
    const org = await this.repo.organisation(organisationId);
    if (!org) throw new NotFound('organisation', organisationId);
    if (!['ngo', 'union'].includes(org.kind)) {
      throw new InvalidInput('Only NGOs and unions have an entry in the overview', [{ field: 'organisationId', problem: 'is not an NGO or union' }]);
    }
    const problems = entries.flatMap((e, i) => (isCountryCode(e.country) ? [] : [{ field: `entries.${i}.country`, problem: 'is not an ISO 3166-1 alpha-2 country code' }]));
    if (problems.length) throw new InvalidInput('Unknown countries', problems);
    await this.db.transaction(async (m) => {
      await this.repo.replace(
        m,
        organisationId,
        entries.map((e) => ({
          country: e.country,
          region: e.region?.trim() || null,
          rawMaterials: [...new Set(e.rawMaterials.map((x) => x.trim().toLowerCase()).filter(Boolean))],
          description: e.description.trim(),
        })),
      );
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'cso-expertise.update',
        object: { type: 'Organisation', id: organisationId },
        details: { entries: entries.length },
      });
    });
    return (await this.list({})).filter((e) => e.organisationId === organisationId);
  }
}
