import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Recipient, RecipientsRepository } from './recipients.repository.js';

export type { Recipient } from './recipients.repository.js';

/**
 * The one answer to "who gets the mail for this organisation" (issue 11): every module that mails an organisation,
 * a person or the secretariat asks here, in the transaction of the change that causes the mail.
 */
@Injectable()
export class RecipientsService {
  constructor(private readonly repo: RecipientsRepository) {}

  /** The people who act for these organisations: their admins (in the secretariat also its staff); everyone when an organisation has none. */
  forOrganisations(m: EntityManager, organisationIds: readonly string[]): Promise<Recipient[]> {
    return this.repo.forOrganisations(m, organisationIds);
  }

  /** Everyone who acts for this organisation (not only its admins), unless disabled: e.g. a company's people for its monitoring mail. */
  everyoneIn(m: EntityManager, organisationId: string): Promise<Recipient[]> {
    return this.repo.everyoneIn(m, organisationId);
  }

  /** These people themselves, unless disabled. */
  forPeople(m: EntityManager, personIds: readonly string[]): Promise<Recipient[]> {
    return this.repo.forPeople(m, personIds);
  }

  /** The secretariat's staff (art. 55). */
  secretariatStaff(m: EntityManager): Promise<Recipient[]> {
    return this.repo.secretariatStaff(m);
  }
}
