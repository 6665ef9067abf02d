import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { InvalidInput, NotFound } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
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
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
  ) {}

  async list(q: { country?: string; material?: string }): Promise<CsoExpertiseView[]> {
    const rows = await this.db.query(
      `SELECT e.id, e.organisation_id, o.name, o.kind, e.country, e.region, e.raw_materials, e.description, e.updated_at
         FROM cso_expertise e JOIN organisations o ON o.id = e.organisation_id
        WHERE ($1::text IS NULL OR e.country = $1) AND ($2::text IS NULL OR lower($2) = ANY(e.raw_materials))
        ORDER BY e.country, e.region NULLS FIRST, o.name, e.id`,
      [q.country ?? null, q.material ?? null],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      organisationId: r.organisation_id as string,
      organisationName: r.name as string,
      organisationKind: r.kind as string,
      country: (r.country as string).trim(),
      region: (r.region as string | null) ?? null,
      rawMaterials: r.raw_materials as string[],
      description: r.description as string,
      updatedAt: new Date(r.updated_at as string).toISOString(),
    }));
  }

  /** Replaces an organisation's entries (its own for a CSO; any CSO's for the secretariat). Audited. */
  async replace(caller: Caller, organisationId: string, entries: CsoExpertiseInput[]): Promise<CsoExpertiseView[]> {
    if (!UUID.test(organisationId)) throw new NotFound('organisation', organisationId);
    await this.policies.authorizeRecord(caller, 'update', 'CsoExpertise', { organisationId }, { visibleAs: 'update', id: organisationId });
    const [org] = await this.db.query(`SELECT id, kind FROM organisations WHERE id = $1`, [organisationId]);
    if (!org) throw new NotFound('organisation', organisationId);
    if (!['ngo', 'union'].includes(org.kind)) {
      throw new InvalidInput('Only NGOs and unions have an entry in the overview', [{ field: 'organisationId', problem: 'is not an NGO or union' }]);
    }
    const problems = entries.flatMap((e, i) => (isCountryCode(e.country) ? [] : [{ field: `entries.${i}.country`, problem: 'is not an ISO 3166-1 alpha-2 country code' }]));
    if (problems.length) throw new InvalidInput('Unknown countries', problems);
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM cso_expertise WHERE organisation_id = $1`, [organisationId]);
      if (entries.length) {
        await m.query(
          `INSERT INTO cso_expertise (organisation_id, country, region, raw_materials, description)
           SELECT $1, u.country, u.region, string_to_array(u.materials, $2), u.description
             FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS u(country, region, materials, description)`,
          [
            organisationId, '\u001f',
            entries.map((e) => e.country),
            entries.map((e) => e.region?.trim() || null),
            entries.map((e) => [...new Set(e.rawMaterials.map((x) => x.trim().toLowerCase()).filter(Boolean))].join('\u001f')),
            entries.map((e) => e.description.trim()),
          ],
        );
      }
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
