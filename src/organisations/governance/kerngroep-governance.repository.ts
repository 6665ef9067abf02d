import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Constituency, Language, OrganisationKind } from '../../common/caller.js';

export interface SeatTermRow {
  id: string;
  constituency: Constituency;
  effective_from: string;
  decision: string;
  open_votes: 'keep' | 'transfer';
  recorded_at: Date;
  recorded_by: string | null;
  organisation_id: string;
  organisation_name: string;
  organisation_slug: string;
  fixed_person_id: string;
  fixed_name: string;
  deputy_person_id: string;
  deputy_name: string;
  in_force: boolean;
}

export interface ChairTermRow {
  id: string;
  person_id: string;
  person_name: string;
  organisation_id: string;
  organisation_name: string;
  organisation_slug: string;
  effective_from: string;
  ser_proposal: string;
  kerngroep_decision: string;
  recorded_at: Date;
  recorded_by: string | null;
  in_force: boolean;
}

export interface MailTarget {
  id: string;
  email: string;
  name: string;
  language: Language;
}

/** A seat in force with its organisation (`s_`) and holders (`f_` fixed, `d_` deputy), each with their organisation. */
export interface SeatWithHoldersRow {
  constituency: Constituency;
  effective_from: string | null;
  s_org_id: string | null;
  s_org_name: string | null;
  s_org_slug: string | null;
  f_id: string | null;
  f_name: string | null;
  f_org_id: string | null;
  f_org_name: string | null;
  f_org_slug: string | null;
  d_id: string | null;
  d_name: string | null;
  d_org_id: string | null;
  d_org_name: string | null;
  d_org_slug: string | null;
}

export interface ChairWithOrganisationRow {
  c_id: string;
  c_name: string;
  c_org_id: string;
  c_org_name: string;
  c_org_slug: string;
}

/** An organisation as the seat rules see it (art. 46). */
export interface SeatOrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  isParty: boolean;
  constituency: Constituency | null;
  status: string;
}

/** A person as the seat and chair rules see them (art. 47, 50). */
export interface SeatPersonRow {
  id: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  disabled: boolean;
}

const SEAT_TERM_SELECT = `
  SELECT t.id, t.constituency, to_char(t.effective_from, 'YYYY-MM-DD') AS effective_from, t.decision, t.open_votes, t.recorded_at, t.recorded_by,
         o.id AS organisation_id, o.name AS organisation_name, o.slug AS organisation_slug,
         f.id AS fixed_person_id, f.name AS fixed_name, d.id AS deputy_person_id, d.name AS deputy_name,
         (t.id IN (SELECT term_id FROM kerngroep_seats WHERE term_id IS NOT NULL)) AS in_force
    FROM kerngroep_seat_terms t
    JOIN organisations o ON o.id = t.organisation_id
    JOIN people f ON f.id = t.fixed_person_id
    JOIN people d ON d.id = t.deputy_person_id`;

const CHAIR_TERM_SELECT = `
  SELECT t.id, p.id AS person_id, p.name AS person_name, o.id AS organisation_id, o.name AS organisation_name, o.slug AS organisation_slug,
         to_char(t.effective_from, 'YYYY-MM-DD') AS effective_from, t.ser_proposal, t.kerngroep_decision, t.recorded_at, t.recorded_by,
         (t.id IN (SELECT term_id FROM kerngroep_chair)) AS in_force
    FROM kerngroep_chair_terms t JOIN people p ON p.id = t.person_id JOIN organisations o ON o.id = p.organisation_id`;

/** Every query of the Kerngroep's seat and chair history (art. 46-47, 50, 54). */
@Injectable()
export class KerngroepGovernanceRepository {
  async today(m: EntityManager): Promise<string> {
    const [row] = await m.query<Array<{ today: string }>>(`SELECT to_char(agreement_today(), 'YYYY-MM-DD') AS today`);
    return row.today;
  }

