import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Constituency, Language, OrganisationKind, Role } from '../common/caller.js';
import type { AffiliationTarget } from './organisation-rules.js';

/** An organisation with the party it is affiliated to (a local partner's, art. 22), prefixed `a_`. */
export interface OrganisationRow {
  id: string;
  name: string;
  slug: string;
  kind: OrganisationKind;
  constituency: Constituency | null;
  is_party: boolean;
  country: string | null;
  status: string;
  a_id: string | null;
  a_name: string | null;
  a_slug: string | null;
  a_kind: OrganisationKind | null;
}

/** A person with their Kerngroep seat (art. 46-47) and chair (art. 50), if any. */
export interface PersonRow {
  id: string;
  organisation_id: string;
  name: string;
  email: string;
  language: Language;
  roles: Role[];
  is_kerngroep_chair: boolean;
  created_at: Date;
  disabled_at: Date | null;
  has_password: boolean;
  seat_constituency: Constituency | null;
  seat_position: 'fixed' | 'deputy' | null;
}

export interface NewOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  isParty: boolean;
  constituency: Constituency | null;
  affiliatedTo: string | null;
  country: string | null;
}

const ORGANISATION_SELECT = `
  SELECT o.id, o.name, o.slug, o.kind, o.constituency, o.is_party, o.country, o.status,
         a.id AS a_id, a.name AS a_name, a.slug AS a_slug, a.kind AS a_kind
    FROM organisations o LEFT JOIN organisations a ON a.id = o.affiliated_to`;

const PERSON_SELECT = `
  SELECT p.id, p.organisation_id, p.name, p.email, p.language, p.roles, EXISTS (SELECT 1 FROM kerngroep_chair kc WHERE kc.person_id = p.id) AS is_kerngroep_chair, p.created_at, p.disabled_at,
         (p.password_hash IS NOT NULL) AS has_password,
         ks.constituency AS seat_constituency,
         CASE WHEN ks.fixed_person_id = p.id THEN 'fixed' WHEN ks.deputy_person_id = p.id THEN 'deputy' END AS seat_position
    FROM people p LEFT JOIN kerngroep_seats ks ON p.id IN (ks.fixed_person_id, ks.deputy_person_id)`;

