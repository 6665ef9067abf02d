import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import { InvitationsService } from '../auth/invitations.service.js';
import { AuthService } from '../auth/auth.service.js';
import type { Caller, Language, OrganisationKind, Role } from '../common/caller.js';
import { Conflict, InvalidTransition, NotFound, Unprocessable } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
import type { KerngroepDto, SeatHolderDto } from './dto/kerngroep.dto.js';
import type { OrganisationDto, RegisterOrganisationDto } from './dto/organisation.dto.js';
import type { InvitedPersonDto, InvitePersonDto, PersonDto } from './dto/person.dto.js';
import { type AffiliationTarget, decideOrganisationShape } from './organisation-rules.js';
import { type OrganisationRow, OrganisationsRepository, type PersonRow } from './organisations.repository.js';
import { KerngroepGovernanceRepository, type SeatWithHoldersRow, type ChairWithOrganisationRow } from './governance/kerngroep-governance.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

type InviteOutcome =
  | { kind: 'new'; personId: string; invitation: { invitationId: string; expiresAt: string } }
  | { kind: 'existing'; person: PersonDto; invitation: { invitationId: string; expiresAt: string } };

function toOrganisation(r: OrganisationRow): OrganisationDto {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    kind: r.kind,
    constituency: r.constituency ?? null,
    party: r.is_party,
    country: r.country ?? null,
    status: r.status,
    affiliatedTo: r.a_id ? { id: r.a_id, name: r.a_name!, slug: r.a_slug!, kind: r.a_kind! } : null,
  };
}

function toPerson(r: PersonRow): PersonDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    name: r.name,
    email: r.email,
    language: r.language,
    roles: r.roles,
    status: r.disabled_at ? 'disabled' : r.has_password ? 'active' : 'invited',
    kerngroepSeat: r.seat_constituency ? { constituency: r.seat_constituency, position: r.seat_position! } : null,
    isKerngroepChair: r.is_kerngroep_chair,
    createdAt: iso(r.created_at)!,
    disabledAt: iso(r.disabled_at),
  };
}

