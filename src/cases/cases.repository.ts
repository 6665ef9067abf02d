import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Constituency } from '../common/caller.js';
import type { OrganisationRuleRow } from '../common/organisation-row.js';
import { managerQuery } from '../common/prepared-query.js';
import { jsonDate, jsonDateOrNull, type SqlPart } from '../common/sql-part.js';
import type { CaseType } from './state-machines.js';
import { ANY_RECORD } from '../policies/policies.service.js';

export interface CaseRow {
  id: string;
  type: CaseType;
  state: string;
  version: number;
  requester_organisation_id: string;
  requested_by: string;
  on_behalf_of: string | null;
  sponsor_organisation_id: string | null;
  sponsor_constituency: Constituency | null;
  subject_organisation_id: string | null;
  grounds: string;
  scope: Record<string, unknown>;
  approved_scope: Record<string, unknown> | null;
  access_opened_at: Date | null;
  access_closes_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** An organisation as the case rules see it (requester, sponsor, subject, concerned). */
export type CaseOrganisationRow = OrganisationRuleRow;

export interface NewCase {
  type: CaseType;
  state: string;
  requesterOrganisationId: string;
  requestedBy: string;
  onBehalfOf: string | null;
  sponsorOrganisationId: string | null;
  sponsorConstituency: Constituency | null;
  subjectOrganisationId: string | null;
  grounds: string;
  scope: Record<string, unknown>;
}

export interface CaseEvent {
  caseId: string;
  actor: { personId: string; organisationId: string } | null;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  audience?: 'participants' | 'kerngroep' | 'secretariat';
  details?: Record<string, unknown>;
}

/** A case grant (policies/cases.yaml `when.grant`): what part a caller's organisation plays in a case. */
export type CaseGrantKind =
  | 'case-requester'
  | 'case-sponsor'
  | 'case-subject'
  | 'case-company'
  | 'case-brokered'
  | 'case-kerngroep'
  | 'case-assembly'
  | 'disclosure-access'
  // facts named in policies/cases.yaml `when.fact`
  | 'case-filer'
  | 'case-beneficiary';

export type EventRow = { occurred_at: Date; actor_organisation_id: string | null; actor_name: string | null; organisation_name: string | null; action: string; from_state: string | null; to_state: string | null; audience: string; details: Record<string, unknown> };
export type ConsentRow = { company_id: string; company_name: string; status: string; answered_at: Date | null; entries: number };
export type EntryRow = { location_id: string; company_id: string; level: string | null };
export type ReportRow = { id: string; location_ids: string[]; description: string; created_at: Date };
export type BrokeredRow = { company_id: string; company_name: string; found_at: Date; confirmed_at: Date | null };
export type MessageRow = { id: string; author: string; organisation: string; kind: string; body: string; created_at: Date };

/**
 * What the case view's one statement reads besides the case row (issue 18: one round trip instead of one per part).
 * A part not asked for (false / null) is not read: its subquery sits in a `CASE WHEN` the statement's parameters
 * decide, so the statement's text, and with it its prepared plan, is the same for every caller.
 */
export interface CaseViewQuery {
  /** the names of the requester, the party filed for, the sponsor and the subject company */
  names: boolean;
  /** the case's ruling (a part of the kerngroep module) */
  ruling: boolean;
  /** the case's open deadlines (a part of the scheduler module) */
  deadlines: boolean;
  /** the timeline events of these audiences; null: none */
  timeline: string[] | null;
  consents: boolean;
  /** this company's consent request (`consentOf`); null: none */
  consentOf: string | null;
  /** the case's entries (`entriesOf`), of every company (`company` null) or of one; null: none */
  entries: { company: string | null } | null;
  reports: boolean;
  brokered: boolean;
  messages: boolean;
  links: boolean;
}

/** The case row and the parts a `CaseViewQuery` asked for (null where not asked), as the single reads would give them. */
export interface CaseViewRows<R, D> {
  row: CaseRow;
  names: Map<string, string>;
  ruling: R | null;
  deadlines: D | null;
  events: EventRow[] | null;
  consents: ConsentRow[] | null;
  consent: { status: string; answered_at: Date | null } | null;
  entries: EntryRow[] | null;
  reports: ReportRow[] | null;
  brokered: BrokeredRow[] | null;
  messages: MessageRow[] | null;
  links: string[] | null;
}

/** The case view's statement over `cases c` with `$1` the case id; the other modules' parts at `ruling` and `deadlines`. */
const caseViewSql = (ruling: SqlPart<unknown>, deadlines: SqlPart<unknown>) => `
  SELECT c.*,
    CASE WHEN $2 THEN (SELECT coalesce(json_object_agg(o.id, o.name), '{}'::json) FROM organisations o
                        WHERE o.id IN (c.requester_organisation_id, c.on_behalf_of, c.sponsor_organisation_id, c.subject_organisation_id)) END AS part_names,
    CASE WHEN $3 THEN ${ruling.sql('c.id')} END AS part_ruling,
    CASE WHEN $4 THEN ${deadlines.sql('c.id')} END AS part_deadlines,
    CASE WHEN $5::text[] IS NOT NULL THEN (
      SELECT coalesce(json_agg(json_build_object('occurred_at', e.occurred_at, 'actor_organisation_id', e.actor_organisation_id, 'actor_name', p.name,
                                                 'organisation_name', o.name, 'action', e.action, 'from_state', e.from_state, 'to_state', e.to_state,
                                                 'audience', e.audience, 'details', e.details) ORDER BY e.id), '[]'::json)
        FROM case_events e LEFT JOIN people p ON p.id = e.actor_person_id LEFT JOIN organisations o ON o.id = e.actor_organisation_id
       WHERE e.case_id = c.id AND e.audience = ANY($5::text[])) END AS part_events,
    CASE WHEN $6 THEN (
      SELECT coalesce(json_agg(json_build_object('company_id', cc.company_id, 'company_name', o.name, 'status', cc.status, 'answered_at', cc.answered_at,
                                                 'entries', (SELECT count(*)::int FROM case_entries e WHERE e.case_id = cc.case_id AND e.company_id = cc.company_id))
                               ORDER BY o.name), '[]'::json)
        FROM case_consents cc JOIN organisations o ON o.id = cc.company_id WHERE cc.case_id = c.id) END AS part_consents,
    CASE WHEN $7::uuid IS NOT NULL THEN (
      SELECT json_build_object('status', cc.status, 'answered_at', cc.answered_at) FROM case_consents cc WHERE cc.case_id = c.id AND cc.company_id = $7::uuid) END AS part_consent,
    CASE WHEN $8 THEN (
      SELECT coalesce(json_agg(json_build_object('location_id', e.location_id, 'company_id', e.company_id, 'level', e.level) ORDER BY e.location_id), '[]'::json)
        FROM case_entries e WHERE e.case_id = c.id AND ($9::uuid IS NULL OR e.company_id = $9::uuid)) END AS part_entries,
    CASE WHEN $10 THEN (
      SELECT coalesce(json_agg(json_build_object('id', r.id, 'location_ids', r.location_ids, 'description', r.description, 'created_at', r.created_at)
                               ORDER BY r.created_at, r.id), '[]'::json)
        FROM case_reports r WHERE r.case_id = c.id) END AS part_reports,
    CASE WHEN $11 THEN (
      SELECT coalesce(json_agg(json_build_object('company_id', b.company_id, 'company_name', o.name, 'found_at', b.found_at, 'confirmed_at', b.confirmed_at)
                               ORDER BY o.name), '[]'::json)
        FROM case_brokered_companies b JOIN organisations o ON o.id = b.company_id WHERE b.case_id = c.id) END AS part_brokered,
    CASE WHEN $12 THEN (
      SELECT coalesce(json_agg(json_build_object('id', cm.id::text, 'author', p.name, 'organisation', o.name, 'kind', cm.kind, 'body', cm.body, 'created_at', cm.created_at)
                               ORDER BY cm.id), '[]'::json)
        FROM case_messages cm JOIN people p ON p.id = cm.author_person_id JOIN organisations o ON o.id = cm.author_organisation_id
       WHERE cm.case_id = c.id) END AS part_messages,
    CASE WHEN $13 THEN (SELECT coalesce(json_agg(l.linked_case_id ORDER BY l.linked_case_id), '[]'::json) FROM case_links l WHERE l.case_id = c.id) END AS part_links
  FROM cases c WHERE c.id = $1`;

/** Without the other modules' parts (a read that needs neither ruling nor deadlines): a statement of its own. */
const NO_PART: SqlPart<null> = { sql: () => 'NULL::json', read: () => null };
const NO_PARTS = { ruling: NO_PART, deadlines: NO_PART };

type Json = Record<string, unknown>;
const list = <T>(json: unknown, row: (x: Json) => T): T[] | null => (json === null || json === undefined ? null : (json as Json[]).map(row));

/** TypeORM answers an UPDATE … RETURNING with `[rows, rowCount]`, an INSERT/SELECT with the rows. */
export function returned<T>(result: unknown): T[] {
  const r = result as unknown[];
  return Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number' ? (r[0] as T[]) : (r as T[]);
}

/** Every query of the case tables. Reads that serve a caller are scoped by `policies/cases.yaml` (see the service). */
@Injectable()
export class CasesRepository {
  async insert(m: EntityManager, c: NewCase): Promise<CaseRow> {
    const [row] = await m.query<CaseRow[]>(
      `INSERT INTO cases (type, state, requester_organisation_id, requested_by, on_behalf_of, sponsor_organisation_id,
                          sponsor_constituency, subject_organisation_id, grounds, scope)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [c.type, c.state, c.requesterOrganisationId, c.requestedBy, c.onBehalfOf, c.sponsorOrganisationId, c.sponsorConstituency,
        c.subjectOrganisationId, c.grounds, JSON.stringify(c.scope)],
    );
    return row;
  }

  /** Locks the case row for the rest of the transaction: every transition, vote and consent on a case is serialised. */
  async lock(m: EntityManager, id: string): Promise<CaseRow | null> {
    const [row] = await m.query<CaseRow[]>(`SELECT * FROM cases WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async find(m: EntityManager, id: string): Promise<CaseRow | null> {
    const [row] = await managerQuery<CaseRow>(m, `SELECT * FROM cases WHERE id = $1`, [id]);
    return row ?? null;
  }

  /**
   * The case and the parts of its view `q` asks for, in one statement (issue 18), each part as its single read above
   * would give it (same rows, order and types), all in the statement's one snapshot. `ruling` and `deadlines` are the
   * kerngroep's and the scheduler's parts (their services hand them out). Null when the case does not exist.
   */
  async viewOf<R = null, D = null>(m: EntityManager, id: string, q: CaseViewQuery, parts: { ruling: SqlPart<R>; deadlines: SqlPart<D> } = NO_PARTS as never): Promise<CaseViewRows<R, D> | null> {
    if (parts === (NO_PARTS as never) && (q.ruling || q.deadlines)) throw new Error('viewOf: the ruling and deadlines need their modules\' parts');
    const [r] = await managerQuery<CaseRow & Record<`part_${string}`, unknown>>(m, caseViewSql(parts.ruling, parts.deadlines), [
      id, q.names, q.ruling, q.deadlines, q.timeline, q.consents, q.consentOf, q.entries !== null, q.entries?.company ?? null, q.reports, q.brokered, q.messages, q.links,
    ]);
    if (!r) return null;
    const { part_names, part_ruling, part_deadlines, part_events, part_consents, part_consent, part_entries, part_reports, part_brokered, part_messages, part_links, ...row } = r;
    const consent = part_consent as Json | null;
    return {
      row,
      names: new Map(Object.entries((part_names ?? {}) as Record<string, string>)),
      ruling: q.ruling ? parts.ruling.read(part_ruling) : null,
      deadlines: q.deadlines ? parts.deadlines.read(part_deadlines) : null,
      events: list(part_events, (e) => ({ ...(e as EventRow), occurred_at: jsonDate(e.occurred_at) })),
      consents: list(part_consents, (x) => ({ ...(x as ConsentRow), answered_at: jsonDateOrNull(x.answered_at) })),
      consent: consent ? { status: consent.status as string, answered_at: jsonDateOrNull(consent.answered_at) } : null,
      entries: list(part_entries, (e) => e as EntryRow),
      reports: list(part_reports, (x) => ({ ...(x as ReportRow), created_at: jsonDate(x.created_at) })),
      brokered: list(part_brokered, (b) => ({ ...(b as BrokeredRow), found_at: jsonDate(b.found_at), confirmed_at: jsonDateOrNull(b.confirmed_at) })),
      messages: list(part_messages, (x) => ({ ...(x as MessageRow), created_at: jsonDate(x.created_at) })),
      links: part_links === null || part_links === undefined ? null : (part_links as string[]),
    };
  }

  /** One page of the cases whose id satisfies the caller's policy condition (`where`, from PoliciesService.scope), and their count. */
  async listScoped(
    m: EntityManager,
    where: { sql: string; params: unknown[] },
    filter: { type: string | null; state?: string | null; status?: 'open' | 'closed' | null; terminal: readonly string[] },
    offset: number,
    limit: number,
  ): Promise<{ rows: CaseRow[]; total: number }> {
    const n = where.params.length;
    const sql = `${where.sql} AND ($${n + 1}::text IS NULL OR c.type = $${n + 1}) AND ($${n + 2}::text IS NULL OR c.state = $${n + 2})
      AND ($${n + 3}::text IS NULL OR ((c.type || ':' || c.state) = ANY($${n + 4}::text[])) = ($${n + 3} = 'closed'))`;
    const params = [...where.params, filter.type, filter.state ?? null, filter.status ?? null, filter.terminal];
    const rows: CaseRow[] = await m.query(`SELECT c.* FROM cases c WHERE ${sql} ORDER BY c.created_at DESC, c.id OFFSET $${n + 5} LIMIT $${n + 6}`, [...params, offset, limit]);
    const [{ total }] = await m.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM cases c WHERE ${sql}`, params);
    return { rows, total };
  }

  async setState(m: EntityManager, id: string, state: string, extra: Partial<Record<'approved_scope' | 'access_opened_at' | 'access_closes_at' | 'closed_at', unknown>> = {}): Promise<CaseRow> {
    const sets = ['state = $2', 'version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [id, state];
    for (const [k, v] of Object.entries(extra)) {
      params.push(k === 'approved_scope' ? JSON.stringify(v) : v);
      sets.push(`${k} = $${params.length}`);
    }
    const [row] = returned<CaseRow>(await m.query(`UPDATE cases SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params));
    return row;
  }