/** Every query of `organisations` and `people` (DOMAIN.md "Parties and people"; issue 11: SQL only in repositories). */
@Injectable()
export class OrganisationsRepository {
  /** The kind of an organisation, or null when there is none with this id. */
  async kindOf(m: EntityManager, id: string): Promise<OrganisationKind | null> {
    const [row] = await m.query<Array<{ kind: OrganisationKind }>>(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return row?.kind ?? null;
  }

  /** A company by its slug, or by its id when `ref` is a uuid; null when there is none. */
  async companyByRef(m: EntityManager, ref: string, refIsId: boolean): Promise<{ id: string; slug: string } | null> {
    const [row] = await m.query<Array<{ id: string; slug: string }>>(
      `SELECT id, slug FROM organisations WHERE kind = 'company' AND (slug = $1 OR ($2::boolean AND id::text = $1))`,
      [ref, refIsId],
    );
    return row ?? null;
  }

  /** The organisations taking part (active or withdrawing) inside the caller's policy scope. */
  async takingPart(m: EntityManager, scope: { sql: string; params: unknown[] }): Promise<OrganisationRow[]> {
    return m.query<OrganisationRow[]>(
      `${ORGANISATION_SELECT} WHERE o.status IN ('active', 'withdrawing') AND ${scope.sql} ORDER BY o.kind, o.name, o.id`,
      scope.params,
    );
  }

  async organisation(m: EntityManager, id: string): Promise<OrganisationRow | null> {
    const [row] = await m.query<OrganisationRow[]>(`${ORGANISATION_SELECT} WHERE o.id = $1`, [id]);
    return row ?? null;
  }

  /** What a local partner's affiliation is checked against (art. 22), locked FOR SHARE until the registration commits. */
  async affiliationTarget(m: EntityManager, id: string): Promise<AffiliationTarget | null> {
    const [row] = await m.query<AffiliationTarget[]>(
      `SELECT kind, is_party AS "isParty", constituency, status FROM organisations WHERE id = $1 FOR SHARE`,
      [id],
    );
    return row ?? null;
  }

  async slugTaken(m: EntityManager, slug: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM organisations WHERE slug = $1`, [slug]);
    return rows.length > 0;
  }

  async insert(m: EntityManager, o: NewOrganisation): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO organisations (slug, name, kind, is_party, constituency, affiliated_to, country)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [o.slug, o.name, o.kind, o.isParty, o.constituency, o.affiliatedTo, o.country],
    );
    return row.id;
  }

  /** The organisation's status, locked FOR SHARE (nobody is invited to it while it leaves). */
  async lockStatus(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query<Array<{ status: string }>>(`SELECT status FROM organisations WHERE id = $1 FOR SHARE`, [id]);
    return row.status;
  }

  /** The people of an organisation inside the caller's policy scope (its parameters from $2). */
  async peopleOf(m: EntityManager, organisationId: string, scope: { sql: string; params: unknown[] }): Promise<PersonRow[]> {
    return m.query<PersonRow[]>(`${PERSON_SELECT} WHERE p.organisation_id = $1 AND ${scope.sql} ORDER BY p.name, p.id`, [organisationId, ...scope.params]);
  }

  async person(m: EntityManager, id: string): Promise<PersonRow | null> {
    const [row] = await m.query<PersonRow[]>(`${PERSON_SELECT} WHERE p.id = $1`, [id]);
    return row ?? null;
  }

  async personByEmail(m: EntityManager, email: string): Promise<{ id: string; name: string; language: Language } | null> {
    const [row] = await m.query<Array<{ id: string; name: string; language: Language }>>(`SELECT id, name, language FROM people WHERE email = $1`, [email]);
    return row ?? null;
  }

  async insertPerson(m: EntityManager, p: { organisationId: string; email: string; name: string; language: Language; roles: Role[] }): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO people (organisation_id, email, name, language, roles) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [p.organisationId, p.email, p.name, p.language, p.roles],
    );
    return row.id;
  }

  /** What a new invitation of a person needs, the person locked FOR UPDATE. */
  async lockInvitee(
    m: EntityManager,
    personId: string,
  ): Promise<{ has_password: boolean; disabled_at: Date | null; email: string; name: string; language: Language; organisation_name: string }> {
    const [row] = await m.query<Array<{ has_password: boolean; disabled_at: Date | null; email: string; name: string; language: Language; organisation_name: string }>>(
      `SELECT p.password_hash IS NOT NULL AS has_password, p.disabled_at, p.email, p.name, p.language, o.name AS organisation_name
         FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1 FOR UPDATE OF p`,
      [personId],
    );
    return row;
  }

  /** Stores the language a person reads pages and mail in (in the caller's transaction); the language it had before. */
  async setLanguage(m: EntityManager, personId: string, language: Language): Promise<Language> {
    const [row] = await m.query<Array<{ language: Language }>>(`SELECT language FROM people WHERE id = $1 FOR UPDATE`, [personId]);
    if (row.language !== language) await m.query(`UPDATE people SET language = $2 WHERE id = $1`, [personId, language]);
    return row.language;
  }

  /** Disables a person; false when they already were. */
  async disablePerson(m: EntityManager, personId: string): Promise<boolean> {
    // A CTE, so the driver returns the updated rows (for a bare UPDATE TypeORM returns [rows, rowCount]).
    const updated = await m.query<unknown[]>(
      `WITH u AS (UPDATE people SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL RETURNING id) SELECT id FROM u`,
      [personId],
    );
    return updated.length > 0;
  }

  /** Serialises the operator's first run (one secretariat, art. 55-56) until the transaction ends. */
  async lockFirstRun(m: EntityManager, lockKey: number): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
  }

  async secretariatExists(m: EntityManager): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM organisations WHERE kind = 'secretariat'`);
    return rows.length > 0;
  }

  /** Of these organisations, those still taking part (active or withdrawing), with their names, by name. */
  async takingPartNamed(m: EntityManager, ids: string[]): Promise<Array<{ id: string; name: string }>> {
    return m.query<Array<{ id: string; name: string }>>(
      `SELECT id, name FROM organisations WHERE id = ANY($1::uuid[]) AND status IN ('active', 'withdrawing') ORDER BY name`,
      [ids],
    );
  }
}
