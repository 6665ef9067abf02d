import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
import { GrievanceMechanismsRepository } from './grievance-mechanisms.repository.js';
import { isCompany } from '../organisations/organisation-rules.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GrievanceMechanism {
  organisation: { id: string; name: string };
  description: string;
  url: string | null;
  contact: string | null;
  updatedAt: string;
}

/** Art. 86: where a complaint about an alleged violation of the OECD guidelines can also go. */
export const NATIONAL_CONTACT_POINT = {
  name: 'Nationaal Contactpunt OESO-richtlijnen (NCP Nederland)',
  url: 'https://www.oesorichtlijnen.nl',
  article: '86',
} as const;

/**
 * The grievance mechanism each participating company opens to third parties (art. 85), recorded in its profile:
 * every party sees it, the company's administrators (and the secretariat) keep it (policies/grievance-mechanisms.yaml).
 */
@Injectable()
export class GrievanceMechanismsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: GrievanceMechanismsRepository,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
  ) {}

  /** The company's mechanism, or null when it recorded none; used by the complaint admissibility (art. 83-85). */
  async of(m: EntityManager, organisationId: string): Promise<GrievanceMechanism | null> {
    const row = await this.repo.of(m, organisationId);
    return row
      ? { organisation: { id: row.organisation_id, name: row.name }, description: row.description, url: row.url, contact: row.contact, updatedAt: new Date(row.updated_at).toISOString() }
      : null;
  }

  /** GET /api/v1/organisations/:id/grievance-mechanism */
  async read(caller: Caller, organisationId: string): Promise<GrievanceMechanism & { nationalContactPoint: typeof NATIONAL_CONTACT_POINT } | { organisation: { id: string; name: string }; description: null; nationalContactPoint: typeof NATIONAL_CONTACT_POINT }> {
    const org = await this.company(organisationId);
    await this.policies.authorizeRecord(caller, 'read', 'GrievanceMechanism', { organisationId: org.id }, { id: organisationId });
    const found = await this.of(this.db.manager, org.id);
    return found ? { ...found, nationalContactPoint: NATIONAL_CONTACT_POINT } : { organisation: org, description: null, nationalContactPoint: NATIONAL_CONTACT_POINT };
  }

  /** PUT /api/v1/organisations/:id/grievance-mechanism {description, url?, contact?} */
  async update(caller: Caller, organisationId: string, input: { description: string; url?: string; contact?: string }): Promise<GrievanceMechanism> {
    const org = await this.company(organisationId);
    await this.policies.authorizeRecord(caller, 'update', 'GrievanceMechanism', { organisationId: org.id }, { id: organisationId });
    await this.db.transaction(async (m) => {
      await this.repo.upsert(m, { organisationId: org.id, description: input.description.trim(), url: input.url ?? null, contact: input.contact?.trim() || null, updatedBy: caller.personId });
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'grievance-mechanisms.update', object: { type: 'Organisation', id: org.id } });
    });
    return (await this.of(this.db.manager, org.id))!;
  }

  private async company(id: string): Promise<{ id: string; name: string }> {
    const org = UUID.test(id) ? await this.repo.organisation(this.db.manager, id) : null;
    // Only a company has a grievance mechanism (art. 85, `isCompany`); for any other organisation there is none to find,
    // and the answer is the same 404 as for an unknown id, so it does not tell that a local partner exists (art. 23, issue 11).
    if (!org || !isCompany(org)) throw new NotFound('organisation', id);
    return { id: org.id, name: org.name };
  }
}
