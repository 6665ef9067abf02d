import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface RegionRequestRow {
  id: string;
  requester_organisation_id: string;
  requester_name: string;
  requested_by: string;
  year: number;
  countries: string[];
  regions: string[];
  purpose: string | null;
  status: 'submitted' | 'released' | 'declined';
  answer_organisation_ids: string[] | null;
  nda_signature_id: string | null;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decision_note: string | null;
}

const SELECT = `SELECT r.*, o.name AS requester_name FROM company_region_requests r JOIN organisations o ON o.id = r.requester_organisation_id`;

/** Every query of `company_region_requests` (art. 21), and which companies are active in a region. */
@Injectable()
export class CompanyRegionRequestsRepository {
  /**
   * Companies taking part, not crypto-shredded, with a current entry for the year in one of the countries or one
   * of the regions (case-insensitive); an entry under a `hidden` restriction never counts, one restricted to
   * country level counts by its country only (art. 23-24). By name.
   */
  async companiesActiveIn(m: EntityManager, q: { year: number; countries: string[]; regions: string[] }): Promise<Array<{ id: string; name: string }>> {
    return m.query<Array<{ id: string; name: string }>>(
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

  async insert(
    m: EntityManager,
    r: { requesterOrganisationId: string; requestedBy: string; year: number; countries: string[]; regions: string[]; purpose: string | null; ndaSignatureId: string | null },
  ): Promise<string> {
    const [{ id }] = await m.query<Array<{ id: string }>>(
      `INSERT INTO company_region_requests (requester_organisation_id, requested_by, year, countries, regions, purpose, nda_signature_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [r.requesterOrganisationId, r.requestedBy, r.year, r.countries, r.regions, r.purpose, r.ndaSignatureId],
    );
    return id;
  }

  /** One request, inside the caller's policy scope when given. */
  async byId(m: EntityManager, id: string, scope?: { sql: string; params: unknown[] }): Promise<RegionRequestRow | null> {
    const p = scope?.params.length ?? 0;
    const [row] = await m.query<RegionRequestRow[]>(`${SELECT} WHERE ${scope?.sql ?? 'TRUE'} AND r.id = $${p + 1}`, [...(scope?.params ?? []), id]);
    return row ?? null;
  }

  /** The requests inside the caller's policy scope, newest first. */
  async list(m: EntityManager, scope: { sql: string; params: unknown[] }): Promise<RegionRequestRow[]> {
    return m.query<RegionRequestRow[]>(`${SELECT} WHERE ${scope.sql} ORDER BY r.created_at DESC`, scope.params);
  }

  /** The request without its requester's name, locked FOR UPDATE (to answer it). */
  async lock(m: EntityManager, id: string): Promise<Omit<RegionRequestRow, 'requester_name'> | null> {
    const [row] = await m.query<Array<Omit<RegionRequestRow, 'requester_name'>>>(`SELECT * FROM company_region_requests WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async decide(
    m: EntityManager,
    id: string,
    d: { status: 'released' | 'declined'; answerOrganisationIds: string[] | null; decidedBy: string; note: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE company_region_requests SET status = $2, answer_organisation_ids = $3, decided_by = $4, decided_at = now(), decision_note = $5
        WHERE id = $1`,
      [id, d.status, d.answerOrganisationIds, d.decidedBy, d.note],
    );
  }
}
