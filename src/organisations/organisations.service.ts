import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import { InvitationsService } from '../auth/invitations.service.js';
import { AuthService } from '../auth/auth.service.js';
import type { Caller, Constituency, Language, OrganisationKind, Role } from '../common/caller.js';
import { Conflict, InvalidTransition, NotFound, Unprocessable } from '../common/errors.js';
import { PoliciesService } from '../policies/policies.service.js';
import type { KerngroepDto, SeatHolderDto } from './dto/kerngroep.dto.js';
import type { OrganisationDto, RegisterOrganisationDto } from './dto/organisation.dto.js';
import type { InvitedPersonDto, InvitePersonDto, PersonDto } from './dto/person.dto.js';
import { type AffiliationTarget, decideOrganisationShape } from './organisation-rules.js';
import { OrganisationsRepository } from './organisations.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

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

type InviteOutcome =
  | { kind: 'new'; personId: string; invitation: { invitationId: string; expiresAt: string } }
  | { kind: 'existing'; person: PersonDto; invitation: { invitationId: string; expiresAt: string } };

function toOrganisation(r: Record<string, unknown>): OrganisationDto {
  return {
    id: r.id as string,
    name: r.name as string,
    slug: r.slug as string,
    kind: r.kind as OrganisationKind,
    constituency: (r.constituency as Constituency | null) ?? null,
    party: r.is_party as boolean,
    country: (r.country as string | null) ?? null,
    status: r.status as string,
    affiliatedTo: r.a_id
      ? { id: r.a_id as string, name: r.a_name as string, slug: r.a_slug as string, kind: r.a_kind as OrganisationKind }
      : null,
  };
}

