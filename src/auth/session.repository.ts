import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller, Constituency, Language, OrganisationKind, Role } from '../common/caller.js';
import { preparedQuery } from '../common/prepared-query.js';
import type { RouteRead } from '../common/route-read.js';
import type { CallerColumns } from '../policies/fact-selection.js';

/** The caller's attributes as columns of `liveCaller`'s session row (`c`), for fact subqueries that depend on them. */
export const SESSION_CALLER_COLUMNS: CallerColumns = {
  kind: 'c.org_kind',
  roles: 'c.roles',
  isParty: 'c.org_is_party',
  isChair: 'c.is_kerngroep_chair',
  seatConstituency: 'c.seat_constituency',
  seatPosition: 'c.seat_position',
};

interface CallerRow {
  session_id: string;
  person_id: string;
  email: string;
  name: string;
  language: Language;
  roles: Role[];
  is_kerngroep_chair: boolean;
  seat_constituency: Constituency | null;
  seat_position: 'fixed' | 'deputy' | null;
  org_id: string;
  org_slug: string;
  org_name: string;
  org_kind: OrganisationKind;
  org_is_party: boolean;
  org_constituency: Constituency | null;
  org_affiliated_to: string | null;
  auth_methods: string[];
  second_factor_at: Date | null;
  has_second_factor: boolean;
}

export interface Credentials {
  personId: string;
  organisationId: string;
  passwordHash: string | null;
  disabled: boolean;
}

/**
 * Sessions and the sign-in lookups, in SQL. A session is live while it is not revoked, not expired, its person
 * is not disabled and its organisation has not been removed or withdrawn — checked on every request.
 */
@Injectable()
export class SessionRepository {
  // the session statement's text per set of extra columns (a handful: one per route shape of the fact columns)
  private readonly texts = new Map<string, string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async credentialsFor(email: string): Promise<Credentials | undefined> {
    const [row] = await this.db.query<Array<{ id: string; organisation_id: string; password_hash: string | null; disabled: boolean }>>(
      `SELECT p.id, p.organisation_id, p.password_hash,
              (p.disabled_at IS NOT NULL OR o.status IN ('withdrawn', 'removed')) AS disabled
         FROM people p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.email = $1`,
      [email],
    );
    if (!row) return undefined;
    return { personId: row.id, organisationId: row.organisation_id, passwordHash: row.password_hash, disabled: row.disabled };
  }

