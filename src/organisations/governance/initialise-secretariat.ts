import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../audit/index.js';
import { InvitationsService } from '../../auth/invitations.service.js';
import type { Language } from '../../common/caller.js';
import { Conflict, InvalidInput } from '../../common/errors.js';
import { OrganisationsRepository } from '../organisations.repository.js';
import { slugFrom } from '../organisations.service.js';

export interface InitialiseInput {
  secretariatName: string;
  email: string;
  name?: string;
  language?: Language;
}

export interface Initialised {
  organisationId: string;
  personId: string;
  expiresAt: string;
  /** the one-time link (only the operator command prints it, and only without SMTP) */
  link: string;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const FIRST_RUN_LOCK = 7_270_131;

/**
 * The first start in production (issue 13, part 1): on a database without a secretariat, create the secretariat
 * organisation (art. 55-56; it exists once) and its first person with the roles member, org_admin and
 * secretariat_staff, and mail that person a one-time link through the outbox — one transaction with its audit entry.
 * A second run is refused (409) and writes nothing. The operator runs it (`npm run cli -- init`); there is no route,
 * because before it nobody can sign in.
 */
@Injectable()
export class InitialiseSecretariat {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsRepository,
  ) {}

  async execute(input: InitialiseInput): Promise<Initialised> {
    const secretariatName = input.secretariatName.trim();
    const email = input.email.trim().toLowerCase();
    const name = (input.name ?? '').trim() || email.split('@')[0];
    const problems = [];
    if (secretariatName.length < 1 || secretariatName.length > 200) problems.push({ field: 'secretariat-name', problem: 'must be 1 to 200 characters' });
    if (!EMAIL.test(email) || email.length > 320) problems.push({ field: 'email', problem: 'must be an email address' });
    if (name.length > 200) problems.push({ field: 'name', problem: 'must be at most 200 characters' });
    const slug = slugFrom(secretariatName);
    if (!problems.length && slug.length < 2) problems.push({ field: 'secretariat-name', problem: 'needs at least two letters or digits' });
    if (problems.length) throw new InvalidInput('The first-run details are not valid', problems);
    const language: Language = input.language ?? 'nl';
    return this.db.transaction(async (m) => {
      await this.organisations.lockFirstRun(m, FIRST_RUN_LOCK);
      if (await this.organisations.secretariatExists(m)) throw new Conflict('The secretariat exists already (art. 55-56: there is one); init runs once. Invite further staff from the secretariat\'s pages');
      if (await this.organisations.personByEmail(m, email)) throw new Conflict('A person with this email already exists');
      const organisationId = await this.organisations.insert(m, {
        slug,
        name: secretariatName,
        kind: 'secretariat',
        isParty: false,
        constituency: null,
        affiliatedTo: null,
        country: null,
      });
      const personId = await this.organisations.insertPerson(m, {
        organisationId,
        email,
        name,
        language,
        roles: ['member', 'org_admin', 'secretariat_staff'],
      });
      const invitation = await this.invitations.issue(m, { personId, email, name, language, organisationName: secretariatName }, null);
      await this.audit.appendInTransaction(m, {
        actor: null,
        action: 'organisations.initialise',
        object: { type: 'Organisation', id: organisationId },
        details: { via: 'operator command init', personId, invitationId: invitation.invitationId },
      });
      return { organisationId, personId, expiresAt: invitation.expiresAt, link: invitation.link };
    });
  }
}
