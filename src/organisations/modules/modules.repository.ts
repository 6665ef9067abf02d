import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrganisationKind } from '../../common/caller.js';

export interface ModuleRow {
  id: string;
  slug: string;
  kind: string;
  name: string;
  starts_on: string;
  ends_on: string | null;
  running: boolean;
}

export interface ParticipationRow {
  module_id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_slug: string;
  organisation_kind: OrganisationKind;
  joined_at: Date;
  left_at: Date | null;
}

const MODULE_SELECT = `
  SELECT id, slug, kind, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
         (starts_on <= agreement_today() AND (ends_on IS NULL OR ends_on >= agreement_today())) AS running
    FROM modules`;

const PARTICIPATION_SELECT = `
  SELECT md.id AS module_id, o.id AS organisation_id, o.name AS organisation_name, o.slug AS organisation_slug, o.kind AS organisation_kind,
         mp.joined_at, mp.left_at
    FROM module_participations mp JOIN modules md ON md.slug = mp.module JOIN organisations o ON o.id = mp.organisation_id`;

/** Every query of the modules and their participation (art. 13 footnote 4, 29-30). */
@Injectable()
export class ModulesRepository {
  async list(m: EntityManager): Promise<ModuleRow[]> {
    return m.query(`${MODULE_SELECT} ORDER BY starts_on, name`);
  }

  async one(m: EntityManager, id: string, lock = false): Promise<ModuleRow | undefined> {
    const [row] = await m.query<ModuleRow[]>(`${MODULE_SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  async slugTaken(m: EntityManager, slug: string): Promise<boolean> {
    const [row] = await m.query<unknown[]>(`SELECT 1 FROM modules WHERE slug = $1`, [slug]);
    return !!row;
  }

  async insert(m: EntityManager, v: { slug: string; kind: string; name: string; startsOn: string; endsOn: string | null; createdBy: string }): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO modules (slug, kind, name, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [v.slug, v.kind, v.name, v.startsOn, v.endsOn, v.createdBy],
    );
    return row.id;
  }

  async participations(m: EntityManager, moduleIds: string[], withHistory: boolean): Promise<ParticipationRow[]> {
    if (moduleIds.length === 0) return [];
    return m.query(
      `${PARTICIPATION_SELECT} WHERE md.id = ANY($1::uuid[])${withHistory ? '' : ' AND mp.left_at IS NULL'}
        ORDER BY mp.left_at IS NOT NULL, o.name, mp.joined_at DESC`,
      [moduleIds],
    );
  }

  async organisation(m: EntityManager, id: string): Promise<{ id: string; kind: OrganisationKind; status: string } | undefined> {
    const [row] = await m.query<Array<{ id: string; kind: OrganisationKind; status: string }>>(`SELECT id, kind, status FROM organisations WHERE id = $1 FOR SHARE`, [id]);
    return row;
  }

  /** Enrols; false when the organisation already takes part (the partial unique index decides). */
  async enrol(m: EntityManager, slug: string, organisationId: string, by: string): Promise<boolean> {
    const rows = await m.query<Array<{ id: string }>>(
      `INSERT INTO module_participations (organisation_id, module, enrolled_by) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id, module) WHERE left_at IS NULL DO NOTHING RETURNING id`,
      [organisationId, slug, by],
    );
    return rows.length === 1;
  }

  /** Ends the current participation; false when there was none. */
  async remove(m: EntityManager, slug: string, organisationId: string, by: string): Promise<boolean> {
    const rows = await m.query<Array<{ id: string }>>(
      `WITH u AS (UPDATE module_participations SET left_at = greatest(now(), joined_at), removed_by = $3
                   WHERE organisation_id = $1 AND module = $2 AND left_at IS NULL RETURNING id) SELECT id FROM u`,
      [organisationId, slug, by],
    );
    return rows.length === 1;
  }
}