  /** A new session; `methods` say how it was authenticated, and a second factor among them is verified now. */
  async create(
    m: EntityManager,
    personId: string,
    ttlHours: number,
    ip: string | null,
    userAgent: string | null,
    methods: string[] = ['password'],
  ): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO sessions (person_id, expires_at, ip, user_agent, auth_methods, second_factor_at)
       VALUES ($1, now() + make_interval(hours => $2), $3, $4, $5::text[],
               CASE WHEN $5::text[] && ARRAY['totp', 'recovery', 'passkey'] THEN now() END) RETURNING id`,
      [personId, ttlHours, ip, userAgent?.slice(0, 300) ?? null, methods],
    );
    return row.id;
  }

  /** Revokes one session; returns whether it was live. */
  async revoke(m: EntityManager, sessionId: string): Promise<boolean> {
    const rows = await m.query<Array<{ id: string }>>(
      // A CTE, so the driver returns the updated rows (for a bare UPDATE TypeORM returns [rows, rowCount]).
      `WITH u AS (UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM u`,
      [sessionId],
    );
    return rows.length > 0;
  }

  /** Revokes every live session of a person (disabling them); returns how many. */
  async revokeAllOf(m: EntityManager, personId: string): Promise<number> {
    const rows = await m.query<Array<{ id: string }>>(
      `WITH u AS (UPDATE sessions SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM u`,
      [personId],
    );
    return rows.length;
  }

  /**
   * The caller behind a live session, or undefined when the session is gone (one query per request).
   * `extraColumns` (e.g. the caller's policy facts as subqueries over `c.person_id` / `c.org_id`) are read in the
   * same statement and returned as `row`, so the whole authenticated request path is one round trip.
   */
  async liveCaller(
    sessionId: string,
    personId: string,
    extraColumns = '',
    extraParams: unknown[] = [],
    own?: { read: RouteRead<unknown>; params: unknown[] },
  ): Promise<{ caller: Caller; row: Record<string, unknown> } | undefined> {
    // built once per set of extra columns and route read (one per route shape): the same string every request, so
    // neither it nor its prepared statement's name (a hash of it) is made again on the hot path
    const key = own ? `${extraColumns}|${own.read.name}` : extraColumns;
    let text = this.texts.get(key);
    if (text === undefined) {
      // the route read's parameters follow the session's two and the facts' (the same count for every request of a key)
      const first = 3 + extraParams.length;
      const column = own
        ? `, ${own.read.sql({ personId: 'c.person_id', organisationId: 'c.org_id', affiliatedTo: 'c.org_affiliated_to', param: (i) => `$${first + i}` })} AS "${routeReadColumn(own.read)}"`
        : '';
      this.texts.set(key, (text = liveCallerSql(extraColumns + column)));
    }
    // Prepared: asked on every request, so each pooled connection plans it once (the rows are read afresh).
    const [r] = await preparedQuery<CallerRow & Record<string, unknown>>(this.db, text, [sessionId, personId, ...extraParams, ...(own?.params ?? [])]);
    if (!r) return undefined;
    return { caller: toCaller(r), row: r };
  }
}

/** What `/me` shows beyond the caller and its facts: its organisation's module participation and affiliation. */
export interface MeView {
  modules: Array<{ module: string; joinedAt: string }>;
  affiliation: { id: string; name: string; slug: string; kind: string } | null;
}

/**
 * `/me`'s own read (issue 18), in the session statement: module participation with its dates and the organisation
 * the caller's is affiliated to. Dates as PostgreSQL writes timestamps into json (ISO 8601, UTC offset).
 */
export const ME_VIEW: RouteRead<MeView> = {
  name: 'me',
  sql: (ref) => `(SELECT json_build_object(
      'modules', (SELECT coalesce(json_agg(json_build_object('module', m.module, 'joined_at', m.joined_at) ORDER BY m.module), '[]'::json)
                    FROM current_module_participations m WHERE m.organisation_id = ${ref.organisationId}),
      'affiliation', (SELECT json_build_object('id', a.id, 'name', a.name, 'slug', a.slug, 'kind', a.kind)
                        FROM organisations a WHERE a.id = ${ref.affiliatedTo})))`,
  read: (json) => {
    const row = json as { modules: Array<{ module: string; joined_at: string }>; affiliation: MeView['affiliation'] };
    return { modules: row.modules.map((m) => ({ module: m.module, joinedAt: new Date(m.joined_at).toISOString() })), affiliation: row.affiliation };
  },
};

/** The session row's column carrying a route's own read (`RouteRead`). */
export const routeReadColumn = (read: RouteRead<unknown>) => `read:${read.name}`;

/** The session check with `extraColumns` (subqueries over the session row `c`) read in the same statement. */
const liveCallerSql = (extraColumns: string) => `WITH c AS (
       SELECT s.id AS session_id, p.id AS person_id, p.email, p.name, p.language, p.roles, EXISTS (SELECT 1 FROM kerngroep_chair kc WHERE kc.person_id = p.id) AS is_kerngroep_chair,
              ks.constituency AS seat_constituency,
              CASE WHEN ks.fixed_person_id = p.id THEN 'fixed' WHEN ks.deputy_person_id = p.id THEN 'deputy' END AS seat_position,
              o.id AS org_id, o.slug AS org_slug, o.name AS org_name, o.kind AS org_kind, o.is_party AS org_is_party,
              o.constituency AS org_constituency, o.affiliated_to AS org_affiliated_to,
              s.auth_methods, s.second_factor_at,
              (EXISTS (SELECT 1 FROM totp_factors t WHERE t.person_id = p.id AND t.confirmed_at IS NOT NULL)
               OR EXISTS (SELECT 1 FROM passkeys k WHERE k.person_id = p.id)) AS has_second_factor
         FROM sessions s
         JOIN people p ON p.id = s.person_id
         JOIN organisations o ON o.id = p.organisation_id
         LEFT JOIN kerngroep_seats ks ON p.id IN (ks.fixed_person_id, ks.deputy_person_id)
        WHERE s.id = $1 AND s.person_id = $2
          AND s.revoked_at IS NULL AND s.expires_at > now()
          AND p.disabled_at IS NULL AND o.status NOT IN ('withdrawn', 'removed')
        LIMIT 1)
       SELECT c.*${extraColumns} FROM c`;

function toCaller(r: CallerRow): Caller {
  return {
    personId: r.person_id,
    sessionId: r.session_id,
    email: r.email,
    name: r.name,
    language: r.language,
    roles: r.roles,
    isKerngroepChair: r.is_kerngroep_chair,
    kerngroepSeat: r.seat_constituency && r.seat_position ? { constituency: r.seat_constituency, position: r.seat_position } : null,
    authentication: {
      methods: r.auth_methods,
      secondFactorAt: r.second_factor_at ? new Date(r.second_factor_at) : null,
      hasSecondFactor: r.has_second_factor,
    },
    organisation: {
      id: r.org_id,
      slug: r.org_slug,
      name: r.org_name,
      kind: r.org_kind,
      isParty: r.org_is_party,
      constituency: r.org_constituency,
      affiliatedTo: r.org_affiliated_to,
    },
  };
}
