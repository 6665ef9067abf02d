import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface GrievanceRow {
  organisation_id: string;
  name: string;
  description: string;
  url: string | null;
  contact: string | null;
  updated_at: Date;
}

/** Every query of `grievance_mechanisms` (art. 85). */
@Injectable()
export class GrievanceMechanismsRepository {
  async of(m: EntityManager, organisationId: string): Promise<GrievanceRow | null> {
    const [row] = await m.query<GrievanceRow[]>(
      `SELECT g.*, o.name FROM grievance_mechanisms g JOIN organisations o ON o.id = g.organisation_id WHERE g.organisation_id = $1`,
      [organisationId],
    );
    return row ?? null;
  }

  async organisation(m: EntityManager, id: string): Promise<{ id: string; name: string; kind: string } | null> {
    const [row] = await m.query<Array<{ id: string; name: string; kind: string }>>(`SELECT id, name, kind FROM organisations WHERE id = $1`, [id]);
    return row ?? null;
  }

  async upsert(m: EntityManager, r: { organisationId: string; description: string; url: string | null; contact: string | null; updatedBy: string }): Promise<void> {
    await m.query(
      `INSERT INTO grievance_mechanisms (organisation_id, description, url, contact, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id) DO UPDATE SET description = $2, url = $3, contact = $4, updated_by = $5, updated_at = now()`,
      [r.organisationId, r.description, r.url, r.contact, r.updatedBy],
    );
  }
}