  async touch(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  async addEvent(m: EntityManager, e: CaseEvent): Promise<void> {
    await m.query(
      `INSERT INTO case_events (case_id, actor_person_id, actor_organisation_id, action, from_state, to_state, audience, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.caseId, e.actor?.personId ?? null, e.actor?.organisationId ?? null, e.action, e.fromState ?? null, e.toState ?? null,
        e.audience ?? 'participants', JSON.stringify(e.details ?? {})],
    );
  }

  // --- consent (art. 19, 22) ---

  async addConsentRequests(m: EntityManager, caseId: string, companies: Array<{ organisationId: string; entryIds: string[] }>): Promise<void> {
    for (const c of companies) {
      await m.query(`INSERT INTO case_consents (case_id, company_id) VALUES ($1, $2)`, [caseId, c.organisationId]);
      await m.query(
        `INSERT INTO case_entries (case_id, location_id, company_id) SELECT $1, unnest($3::uuid[]), $2`,
        [caseId, c.organisationId, c.entryIds],
      );
    }
  }

  async consentOf(m: EntityManager, caseId: string, companyId: string): Promise<{ status: string; answered_at: Date | null } | null> {
    const [row] = await managerQuery<{ status: string; answered_at: Date | null }>(m, `SELECT status, answered_at FROM case_consents WHERE case_id = $1 AND company_id = $2`, [caseId, companyId]);
    return row ?? null;
  }

  async entriesOf(m: EntityManager, caseId: string, companyId?: string): Promise<Array<{ location_id: string; company_id: string; level: string | null }>> {
    return managerQuery(m, 
      `SELECT location_id, company_id, level FROM case_entries WHERE case_id = $1 AND ($2::uuid IS NULL OR company_id = $2) ORDER BY location_id`,
      [caseId, companyId ?? null],
    );
  }

  /** A company's answer: every entry at `allLevel`, then the listed entries at their own level (art. 19, 22). */
  async answerConsent(m: EntityManager, caseId: string, companyId: string, personId: string, status: 'approved' | 'restricted' | 'declined', allLevel: 'full' | 'declined', levels: Map<string, string>): Promise<void> {
    await m.query(
      `UPDATE case_consents SET status = $3, answered_by = $4, answered_at = now() WHERE case_id = $1 AND company_id = $2`,
      [caseId, companyId, status, personId],
    );
    await m.query(`UPDATE case_entries SET level = $3 WHERE case_id = $1 AND company_id = $2`, [caseId, companyId, allLevel]);
    for (const [locationId, level] of levels) {
      await m.query(`UPDATE case_entries SET level = $3 WHERE case_id = $1 AND location_id = $2`, [caseId, locationId, level]);
    }
  }

  /** Silence is not consent (DOMAIN.md step 3): unanswered requests become `silent`; their entries keep no level. */
  async markSilent(m: EntityManager, caseId: string): Promise<number> {
    const rows = returned(await m.query(`UPDATE case_consents SET status = 'silent' WHERE case_id = $1 AND status = 'pending' RETURNING company_id`, [caseId]));
    return rows.length;
  }

  async pendingConsentCompanies(m: EntityManager, caseId: string): Promise<string[]> {
    const rows: Array<{ company_id: string }> = await m.query(`SELECT company_id FROM case_consents WHERE case_id = $1 AND status = 'pending'`, [caseId]);
    return rows.map((r) => r.company_id);
  }

  // --- reports, brokering, dialogue (art. 22) ---

  async insertReport(m: EntityManager, caseId: string, personId: string, locationIds: string[], description: string): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO case_reports (case_id, reported_by, location_ids, description) VALUES ($1, $2, $3::uuid[], $4) RETURNING id`,
      [caseId, personId, locationIds, description],
    );
    return row.id;
  }

  async reports(m: EntityManager, caseId: string): Promise<Array<{ id: string; location_ids: string[]; description: string; created_at: Date }>> {
    return managerQuery(m, `SELECT id, location_ids, description, created_at FROM case_reports WHERE case_id = $1 ORDER BY created_at, id`, [caseId]);
  }

  async addBrokeredCompanies(m: EntityManager, caseId: string, companyIds: string[]): Promise<void> {
    await m.query(
      `INSERT INTO case_brokered_companies (case_id, company_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [caseId, companyIds],
    );
  }

  async confirmBrokered(m: EntityManager, caseId: string, companyIds: string[] | null): Promise<string[]> {
    const rows = returned<{ company_id: string }>(await m.query(
      `UPDATE case_brokered_companies SET confirmed_at = now()
        WHERE case_id = $1 AND confirmed_at IS NULL AND ($2::uuid[] IS NULL OR company_id = ANY($2::uuid[])) RETURNING company_id`,
      [caseId, companyIds],
    ));
    return rows.map((r) => r.company_id);
  }

  async brokered(m: EntityManager, caseId: string): Promise<Array<{ company_id: string; company_name: string; found_at: Date; confirmed_at: Date | null }>> {
    return managerQuery(m, 
      `SELECT b.company_id, o.name AS company_name, b.found_at, b.confirmed_at
         FROM case_brokered_companies b JOIN organisations o ON o.id = b.company_id WHERE b.case_id = $1 ORDER BY o.name`,
      [caseId],
    );
  }

  async insertMessage(m: EntityManager, caseId: string, personId: string, organisationId: string, kind: string, body: string): Promise<number> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO case_messages (case_id, author_person_id, author_organisation_id, kind, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [caseId, personId, organisationId, kind, body],
    );
    return Number(row.id);
  }

  async link(m: EntityManager, caseId: string, others: string[]): Promise<void> {
    for (const other of others) {
      await m.query(`INSERT INTO case_links (case_id, linked_case_id) VALUES ($1, $2), ($2, $1) ON CONFLICT DO NOTHING`, [caseId, other]);
    }
  }

  // --- who is who ---

  async organisation(m: EntityManager, id: string): Promise<CaseOrganisationRow | null> {
    const [row] = await m.query<CaseOrganisationRow[]>(`SELECT id, name, kind, is_party, constituency, status, affiliated_to FROM organisations WHERE id = $1`, [id]);
    return row ?? null;
  }

  async secretariatOrganisations(m: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(`SELECT id FROM organisations WHERE kind = 'secretariat' AND status = 'active'`);
    return rows.map((r) => r.id);
  }
}

/** A case-grant kind's rows: `SELECT <case id> AS case_id …` for a person and organisation (SQL expressions). */
type GrantFragment = (personId: string, organisationId: string, onCases: (column: string) => string) => string;

/** A case-grant kind's "held anywhere?" probes: scalar subqueries that are `true` when the caller holds it on some case. */
type ProbeFragment = (personId: string, organisationId: string) => string[];

/**
 * "Is there a row of `from` whose `column` is `value` (and `where`)?" as a scalar subquery that PostgreSQL must answer
 * from an index on `column` (issue 18), whatever it guesses about `value`. `EXISTS (… WHERE column = value)` lets it
 * plan a sequential scan that stops at the first match: for a prepared statement (a generic plan, or a value from the
 * session row) it guesses how many rows match from the column's number of distinct values — 3,333 of 10,000 cases
 * when three organisations file them all — and then scans the whole table for a caller that has none. Here the value
 * is a range (`>= v AND <= v`, which PostgreSQL does not turn into an equality) and the rows are ordered by `column`
 * (`EXISTS` would drop an `ORDER BY`, a scalar subquery keeps it), so every other plan needs the whole table sorted,
 * and the index on `column` — one lookup, stopping at its first row — is the cheapest whatever the estimate.
 */
const indexProbe = (from: string, column: string, value: string, where = '') =>
  `(SELECT true FROM ${from} WHERE ${column} >= ${value} AND ${column} <= ${value}${where ? ` AND ${where}` : ''} ORDER BY ${column} LIMIT 1)`;

/**
 * The caller's case grants, by kind. Each kind is defined here once; what it means is written next to the rule that
 * uses it (policies/cases.yaml, `when.grant` and `when.fact`). Kerngroep grants exclude a ruling's concerned
 * organisations (art. 84: they neither vote nor see the deliberation). `onCases(column)` narrows a fragment to the
 * cases a request is about (issue 18: an indexed lookup instead of every grant of the caller); `''` when it is not.
 * `anywhere` says the same as `rows` ("holds it on some case"), one `indexProbe` per indexed column of an `OR`; the
 * indexes are in migrations 1764000800000 and 1764000810000, and `npm run bench -- policies-sector-explain` counts
 * the sequential scans of the session statement at 10,000 cases (none).
 */
const GRANTS: ReadonlyArray<readonly [kind: string, rows: GrantFragment, anywhere: ProbeFragment]> = [
  ['case-requester', (_p, o, on) => `SELECT id AS case_id FROM cases WHERE (requester_organisation_id = ${o} OR on_behalf_of = ${o})${on('id')}`,
    (_p, o) => [indexProbe('cases', 'requester_organisation_id', o), indexProbe('cases', 'on_behalf_of', o)]],
  ['case-filer', (_p, o, on) => `SELECT id AS case_id FROM cases WHERE requester_organisation_id = ${o}${on('id')}`,
    (_p, o) => [indexProbe('cases', 'requester_organisation_id', o)]],
  ['case-beneficiary', (_p, o, on) =>
    `SELECT id AS case_id FROM cases WHERE type = 'disclosure' AND (on_behalf_of = ${o} OR (on_behalf_of IS NULL AND requester_organisation_id = ${o}))${on('id')}`,
    (_p, o) => [
      indexProbe('cases', 'on_behalf_of', o, `type = 'disclosure'`),
      indexProbe('cases', 'requester_organisation_id', o, `type = 'disclosure' AND on_behalf_of IS NULL`),
    ]],
  ['case-sponsor', (_p, o, on) => `SELECT id AS case_id FROM cases WHERE sponsor_organisation_id = ${o}${on('id')}`,
    (_p, o) => [indexProbe('cases', 'sponsor_organisation_id', o)]],
  ['case-subject', (_p, o, on) => `SELECT id AS case_id FROM cases WHERE subject_organisation_id = ${o}${on('id')}`,
    (_p, o) => [indexProbe('cases', 'subject_organisation_id', o)]],
  ['case-company', (_p, o, on) => `SELECT case_id FROM case_consents WHERE company_id = ${o}${on('case_id')}`,
    (_p, o) => [indexProbe('case_consents', 'company_id', o)]],
  ['case-brokered', (_p, o, on) => `SELECT case_id FROM case_brokered_companies WHERE company_id = ${o} AND confirmed_at IS NOT NULL${on('case_id')}`,
    (_p, o) => [indexProbe('case_brokered_companies', 'company_id', o, 'confirmed_at IS NOT NULL')]],
  ['case-kerngroep', (p, o, on) =>
    `SELECT r.case_id FROM rulings r
      WHERE NOT (${o} = ANY(r.concerned_organisation_ids))${on('r.case_id')}
        AND EXISTS (SELECT 1 FROM ruling_seats s WHERE s.ruling_id = r.id
                     AND (s.fixed_person_id = ${p} OR s.deputy_person_id = ${p} OR s.substitute_organisation_id = ${o}))`,
    (p, o) => (
      [['s.fixed_person_id', p], ['s.deputy_person_id', p], ['s.substitute_organisation_id', o]] as const
    ).map(([column, value]) =>
      indexProbe('ruling_seats s JOIN rulings r ON r.id = s.ruling_id', column, value, `NOT (${o} = ANY(r.concerned_organisation_ids))`))],
  ['case-assembly', (_p, o, on) =>
    `SELECT r.case_id FROM rulings r JOIN organisations org ON org.id = ${o}
      WHERE r.escalated_at IS NOT NULL AND org.is_party AND NOT (${o} = ANY(r.concerned_organisation_ids))${on('r.case_id')}`,
    // the escalated rulings in order of escalation (a partial index), once the caller's organisation is a party
    (_p, o) => [
      `(SELECT true FROM rulings r WHERE r.escalated_at IS NOT NULL AND NOT (${o} = ANY(r.concerned_organisation_ids))
           AND EXISTS (SELECT 1 FROM organisations org WHERE org.id = ${o} AND org.is_party) ORDER BY r.escalated_at LIMIT 1)`,
    ]],
  ['disclosure-access', (_p, o, on) =>
    `SELECT id AS case_id FROM cases
      WHERE type = 'disclosure' AND state = 'access_open' AND access_closes_at > now()
        AND (on_behalf_of = ${o} OR (on_behalf_of IS NULL AND requester_organisation_id = ${o}))${on('id')}`,
    (_p, o) => [
      indexProbe('cases', 'on_behalf_of', o, `type = 'disclosure' AND state = 'access_open' AND access_closes_at > now()`),
      indexProbe('cases', 'requester_organisation_id', o, `type = 'disclosure' AND state = 'access_open' AND access_closes_at > now() AND on_behalf_of IS NULL`),
    ]],
];

/** The kinds of case grant, as the policy files name them. */
export const CASE_GRANT_KINDS: readonly string[] = GRANTS.map(([kind]) => kind);

/** The grant definitions of `kinds` (unset: every kind). */
const grantsOf = (kinds?: readonly string[]) => (kinds ? GRANTS.filter(([kind]) => kinds.includes(kind)) : GRANTS);

/**
 * Every case grant (`case_id`, `kind`) of a person (`personId`) in an organisation (`organisationId`), both SQL
 * expressions; of `kinds` only, when given (the kinds a request's rules can look at).
 */
export const grantsSql = (personId: string, organisationId: string, kinds?: readonly string[]) =>
  grantsOf(kinds).map(([kind, rows]) => `SELECT g.case_id, '${kind}' AS kind FROM (${rows(personId, organisationId, () => '')}) g`).join('\n  UNION ');

/**
 * The caller's grants on the cases `caseIds` (an SQL `uuid[]` expression), plus, per kind, one `ANY_RECORD` row when the
 * caller holds that kind on any case at all: the ability then decides a route's "may ever" (the guard) exactly as with
 * every grant, and the cases named exactly as well, while each kind costs one index lookup per probe whatever the
 * sector's size (`indexProbe`). `recordsOnly`: without those rows (`FactRefs.recordsOnly`).
 */
export const grantsOnCasesSql = (personId: string, organisationId: string, caseIds: string, kinds?: readonly string[], recordsOnly = false) =>
  grantsOf(kinds).flatMap(([kind, rows, anywhere]) => [
    `SELECT g.case_id, '${kind}' AS kind FROM (${rows(personId, organisationId, (column) => ` AND ${column} = ANY(${caseIds})`)}) g`,
    ...(recordsOnly ? [] : [`SELECT '${ANY_RECORD}'::uuid, '${kind}' WHERE coalesce(${anywhere(personId, organisationId).join(', ')}, false)`]),
  ]).join('\n  UNION ALL ');