function toPerson(r: Record<string, unknown>): PersonDto {
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    name: r.name as string,
    email: r.email as string,
    language: r.language as Language,
    roles: r.roles as Role[],
    status: r.disabled_at ? 'disabled' : r.has_password ? 'active' : 'invited',
    kerngroepSeat: r.seat_constituency
      ? { constituency: r.seat_constituency as Constituency, position: r.seat_position as 'fixed' | 'deputy' }
      : null,
    isKerngroepChair: r.is_kerngroep_chair as boolean,
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
  ) {}

  /** The kind of an organisation, or null when there is none with this id (for other modules: a shape check of a target). */
  kindOf(m: EntityManager, id: string): Promise<OrganisationKind | null> {
    return this.repo.kindOf(m, id);
  }

  /** The organisations taking part (active or withdrawing, art. 73-75), for every signed-in person. */
  async list(caller: Caller): Promise<OrganisationDto[]> {
    const where = await this.policies.scope(caller, 'list', 'Organisation', { id: 'o.id', kind: 'o.kind', affiliatedTo: 'o.affiliated_to' });
    const rows = await this.db.query(
      `${ORGANISATION_SELECT} WHERE o.status IN ('active', 'withdrawing') AND ${where.sql} ORDER BY o.kind, o.name, o.id`,
      where.params,
    );
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
        const [a] = await m.query(
          `SELECT kind, is_party AS "isParty", constituency, status FROM organisations WHERE id = $1 FOR SHARE`,
          [input.affiliatedTo],
        );
        target = a ?? undefined;
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
      const [taken] = await m.query(`SELECT 1 FROM organisations WHERE slug = $1`, [slug]);
      if (taken) throw new Conflict(`The slug ${slug} is already taken`);
      const [row] = await m.query(
        `INSERT INTO organisations (slug, name, kind, is_party, constituency, affiliated_to, country)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [slug, input.name.trim(), input.kind, decided.shape.isParty, decided.shape.constituency, decided.shape.affiliatedTo, input.country ?? null],
      );
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'organisations.register',
        object: { type: 'Organisation', id: row.id },
        details: { kind: input.kind, slug, party: decided.shape.isParty, affiliatedTo: decided.shape.affiliatedTo },
      });
      return row.id as string;
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
    const rows = await this.db.query(
      `${PERSON_SELECT} WHERE p.organisation_id = $1 AND ${where.sql} ORDER BY p.name, p.id`,
      [organisationId, ...where.params],
    );
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
      const [org] = await m.query(`SELECT status FROM organisations WHERE id = $1 FOR SHARE`, [organisationId]);
      if (!['active', 'withdrawing'].includes(org.status)) {
        throw new InvalidTransition(`The organisation has ${org.status === 'removed' ? 'been removed' : 'withdrawn'}; nobody can be invited to it (art. 73-77)`);
      }
      const [existing] = await m.query(`SELECT id, name, language FROM people WHERE email = $1`, [email]);
      if (existing) {
        // Answered like any other invitation (issue 12, part 5): no 409 telling the inviter that the account exists.
        const decoy = await this.invitations.notifyExistingAccount(m, { email, name: existing.name, language: existing.language }, organisation.name as string);
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
      const [person] = await m.query(
        `INSERT INTO people (organisation_id, email, name, language, roles) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [organisationId, email, name, language, roles],
      );
      const invitation = await this.invitations.issue(
        m,
        { personId: person.id, email, name, language, organisationName: organisation.name as string },
        caller.personId,
      );
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'people.invite',
        object: { type: 'Person', id: person.id },
        details: { organisationId, roles, invitationId: invitation.invitationId },
      });
      return { kind: 'new', personId: person.id as string, invitation };
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
      const [row] = await m.query(
        `SELECT p.password_hash IS NOT NULL AS has_password, p.disabled_at, p.email, p.name, p.language, o.name AS organisation_name
           FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1 FOR UPDATE OF p`,
        [personId],
      );
      if (row.disabled_at) throw new InvalidTransition('The person is disabled');
      if (row.has_password) throw new InvalidTransition('The person has already chosen a password');
      await m.query(`UPDATE invitations SET expires_at = now() WHERE person_id = $1 AND used_at IS NULL AND expires_at > now()`, [personId]);
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
      // A CTE, so the driver returns the updated rows (for a bare UPDATE TypeORM returns [rows, rowCount]).
      const updated = await m.query(
        `WITH u AS (UPDATE people SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL RETURNING id) SELECT id FROM u`,
        [personId],
      );
      if (updated.length === 0) throw new InvalidTransition('The person is already disabled');
      const sessionsEnded = await this.sessions.endSessionsOf(m, personId);
      await m.query(`UPDATE invitations SET expires_at = now() WHERE person_id = $1 AND used_at IS NULL AND expires_at > now()`, [personId]);
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'people.disable',
        object: { type: 'Person', id: personId },
        details: { organisationId: person.organisation_id, sessionsEnded },
      });
    });
    return toPerson((await this.loadPerson(this.db.manager, personId))!);
  }

  /** The four seats (art. 46) with their fixed and deputy holders (art. 47), and the chair (art. 50). */
  async kerngroep(): Promise<KerngroepDto> {
    const holder = (prefix: string, r: Record<string, unknown>): SeatHolderDto | null =>
      r[`${prefix}_id`]
        ? {
            personId: r[`${prefix}_id`] as string,
            name: r[`${prefix}_name`] as string,
            organisation: { id: r[`${prefix}_org_id`] as string, name: r[`${prefix}_org_name`] as string, slug: r[`${prefix}_org_slug`] as string },
          }
        : null;
    const seats = await this.db.query(
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
    const [chair] = await this.db.query(
      `SELECT p.id AS c_id, p.name AS c_name, o.id AS c_org_id, o.name AS c_org_name, o.slug AS c_org_slug
         FROM kerngroep_chair kc JOIN people p ON p.id = kc.person_id JOIN organisations o ON o.id = p.organisation_id
        WHERE p.disabled_at IS NULL`,
    );
    return {
      seats: seats.map((r: Record<string, unknown>) => ({
        constituency: r.constituency as Constituency,
        organisation: r.s_org_id ? { id: r.s_org_id as string, name: r.s_org_name as string, slug: r.s_org_slug as string } : null,
        since: (r.effective_from as string | null) ?? null,
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
    return m.query(
      `SELECT DISTINCT p.email, p.language FROM people p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.disabled_at IS NULL AND o.status IN ('active', 'withdrawing')
          AND (p.id IN (SELECT person_id FROM kerngroep_chair)
               OR p.id IN (SELECT fixed_person_id FROM kerngroep_seats UNION SELECT deputy_person_id FROM kerngroep_seats)
               OR (o.kind = 'secretariat' AND 'secretariat_staff' = ANY(p.roles)))
        ORDER BY p.email`,
    );
  }

  /** The organisation, when the caller may know it; otherwise the same 404 as an unknown id (art. 23: local partners). */
  private async visibleOrganisation(caller: Caller, id: string): Promise<Record<string, unknown>> {
    const row = await this.loadOrganisation(this.db.manager, id);
    if (!row) throw new NotFound('organisation', id);
    await this.policies.authorizeRecord(caller, 'read', 'Organisation', { id: row.id, kind: row.kind, affiliatedTo: row.a_id ?? null }, { id });
    return row;
  }

  private async loadOrganisation(m: EntityManager, id: string): Promise<Record<string, unknown> | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await m.query(`${ORGANISATION_SELECT} WHERE o.id = $1`, [id]);
    return row;
  }

  private async loadPerson(m: EntityManager, id: string): Promise<Record<string, unknown> & { id: string; organisation_id: string } | undefined> {
    const [row] = await m.query(`${PERSON_SELECT} WHERE p.id = $1`, [id]);
    return row;
  }
}
