import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface CsoExpertiseRow {
  id: string;
  organisation_id: string;
  name: string;
  kind: string;
  country: string;
  region: string | null;
  raw_materials: string[];
  description: string;
  updated_at: Date;
}

/** Every query of the `cso_expertise` table (art. 22, the overview of CSO networks). */
@Injectable()
export class CsoExpertiseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(q: { country: string | null; material: string | null }): Promise<CsoExpertiseRow[]> {
    return this.db.query(
      `SELECT e.id, e.organisation_id, o.name, o.kind, e.country, e.region, e.raw_materials, e.description, e.updated_at
         FROM cso_expertise e JOIN organisations o ON o.id = e.organisation_id
        WHERE ($1::text IS NULL OR e.country = $1) AND ($2::text IS NULL OR lower($2) = ANY(e.raw_materials))
        ORDER BY e.country, e.region NULLS FIRST, o.name, e.id`,
      [q.country, q.material],
    );
  }

  /** The organisation whose entries these are, with its kind (only NGOs and unions keep entries). */
  async organisation(id: string): Promise<{ id: string; kind: string } | undefined> {
    const [org] = await this.db.query<Array<{ id: string; kind: string }>>(`SELECT id, kind FROM organisations WHERE id = $1`, [id]);
    return org;
  }

  /** Replaces the organisation's entries (materials trimmed, lower case, without duplicates), in the caller's transaction. */
  async replace(m: EntityManager, organisationId: string, entries: Array<{ country: string; region: string | null; rawMaterials: string[]; description: string }>): Promise<void> {
    await m.query(`DELETE FROM cso_expertise WHERE organisation_id = $1`, [organisationId]);
    if (!entries.length) return;
    await m.query(
      `INSERT INTO cso_expertise (organisation_id, country, region, raw_materials, description)
       SELECT $1, u.country, u.region, string_to_array(u.materials, $2), u.description
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS u(country, region, materials, description)`,
      [organisationId, '\u001f', entries.map((e) => e.country), entries.map((e) => e.region), entries.map((e) => e.rawMaterials.join('\u001f')), entries.map((e) => e.description)],
    );
  }
}
