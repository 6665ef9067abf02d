import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Constituency, Language, OrganisationKind } from '../common/caller.js';

export interface AccessionRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  country: string | null;
  contact_name: string;
  contact_email: string;
  contact_language: Language;
  motivation: string | null;
  has_pdf: boolean;
  status: 'received' | 'informed' | 'approved' | 'rejected';
  received_via: 'public-form' | 'secretariat';
  received_at: Date;
  informed_at: Date | null;
  case_id: string | null;
  organisation_id: string | null;
  questions: number;
}

export interface AccessionQuestionRow {
  id: string;
  organisation_name: string;
  question: string;
  asked_at: Date;
}

/** Rows of a statement asked only whether it found any. */
type Found = unknown[];

const SELECT = `
  SELECT a.id, a.name, a.kind, a.country, a.contact_name, a.contact_email, a.contact_language, a.motivation,
         (a.motivation_pdf IS NOT NULL) AS has_pdf, a.status, a.received_via, a.received_at, a.informed_at, a.case_id,
         a.organisation_id, (SELECT count(*)::int FROM accession_questions q WHERE q.request_id = a.id) AS questions
    FROM accession_requests a`;

/** Every query of the accession tables (art. 70-72) and the registration an approval makes. */
@Injectable()
export class AccessionRepository {
  async insert(
    m: EntityManager,
    r: { name: string; kind: string; country: string | null; contactName: string; contactEmail: string; language: Language; motivation: string | null; pdf: Buffer | null; via: 'public-form' | 'secretariat' },
  ): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO accession_requests (name, kind, country, contact_name, contact_email, contact_language, motivation, motivation_pdf, received_via)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [r.name, r.kind, r.country, r.contactName, r.contactEmail, r.language, r.motivation, r.pdf, r.via],
    );
    return row.id;
  }

  async find(m: EntityManager, id: string, lock = false): Promise<AccessionRow | null> {
    if (lock) await m.query(`SELECT 1 FROM accession_requests WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await m.query<AccessionRow[]>(`${SELECT} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  async byCase(m: EntityManager, caseId: string): Promise<AccessionRow | null> {
    const [row] = await m.query<AccessionRow[]>(`${SELECT} WHERE a.case_id = $1`, [caseId]);
    return row ?? null;
  }

  /** The requests `where` (the caller's policy condition over `a.status`, `PoliciesService.scope`) lets through, newest first. */
  async list(m: EntityManager, where: { sql: string; params: unknown[] }): Promise<AccessionRow[]> {
    return m.query<AccessionRow[]>(`${SELECT} WHERE ${where.sql} ORDER BY a.received_at DESC`, where.params);
  }

  async pdf(m: EntityManager, id: string): Promise<Buffer | null> {
    const [row] = await m.query<Array<{ motivation_pdf: Buffer | null }>>(`SELECT motivation_pdf FROM accession_requests WHERE id = $1`, [id]);
    return row?.motivation_pdf ?? null;
  }

  async markInformed(m: EntityManager, id: string, caseId: string): Promise<void> {
    await m.query(`UPDATE accession_requests SET status = 'informed', informed_at = now(), case_id = $2 WHERE id = $1`, [id, caseId]);
  }

  async markDecided(m: EntityManager, id: string, status: 'approved' | 'rejected', organisationId: string | null): Promise<void> {
    await m.query(`UPDATE accession_requests SET status = $2, organisation_id = $3 WHERE id = $1`, [id, status, organisationId]);
  }

  async insertQuestion(m: EntityManager, q: { requestId: string; organisationId: string; personId: string; question: string }): Promise<number> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO accession_questions (request_id, organisation_id, person_id, question) VALUES ($1, $2, $3, $4) RETURNING id`,
      [q.requestId, q.organisationId, q.personId, q.question],
    );
    return Number(row.id);
  }

  async questions(m: EntityManager, requestId: string): Promise<AccessionQuestionRow[]> {
    return m.query<AccessionQuestionRow[]>(
      `SELECT q.id, o.name AS organisation_name, q.question, q.asked_at FROM accession_questions q JOIN organisations o ON o.id = q.organisation_id
        WHERE q.request_id = $1 ORDER BY q.id`,
      [requestId],
    );
  }

  /** Art. 69: accession is for organisations that do not take part yet (same name or slug, or an open request). */
  async existingMember(m: EntityManager, name: string, slug: string): Promise<boolean> {
    const rows = await m.query<Found>(
      `SELECT 1 FROM organisations WHERE (lower(name) = lower($1) OR slug = $2) AND status IN ('active', 'withdrawing')
       UNION ALL SELECT 1 FROM accession_requests WHERE lower(name) = lower($1) AND status IN ('received', 'informed')`,
      [name, slug],
    );
    return rows.length > 0;
  }

  async memberNamed(m: EntityManager, name: string): Promise<boolean> {
    return (await m.query<Found>(`SELECT 1 FROM organisations WHERE lower(name) = lower($1) AND status IN ('active', 'withdrawing')`, [name])).length > 0;
  }

  async emailTaken(m: EntityManager, email: string): Promise<boolean> {
    return (await m.query<Found>(`SELECT 1 FROM people WHERE email = $1`, [email])).length > 0;
  }

  async slugTaken(m: EntityManager, slug: string): Promise<boolean> {
    return (await m.query<Found>(`SELECT 1 FROM organisations WHERE slug = $1`, [slug])).length > 0;
  }

  /** Registers the organisation whose accession the Kerngroep approved, with its signing date (art. 72). */
  async registerOrganisation(m: EntityManager, o: { slug: string; name: string; kind: string; isParty: boolean; constituency: Constituency | null; country: string | null }): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO organisations (slug, name, kind, is_party, constituency, country, joined_at) VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id`,
      [o.slug, o.name, o.kind, o.isParty, o.constituency, o.country],
    );
    return row.id;
  }

  async insertFirstPerson(m: EntityManager, p: { organisationId: string; email: string; name: string; language: Language }): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO people (organisation_id, email, name, language, roles) VALUES ($1, $2, $3, $4, '{member,org_admin}') RETURNING id`,
      [p.organisationId, p.email, p.name, p.language],
    );
    return row.id;
  }
}
