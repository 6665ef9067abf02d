import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from './render.js';

export interface Recipient {
  email: string;
  language: Language;
}

/** The queries behind `RecipientsService`: who receives the mail meant for an organisation, a person or the secretariat. */
@Injectable()
export class RecipientsRepository {
  /**
   * The people who act for these organisations: their admins (and, in the secretariat, its staff); everyone when an
   * organisation has no admin. Disabled people never.
   */
  async forOrganisations(m: EntityManager, organisationIds: readonly string[]): Promise<Recipient[]> {
    if (organisationIds.length === 0) return [];
    return m.query(
      `SELECT p.email, p.language FROM people p
        WHERE p.disabled_at IS NULL AND p.organisation_id = ANY($1::uuid[])
          AND ('org_admin' = ANY(p.roles) OR 'secretariat_staff' = ANY(p.roles) OR NOT EXISTS (
                SELECT 1 FROM people q WHERE q.organisation_id = p.organisation_id AND q.disabled_at IS NULL AND 'org_admin' = ANY(q.roles)))
        ORDER BY p.email`,
      [organisationIds],
    );
  }

  /** Every person of this organisation, unless disabled. */
  async everyoneIn(m: EntityManager, organisationId: string): Promise<Recipient[]> {
    return m.query<Recipient[]>(`SELECT email, language FROM people WHERE organisation_id = $1 AND disabled_at IS NULL ORDER BY email`, [organisationId]);
  }

  /** These people themselves (e.g. the holders of a seat that has not voted), unless disabled. */
  async forPeople(m: EntityManager, personIds: readonly string[]): Promise<Recipient[]> {
    if (personIds.length === 0) return [];
    return m.query(`SELECT email, language FROM people WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL ORDER BY email`, [personIds]);
  }

  /** The secretariat's staff (art. 55): the people with the `secretariat_staff` role in the secretariat. */
  async secretariatStaff(m: EntityManager): Promise<Recipient[]> {
    return m.query(
      `SELECT p.email, p.language FROM people p JOIN organisations o ON o.id = p.organisation_id
        WHERE o.kind = 'secretariat' AND p.disabled_at IS NULL AND 'secretariat_staff' = ANY(p.roles) ORDER BY p.email`,
    );
  }
}