/** A slug from a name: "Stichting Eerlijk Metaal" → "stichting-eerlijk-metaal". */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * Organisations, their people and the Kerngroep seats (DOMAIN.md "Parties and people"; issue 3, item 3).
 * Who may do what comes from policies/organisations.yaml, people.yaml and kerngroep-seats.yaml; every write commits
 * with its audit entry and, for an invitation, its mail.
 */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
    private readonly sessions: AuthService,
    private readonly repo: OrganisationsRepository,
    private readonly seats: KerngroepGovernanceRepository,
  ) {}

  /** The kind of an organisation, or null when there is none with this id (for other modules: a shape check of a target). */
  kindOf(m: EntityManager, id: string): Promise<OrganisationKind | null> {
    return this.repo.kindOf(m, id);
  }

  /** Of these organisations, those still taking part (art. 73-77: active or withdrawing), with their names, by name. */
  takingPartNamed(m: EntityManager, ids: string[]): Promise<Array<{ id: string; name: string }>> {
    return this.repo.takingPartNamed(m, ids);
  }

  /** A company by its slug or id (the operators' commands name one either way), or null. */
  companyByRef(m: EntityManager, ref: string): Promise<{ id: string; slug: string } | null> {
    return this.repo.companyByRef(m, ref, UUID.test(ref));
  }

  /** The organisations taking part (active or withdrawing, art. 73-75), for every signed-in person. */
  async list(caller: Caller): Promise<OrganisationDto[]> {
    const where = await this.policies.scope(caller, 'list', 'Organisation', { id: 'o.id', kind: 'o.kind', affiliatedTo: 'o.affiliated_to' });
    const rows = await this.repo.takingPart(this.db.manager, where);
    return rows.map(toOrganisation);
  }

  async readFor(caller: Caller, id: string): Promise<OrganisationDto> {
    return toOrganisation(await this.visibleOrganisation(caller, id));
  }

  /**
   * Registers an organisation that joined (art. 41, 69-72). Party status, constituency and affiliation follow from
   * its kind (organisation-rules.ts: art. 22, 40, 46); a contradiction is a 422 naming the field.
   */
  async register(caller: Caller, input: RegisterOrganisationDto): Promise<OrganisationDto> {
    const id = await this.db.transaction(async (m) => {
      let target: AffiliationTarget | null | undefined = null;
      if (input.affiliatedTo) {
        target = (await this.repo.affiliationTarget(m, input.affiliatedTo)) ?? undefined;
      }
      const decided = decideOrganisationShape(
        { kind: input.kind, party: input.party, constituency: input.constituency, affiliatedTo: input.affiliatedTo },
        target,
      );
      if ('problems' in decided) throw new Unprocessable('The organisation does not fit the rules of the agreement', decided.problems);
      const slug = input.slug ?? slugFrom(input.name);
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length < 2) {
        throw new Unprocessable('The organisation needs a slug', [{ field: 'slug', problem: 'cannot be derived from the name; give one' }]);
      }
      if (await this.repo.slugTaken(m, slug)) throw new Conflict(`The slug ${slug} is already taken`);
      const id = await this.repo.insert(m, {
        slug,
        name: input.name.trim(),
        kind: input.kind,
        isParty: decided.shape.isParty,
        constituency: decided.shape.constituency,
        affiliatedTo: decided.shape.affiliatedTo,
        country: input.country ?? null,
      });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'organisations.register',
        object: { type: 'Organisation', id },
        details: { kind: input.kind, slug, party: decided.shape.isParty, affiliatedTo: decided.shape.affiliatedTo },
      });
      return id;
    }).catch((error: unknown) => {
      // Two registrations of one slug at once: the unique index decides, the loser gets the same 409.
      if ((error as { code?: string }).code === '23505') throw new Conflict('The slug is already taken');
      throw error;
    });
    return toOrganisation((await this.loadOrganisation(this.db.manager, id))!);
  }

  /** The people of one organisation: the secretariat sees every organisation's, an organisation admin their own. */
  async peopleOf(caller: Caller, organisationId: string): Promise<PersonDto[]> {
    const organisation = await this.visibleOrganisation(caller, organisationId);
    // The caller may know the organisation (policies/organisations.yaml), so a refusal is a 403 naming the rule.
    await this.policies.assertCan(caller, 'list', 'Person', { organisationId: organisation.id });
    const where = await this.policies.scope(caller, 'list', 'Person', { organisationId: 'p.organisation_id', id: 'p.id' }, 2);
    const rows = await this.repo.peopleOf(this.db.manager, organisationId, where);
    return rows.map(toPerson);
  }

  /**
   * Invites a person to act for an organisation: the person (without a password), a one-time link and its mail
   * commit together with the audit entry. Roles: `secretariat_staff` exists only in the secretariat (art. 55-56), and
   * only secretariat staff hand it out.
   */
  async invite(caller: Caller, organisationId: string, input: InvitePersonDto): Promise<InvitedPersonDto> {
    const organisation = await this.visibleOrganisation(caller, organisationId);
    // Who invites whom is policies/people.yaml: the 403 names the rule and its article.
    await this.policies.assertCan(caller, 'invite', 'Person', { organisationId });
    const roles: Role[] = input.roles ?? ['member'];
    if (roles.includes('secretariat_staff')) {
      // The role exists in the secretariat only: a role that does not fit the organisation is bad input, not a refusal.
      if (organisation.kind !== 'secretariat') {
        throw new Unprocessable('The roles do not fit the organisation', [{ field: 'roles', problem: 'secretariat_staff is a role of the secretariat only (art. 55-56)' }]);
      }
      await this.policies.assertCan(caller, 'invite:secretariat-staff', 'Person', { organisationId });
    }
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const language: Language = input.language ?? 'nl';
    const attempt = () => this.db.transaction(async (m): Promise<InviteOutcome> => {
      const status = await this.repo.lockStatus(m, organisationId);
      if (!['active', 'withdrawing'].includes(status)) {
        throw new InvalidTransition(`The organisation has ${status === 'removed' ? 'been removed' : 'withdrawn'}; nobody can be invited to it (art. 73-77)`);
      }
      const existing = await this.repo.personByEmail(m, email);
      if (existing) {
        // Answered like any other invitation (issue 12, part 5): no 409 telling the inviter that the account exists.
        const decoy = await this.invitations.notifyExistingAccount(m, { email, name: existing.name, language: existing.language }, organisation.name);
        await this.audit.appendInTransaction(m, {
          actor: actorOf(caller),
          action: 'people.invite-existing-account',
          object: { type: 'Person', id: existing.id },
          details: { organisationId, roles },
        });
        const person: PersonDto = {
          id: randomUUID(), organisationId, name, email, language, roles, status: 'invited',
          kerngroepSeat: null, isKerngroepChair: false, createdAt: decoy.createdAt, disabledAt: null,
        };
        return { kind: 'existing', person, invitation: decoy };
      }
      const personId = await this.repo.insertPerson(m, { organisationId, email, name, language, roles });
      const invitation = await this.invitations.issue(
        m,
        { personId, email, name, language, organisationName: organisation.name },
        caller.personId,
      );
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'people.invite',
        object: { type: 'Person', id: personId },
        details: { organisationId, roles, invitationId: invitation.invitationId },
      });
      return { kind: 'new', personId, invitation };
    });
    // Two invitations of one new address at once: the unique index decides; the loser runs again and finds the
    // winner's person, so it gets the same answer as any invitation of an existing address.
    const result = await attempt().catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') return attempt();
      throw error;
    });
    if (result.kind === 'existing') return { ...result.person, invitation: { id: result.invitation.invitationId, expiresAt: result.invitation.expiresAt } };
    const person = await this.loadPerson(this.db.manager, result.personId);
    return { ...toPerson(person!), invitation: { id: result.invitation.invitationId, expiresAt: result.invitation.expiresAt } };
  }

  /**
   * A new invitation link for a person who has not chosen a password yet (the first one expired or got lost);
   * earlier links stop working.
   */
  async reinvite(caller: Caller, personId: string): Promise<InvitedPersonDto> {
    const person = UUID.test(personId) ? await this.loadPerson(this.db.manager, personId) : undefined;
    if (!person) throw new NotFound('person', personId);
    await this.policies.authorizeRecord(caller, 'invite', 'Person', { id: person.id, organisationId: person.organisation_id }, { id: personId });
    const invitation = await this.db.transaction(async (m) => {
      const row = await this.repo.lockInvitee(m, personId);
      if (row.disabled_at) throw new InvalidTransition('The person is disabled');
      if (row.has_password) throw new InvalidTransition('The person has already chosen a password');
      await this.invitations.expireOpenOf(m, personId);
      const issued = await this.invitations.issue(
        m,
        { personId, email: row.email, name: row.name, language: row.language, organisationName: row.organisation_name },
        caller.personId,
      );
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'people.reinvite',
        object: { type: 'Person', id: personId },
        details: { organisationId: person.organisation_id, invitationId: issued.invitationId },
      });
      return issued;
    });
    return { ...toPerson((await this.loadPerson(this.db.manager, personId))!), invitation: { id: invitation.invitationId, expiresAt: invitation.expiresAt } };
  }

  /**
   * Disables a person: every session ends in the same transaction, so their tokens fail on the very next request;
   * links not yet used stop working too.
   */
  async disable(caller: Caller, personId: string): Promise<PersonDto> {
    const person = UUID.test(personId) ? await this.loadPerson(this.db.manager, personId) : undefined;
    if (!person) throw new NotFound('person', personId);
    await this.policies.authorizeRecord(caller, 'disable', 'Person', { id: person.id, organisationId: person.organisation_id }, { id: personId });
    if (personId === caller.personId) throw new InvalidTransition('You cannot disable yourself');
    await this.db.transaction(async (m) => {
      if (!(await this.repo.disablePerson(m, personId))) throw new InvalidTransition('The person is already disabled');
      const sessionsEnded = await this.sessions.endSessionsOf(m, personId);
      await this.invitations.expireOpenOf(m, personId);
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'people.disable',
        object: { type: 'Person', id: personId },
        details: { organisationId: person.organisation_id, sessionsEnded },
      });
    });
    return toPerson((await this.loadPerson(this.db.manager, personId))!);
  }

  /**
   * PATCH /api/v1/me: the caller's own language for pages and mail (issue 14, item 6). Every later request reads it
   * with the session, so the next mail is in it; audited, in the same transaction.
   */
  async setOwnLanguage(caller: Caller, language: Language): Promise<{ language: Language }> {
    await this.db.transaction(async (m) => {
      const before = await this.repo.setLanguage(m, caller.personId, language);
      if (before === language) return;
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'people.language',
        object: { type: 'Person', id: caller.personId },
        details: { from: before, to: language },
      });
    });
    return { language };
  }

  /** The four seats (art. 46) with their fixed and deputy holders (art. 47), and the chair (art. 50). */
  async kerngroep(): Promise<KerngroepDto> {
    const holder = (prefix: 'f' | 'd' | 'c', row: SeatWithHoldersRow | ChairWithOrganisationRow): SeatHolderDto | null => {
      const r = row as unknown as Record<string, string | null>;
      return r[`${prefix}_id`]
        ? {
            personId: r[`${prefix}_id`]!,
            name: r[`${prefix}_name`]!,
            organisation: { id: r[`${prefix}_org_id`]!, name: r[`${prefix}_org_name`]!, slug: r[`${prefix}_org_slug`]! },
          }
        : null;
    };
    const seats = await this.seats.seatsWithHolders(this.db.manager);
    const chair = await this.seats.chairWithOrganisation(this.db.manager);
    return {
      seats: seats.map((r) => ({
        constituency: r.constituency,
        organisation: r.s_org_id ? { id: r.s_org_id, name: r.s_org_name!, slug: r.s_org_slug! } : null,
        since: r.effective_from ?? null,
        fixed: holder('f', r),
        deputy: holder('d', r),
      })),
      chair: chair ? holder('c', chair) : null,
    };
  }

  /**
   * Who receives the audit log's signed checkpoints (issue 12, item 7): the Kerngroep, i.e. its seat holders, fixed
   * and deputy (art. 46-47), and its chair (art. 50), and the secretariat's staff (art. 55), once per address.
   */
  async auditCheckpointRecipients(m: EntityManager): Promise<Array<{ email: string; language: Language }>> {
    return this.seats.membersAndStaff(m);
  }

  /** The organisation, when the caller may know it; otherwise the same 404 as an unknown id (art. 23: local partners). */
  private async visibleOrganisation(caller: Caller, id: string): Promise<OrganisationRow> {
    const row = await this.loadOrganisation(this.db.manager, id);
    if (!row) throw new NotFound('organisation', id);
    await this.policies.authorizeRecord(caller, 'read', 'Organisation', { id: row.id, kind: row.kind, affiliatedTo: row.a_id ?? null }, { id });
    return row;
  }

  private async loadOrganisation(m: EntityManager, id: string): Promise<OrganisationRow | undefined> {
    if (!UUID.test(id)) return undefined;
    return (await this.repo.organisation(m, id)) ?? undefined;
  }

  private async loadPerson(m: EntityManager, id: string): Promise<PersonRow | undefined> {
    return (await this.repo.person(m, id)) ?? undefined;
  }
}