  /** Serialises changes to the seats and the chair, so two secretariat staff cannot record past each other. */
  async lock(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(727013)`);
  }

  async organisation(m: EntityManager, id: string): Promise<SeatOrganisationRow | undefined> {
    const [row] = await m.query<SeatOrganisationRow[]>(
      `SELECT id, name, kind, is_party AS "isParty", constituency, status FROM organisations WHERE id = $1 FOR SHARE`,
      [id],
    );
    return row;
  }

  async person(m: EntityManager, id: string): Promise<SeatPersonRow | undefined> {
    const [row] = await m.query<SeatPersonRow[]>(
      `SELECT p.id, p.organisation_id AS "organisationId", o.kind AS "organisationKind", (p.disabled_at IS NOT NULL) AS disabled
         FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1 FOR SHARE OF p`,
      [id],
    );
    return row;
  }

  async latestSeatTermFrom(m: EntityManager, constituency: Constituency): Promise<string | null> {
    const [row] = await m.query<Array<{ d: string | null }>>(
      `SELECT to_char(max(effective_from), 'YYYY-MM-DD') AS d FROM kerngroep_seat_terms WHERE constituency = $1`,
      [constituency],
    );
    return row.d ?? null;
  }

  async latestChairTermFrom(m: EntityManager): Promise<string | null> {
    const [row] = await m.query<Array<{ d: string | null }>>(`SELECT to_char(max(effective_from), 'YYYY-MM-DD') AS d FROM kerngroep_chair_terms`);
    return row.d ?? null;
  }

  /** The current holders of a seat (the term in force today), or null. */
  async seatInForce(m: EntityManager, constituency: Constituency): Promise<{ fixedPersonId: string; deputyPersonId: string } | null> {
    const [row] = await m.query<Array<{ fixedPersonId: string; deputyPersonId: string }>>(
      `SELECT fixed_person_id AS "fixedPersonId", deputy_person_id AS "deputyPersonId" FROM kerngroep_seats WHERE constituency = $1 AND term_id IS NOT NULL`,
      [constituency],
    );
    return row ?? null;
  }

  async holdsSeat(m: EntityManager, personId: string): Promise<boolean> {
    const [row] = await m.query<unknown[]>(`SELECT 1 FROM kerngroep_seats WHERE $1 IN (fixed_person_id, deputy_person_id)`, [personId]);
    return !!row;
  }

  async chairInForce(m: EntityManager): Promise<string | null> {
    const [row] = await m.query<Array<{ person_id: string } | undefined>>(`SELECT person_id FROM kerngroep_chair`);
    return row?.person_id ?? null;
  }

  async insertSeatTerm(
    m: EntityManager,
    t: { constituency: Constituency; organisationId: string; fixedPersonId: string; deputyPersonId: string; effectiveFrom: string; decision: string; openVotes: string; recordedBy: string },
  ): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO kerngroep_seat_terms (constituency, organisation_id, fixed_person_id, deputy_person_id, effective_from, decision, open_votes, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [t.constituency, t.organisationId, t.fixedPersonId, t.deputyPersonId, t.effectiveFrom, t.decision, t.openVotes, t.recordedBy],
    );
    return row.id;
  }

  /**
   * Art. 49 with "unless the change says otherwise": the open Kerngroep votes on which this seat has not voted yet
   * move to the new holders. Returns the rulings that moved.
   */
  async transferOpenVotes(m: EntityManager, constituency: Constituency, holders: { organisationId: string; fixedPersonId: string; deputyPersonId: string }): Promise<string[]> {
    const rows = await m.query<Array<{ ruling_id: string }>>(
      `WITH u AS (
         UPDATE ruling_seats rs SET organisation_id = $2, fixed_person_id = $3, deputy_person_id = $4, is_fixed_absent = false
           FROM rulings r
          WHERE r.id = rs.ruling_id AND r.stage = 'kerngroep' AND rs.constituency = $1
            AND NOT EXISTS (SELECT 1 FROM ruling_votes v WHERE v.ruling_id = rs.ruling_id AND v.stage = 'kerngroep' AND v.seat = $1)
         RETURNING rs.ruling_id)
       SELECT ruling_id FROM u`,
      [constituency, holders.organisationId, holders.fixedPersonId, holders.deputyPersonId],
    );
    return rows.map((r) => r.ruling_id);
  }

  async insertChairTerm(m: EntityManager, t: { personId: string; effectiveFrom: string; serProposal: string; kerngroepDecision: string; recordedBy: string }): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO kerngroep_chair_terms (person_id, effective_from, ser_proposal, kerngroep_decision, recorded_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [t.personId, t.effectiveFrom, t.serProposal, t.kerngroepDecision, t.recordedBy],
    );
    return row.id;
  }

  async seatTerm(m: EntityManager, id: string): Promise<SeatTermRow> {
    const [row] = await m.query<SeatTermRow[]>(`${SEAT_TERM_SELECT} WHERE t.id = $1`, [id]);
    return row;
  }

  async chairTerm(m: EntityManager, id: string): Promise<ChairTermRow> {
    const [row] = await m.query<ChairTermRow[]>(`${CHAIR_TERM_SELECT} WHERE t.id = $1`, [id]);
    return row;
  }

  async seatHistory(m: EntityManager): Promise<SeatTermRow[]> {
    return m.query(
      `${SEAT_TERM_SELECT}
        ORDER BY array_position(ARRAY['unions','ngos','branch_orgs','companies']::constituency[], t.constituency), t.effective_from DESC, t.recorded_at DESC`,
    );
  }

  async chairHistory(m: EntityManager): Promise<ChairTermRow[]> {
    return m.query(`${CHAIR_TERM_SELECT} ORDER BY t.effective_from DESC, t.recorded_at DESC`);
  }

  async mailTargets(m: EntityManager, personIds: string[]): Promise<MailTarget[]> {
    if (personIds.length === 0) return [];
    return m.query(
      `SELECT id, email, name, language FROM people WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL ORDER BY email`,
      [personIds],
    );
  }

  /** The four seats in force (art. 46) with their organisation and their fixed and deputy holders (art. 47), disabled holders left out. */
  async seatsWithHolders(m: EntityManager): Promise<SeatWithHoldersRow[]> {
    return m.query<SeatWithHoldersRow[]>(
      `SELECT ks.constituency, to_char(ks.effective_from, 'YYYY-MM-DD') AS effective_from,
              so.id AS s_org_id, so.name AS s_org_name, so.slug AS s_org_slug,
              f.id AS f_id, f.name AS f_name, fo.id AS f_org_id, fo.name AS f_org_name, fo.slug AS f_org_slug,
              d.id AS d_id, d.name AS d_name, do_.id AS d_org_id, do_.name AS d_org_name, do_.slug AS d_org_slug
         FROM kerngroep_seats ks
         LEFT JOIN organisations so ON so.id = ks.organisation_id
         LEFT JOIN people f ON f.id = ks.fixed_person_id AND f.disabled_at IS NULL
         LEFT JOIN organisations fo ON fo.id = f.organisation_id
         LEFT JOIN people d ON d.id = ks.deputy_person_id AND d.disabled_at IS NULL
         LEFT JOIN organisations do_ ON do_.id = d.organisation_id
        ORDER BY array_position(ARRAY['unions', 'ngos', 'branch_orgs', 'companies']::constituency[], ks.constituency)`,
    );
  }

  /** The chair in office (art. 50) with their organisation, unless disabled. */
  async chairWithOrganisation(m: EntityManager): Promise<ChairWithOrganisationRow | null> {
    const [row] = await m.query<ChairWithOrganisationRow[]>(
      `SELECT p.id AS c_id, p.name AS c_name, o.id AS c_org_id, o.name AS c_org_name, o.slug AS c_org_slug
         FROM kerngroep_chair kc JOIN people p ON p.id = kc.person_id JOIN organisations o ON o.id = p.organisation_id
        WHERE p.disabled_at IS NULL`,
    );
    return row ?? null;
  }

  /**
   * The Kerngroep's seat holders, fixed and deputy (art. 46-47), its chair (art. 50) and the secretariat's staff
   * (art. 55), of organisations taking part, once per address, unless disabled.
   */
  async membersAndStaff(m: EntityManager): Promise<Array<{ email: string; language: Language }>> {
    return m.query<Array<{ email: string; language: Language }>>(
      `SELECT DISTINCT p.email, p.language FROM people p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.disabled_at IS NULL AND o.status IN ('active', 'withdrawing')
          AND (p.id IN (SELECT person_id FROM kerngroep_chair)
               OR p.id IN (SELECT fixed_person_id FROM kerngroep_seats UNION SELECT deputy_person_id FROM kerngroep_seats)
               OR (o.kind = 'secretariat' AND 'secretariat_staff' = ANY(p.roles)))
        ORDER BY p.email`,
    );
  }
}
