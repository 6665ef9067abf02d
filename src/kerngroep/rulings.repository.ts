import { Injectable } from '@nestjs/common';
import type { OrganisationRuleRow } from '../common/organisation-row.js';
import { managerQuery } from '../common/prepared-query.js';
import { jsonDate, jsonDateOrNull, type SqlPart } from '../common/sql-part.js';
import type { EntityManager } from 'typeorm';
import type { Constituency, Language } from '../common/caller.js';
import type { Seat, SeatState, VoteChoice } from './decision-rule.js';
import { ANY_RECORD } from '../policies/policies.service.js';

export interface RulingRow {
  id: string;
  case_id: string;
  stage: 'kerngroep' | 'assembly' | 'decided';
  proposal: Record<string, unknown>;
  concerned_organisation_ids: string[];
  outcome: 'approved' | 'rejected' | null;
  basis: 'consensus' | 'majority' | 'assembly' | null;
  tally: Record<string, unknown> | null;
  escalation_reason: string | null;
  reasons: string | null;
  opened_at: Date;
  escalated_at: Date | null;
  decided_at: Date | null;
  /** art. 49: the deadline of the current stage's vote */
  vote_due_at: Date | null;
}

export interface VoteRow {
  stage: 'kerngroep' | 'assembly';
  seat: Seat | null;
  organisation_id: string;
  organisation_name: string;
  person_id: string;
  person_name: string;
  capacity: 'fixed' | 'deputy' | 'substitute' | 'party';
  vote: VoteChoice;
  reason: string | null;
  cast_at: Date;
}

export interface Recipient {
  email: string;
  language: Language;
}

/** An organisation as the ruling rules see it (concerned, party, constituency). */
export type RulingOrganisationRow = OrganisationRuleRow;

/**
 * Fact `vote-decided` (art. 49; the condition of `chair-closes-vote` in policies/cases.yaml): the ruling is not decided
 * yet and its current vote is decided — every seat (Kerngroep stage) or every party that votes (assembly stage, see
 * `assemblyParties`) has voted, abstaining counts as having voted — or the vote's deadline has passed. A condition on
 * the ruling `r`; the one definition, used by the fact provider and by `voteDecided` (the deliberation's `closable`).
 */
const KERNGROEP_ALL_VOTED = `NOT EXISTS (
          SELECT 1 FROM unnest(ARRAY['unions','ngos','branch_orgs','companies']::constituency[]) s(seat)
           WHERE NOT EXISTS (SELECT 1 FROM ruling_votes v WHERE v.ruling_id = r.id AND v.stage = 'kerngroep' AND v.seat = s.seat))`;
const ASSEMBLY_ALL_VOTED = `NOT EXISTS (
          SELECT 1 FROM organisations o
           WHERE o.is_party AND o.status IN ('active', 'withdrawing') AND NOT (o.id = ANY(r.concerned_organisation_ids))
             AND NOT EXISTS (SELECT 1 FROM ruling_votes v WHERE v.ruling_id = r.id AND v.stage = 'assembly' AND v.organisation_id = o.id))`;
const VOTE_DECIDED = `r.stage <> 'decided' AND (
    r.vote_due_at <= now()
    OR (r.stage = 'kerngroep' AND ${KERNGROEP_ALL_VOTED})
    OR (r.stage = 'assembly' AND ${ASSEMBLY_ALL_VOTED}))`;

/**
 * The rulings `r` whose vote is decided (`VOTE_DECIDED`), found through the partial indexes of migration
 * 1764000870000 instead of a scan of every open ruling (issue 18), one branch per way a vote is decided: the deadline
 * passed (the open rulings by `vote_due_at`); every seat voted (such a ruling has the first seat's Kerngroep vote,
 * so the branch starts from those votes); every party voted (the rulings with the assembly, few at any time). Each
 * branch implies `r.stage <> 'decided'`, and together they are exactly `VOTE_DECIDED`. `pick` is the select list;
 * `limit` ends each branch at its first row ("is any vote decided?").
 */
const decidedRulings = (pick: string, limit = '') => `
  (SELECT ${pick} FROM rulings r WHERE r.stage <> 'decided' AND r.vote_due_at <= now() ORDER BY r.vote_due_at${limit})
  UNION ALL (SELECT ${pick} FROM ruling_votes fv JOIN rulings r ON r.id = fv.ruling_id
              WHERE fv.stage = 'kerngroep' AND fv.seat = 'unions' AND r.stage = 'kerngroep' AND ${KERNGROEP_ALL_VOTED} ORDER BY fv.ruling_id${limit})
  UNION ALL (SELECT ${pick} FROM rulings r WHERE r.stage = 'assembly' AND ${ASSEMBLY_ALL_VOTED} ORDER BY r.id${limit})`;

/**
 * The rulings facts for the policies (`vote-decided`), as `{kind, case_id, ruling_id}` rows: of every ruling, or of the
 * rulings of the cases `caseIds` (an SQL `uuid[]`) plus one row on a case id no case has when any vote is decided at
 * all (so "may ever" is decided as with every row; see `grantsOnCasesSql` in src/cases/cases.repository.ts).
 */
export const rulingFactsSql = (caseIds?: string, recordsOnly = false) =>
  caseIds
    ? `SELECT 'vote-decided' AS kind, r.case_id, r.id AS ruling_id FROM rulings r WHERE r.case_id = ANY(${caseIds}) AND ${VOTE_DECIDED}${recordsOnly ? '' : `
       UNION ALL SELECT 'vote-decided', '${ANY_RECORD}'::uuid, '${ANY_RECORD}'::uuid WHERE EXISTS (SELECT 1 FROM (${decidedRulings('1', ' LIMIT 1')}) d)`}`
    : `SELECT DISTINCT 'vote-decided' AS kind, d.case_id, d.ruling_id FROM (${decidedRulings('r.case_id, r.id AS ruling_id')}) d`;

/**
 * The ruling of the case `key` (an SQL expression) as one json value, for the case view's one statement (issue 18);
 * `read` gives the row `forCase` would have read. Handed out by `RulingsService.caseRulingPart`.
 */
export const caseRulingPart: SqlPart<RulingRow | null> = {
  sql: (key) => `(SELECT to_json(r) FROM rulings r WHERE r.case_id = ${key})`,
  read: (json) => {
    if (json === null || json === undefined) return null;
    const r = json as RulingRow;
    return { ...r, opened_at: jsonDate(r.opened_at), escalated_at: jsonDateOrNull(r.escalated_at), decided_at: jsonDateOrNull(r.decided_at), vote_due_at: jsonDateOrNull(r.vote_due_at) };
  },
};

/**
 * A seat `s` (ruling_seats, with `pf`/`pd` the people rows of its fixed and deputy representative) of the ruling `r`
 * needs a substitute (art. 84): it is recused — the matter concerns the organisation of its fixed representative, or
 * of the deputy standing in for an absent one — or vacant (nobody holds it: its organisation left the agreement while
 * the vote was open, art. 73-77). The one definition, used by the voter facts below and by `seatsOf`.
 */
const SEAT_RECUSED = `coalesce(pf.organisation_id = ANY(r.concerned_organisation_ids)
    OR (s.is_fixed_absent AND pd.organisation_id = ANY(r.concerned_organisation_ids)), false)`;
const SEAT_VACANT = `(s.fixed_person_id IS NULL AND s.deputy_person_id IS NULL)`;
const SEAT_NEEDS_SUBSTITUTE = `(${SEAT_RECUSED} OR ${SEAT_VACANT})`;

/**
 * The organisation `o` (an SQL expression, alias `org` joined) votes in the Sectormodule Vergadering on ruling `r`
 * (art. 49): a party, including one whose withdrawal has not yet taken effect (art. 73-75: it stays a party until
 * then), not concerned by the matter (art. 84). The one definition, used by the fact `assembly-party` and by `assemblyParties`.
 */
const ASSEMBLY_PARTY = `org.is_party AND org.status IN ('active', 'withdrawing') AND NOT (org.id = ANY(r.concerned_organisation_ids))`;

/** The voter facts of policies/cases.yaml (action `vote`), with the seat and capacity each one votes in. */
export type VoterFactKind = 'seat-fixed-member' | 'seat-deputy' | 'seat-fixed-member-present' | 'seat-substitute' | 'assembly-party' | 'ruling-concerned';

/**
 * Who votes on a case's ruling (art. 46-49, 73-75, 84), as rows `(kind, case_id, ruling_id, seat, capacity)` for the
 * person `p` of organisation `o` (SQL expressions); `on(column)` narrows them to the cases a request is about. Each
 * kind is a fact of policies/cases.yaml, defined here once; its meaning is written next to the rule that uses it:
 * - `seat-fixed-member`: `p` is the fixed representative of a seat of the ruling (the holder when it opened, art. 47,
 *   49) that needs no substitute, and the matter is with the Kerngroep (not sent to the assembly);
 * - `seat-deputy`: `p` is the deputy of such a seat;
 * - `seat-fixed-member-present`: `p` is the deputy of such a seat whose fixed representative is present: the chair did
 *   not record them absent and the fixed place is not empty;
 * - `seat-substitute`: `o` is the party the chair appointed for a seat that needs a substitute (art. 84);
 * - `assembly-party`: the matter went to the Sectormodule Vergadering and `o` votes there (`ASSEMBLY_PARTY`);
 * - `ruling-concerned`: the matter concerns `o` (art. 84).
 * Used by the fact provider (`voter-facts.ts`) and by `voterSeat`, so the route's 403 and the seat a vote is cast for
 * are one answer.
 */
export const votersSql = (p: string, o: string, on: (column: string) => string = () => '') => `
  SELECT CASE WHEN ${SEAT_NEEDS_SUBSTITUTE} THEN 'seat-substitute' WHEN s.fixed_person_id = ${p} THEN 'seat-fixed-member' ELSE 'seat-deputy' END AS kind,
         r.case_id, r.id AS ruling_id, s.constituency::text AS seat,
         CASE WHEN ${SEAT_NEEDS_SUBSTITUTE} THEN 'substitute' WHEN s.fixed_person_id = ${p} THEN 'fixed' ELSE 'deputy' END AS capacity
    FROM rulings r JOIN ruling_seats s ON s.ruling_id = r.id
    LEFT JOIN people pf ON pf.id = s.fixed_person_id LEFT JOIN people pd ON pd.id = s.deputy_person_id
   WHERE r.escalated_at IS NULL${on('r.case_id')}
     AND CASE WHEN ${SEAT_NEEDS_SUBSTITUTE} THEN s.substitute_organisation_id = ${o}
              ELSE s.fixed_person_id = ${p} OR s.deputy_person_id = ${p} END
  UNION ALL
  SELECT 'seat-fixed-member-present', r.case_id, r.id, s.constituency::text, 'deputy'
    FROM rulings r JOIN ruling_seats s ON s.ruling_id = r.id
    LEFT JOIN people pf ON pf.id = s.fixed_person_id LEFT JOIN people pd ON pd.id = s.deputy_person_id
   WHERE r.escalated_at IS NULL${on('r.case_id')} AND s.deputy_person_id = ${p} AND s.fixed_person_id IS DISTINCT FROM ${p}
     AND NOT ${SEAT_NEEDS_SUBSTITUTE} AND NOT coalesce(s.is_fixed_absent, false) AND s.fixed_person_id IS NOT NULL
  UNION ALL
  SELECT 'assembly-party', r.case_id, r.id, NULL, 'party'
    FROM rulings r JOIN organisations org ON org.id = ${o}
   WHERE r.escalated_at IS NOT NULL${on('r.case_id')} AND ${ASSEMBLY_PARTY}
  UNION ALL
  SELECT 'ruling-concerned', r.case_id, r.id, NULL, NULL
    FROM rulings r WHERE ${o} = ANY(r.concerned_organisation_ids)${on('r.case_id')}`;

/**
 * The voter facts as `{kind, objectId, grantId}` json for the policies: of every ruling, or of the rulings of the cases
 * `caseIds` (an SQL `uuid[]`) plus, per kind, one `ANY_RECORD` row when the caller holds it on any case at all (so the
 * route's "may ever" is decided as with every row; see `grantsOnCasesSql` in src/cases/cases.repository.ts).
 */
export const voterFactsSql = (p: string, o: string, caseIds?: string, recordsOnly = false) => {
  // A holder of a seat today (view kerngroep_seats) holds its fact on every matter opened from now on, so it "may ever"
  // vote (the route's guard) before any matter is open: the `ANY_RECORD` row, which opens no case.
  const seatHolder = `SELECT 'seat-fixed-member' AS kind, '${ANY_RECORD}'::uuid AS case_id FROM kerngroep_seats WHERE fixed_person_id = ${p}
       UNION SELECT 'seat-deputy', '${ANY_RECORD}'::uuid FROM kerngroep_seats WHERE deputy_person_id = ${p}`;
  const facts = (rows: string) =>
    `(SELECT coalesce(json_agg(json_build_object('kind', f.kind, 'objectId', f.case_id, 'grantId', f.case_id)), '[]'::json) FROM (${rows}) f)`;
  if (!caseIds) return facts(`SELECT kind, case_id FROM (${votersSql(p, o)}) v UNION ${seatHolder}`);
  const onCases = `SELECT kind, case_id FROM (${votersSql(p, o, (column) => ` AND ${column} = ANY(${caseIds})`)}) v`;
  if (recordsOnly) return facts(onCases);
  return facts(`${onCases}
       UNION SELECT kind, '${ANY_RECORD}'::uuid FROM (${votersSql(p, o)}) v UNION ${seatHolder}`);
};

/** Every query of the rulings tables, the seats and the people the Kerngroep mails. */
@Injectable()
export class RulingsRepository {
  async insert(m: EntityManager, caseId: string, proposal: Record<string, unknown>, concerned: string[]): Promise<RulingRow> {
    const [row] = await m.query<RulingRow[]>(
      `INSERT INTO rulings (case_id, proposal, concerned_organisation_ids) VALUES ($1, $2, $3::uuid[]) RETURNING *`,
      [caseId, JSON.stringify(proposal), concerned],
    );
    await m.query(
      // The holders in force when the matter opens vote on it (art. 47, 49); a later seat change keeps them unless it
      // says otherwise (KerngroepSeats.assign, openVotes: transfer).
      `INSERT INTO ruling_seats (ruling_id, constituency, organisation_id, fixed_person_id, deputy_person_id)
       SELECT $1, constituency, organisation_id, fixed_person_id, deputy_person_id FROM kerngroep_seats`,
      [row.id],
    );
    return row;
  }

  async forCase(m: EntityManager, caseId: string): Promise<RulingRow | null> {
    const [row] = await managerQuery<RulingRow & Record<string, unknown>>(m, `SELECT * FROM rulings WHERE case_id = $1`, [caseId]);
    return row ?? null;
  }

  async forCases(m: EntityManager, caseIds: string[]): Promise<Map<string, RulingRow>> {
    const rows: RulingRow[] = await m.query(`SELECT * FROM rulings WHERE case_id = ANY($1::uuid[])`, [caseIds]);
    return new Map(rows.map((r) => [r.case_id, r]));
  }

  /** The four seats with who held them when the ruling opened (art. 46-47) and its absences and substitutes (art. 84). */
  async seats(m: EntityManager, rulingId: string): Promise<SeatState[]> {
    return (await this.seatsOf(m, [rulingId])).get(rulingId) ?? [];
  }

  /** `seats` for many rulings in one statement (the to-do list, issue 14), in seat order per ruling. */
  async seatsOf(m: EntityManager, rulingIds: string[]): Promise<Map<string, SeatState[]>> {
    const rows: Array<{
      ruling_id: string;
      constituency: Seat;
      fixed_person_id: string | null;
      fixed_org: string | null;
      deputy_person_id: string | null;
      deputy_org: string | null;
      is_fixed_absent: boolean | null;
      substitute_organisation_id: string | null;
      is_recused: boolean;
      is_vacant: boolean;
    }> = await m.query(
      `SELECT s.ruling_id, s.constituency, s.fixed_person_id, pf.organisation_id AS fixed_org, s.deputy_person_id,
              pd.organisation_id AS deputy_org, s.is_fixed_absent, s.substitute_organisation_id,
              ${SEAT_RECUSED} AS is_recused, ${SEAT_VACANT} AS is_vacant
         FROM ruling_seats s JOIN rulings r ON r.id = s.ruling_id
         LEFT JOIN people pf ON pf.id = s.fixed_person_id
         LEFT JOIN people pd ON pd.id = s.deputy_person_id
        WHERE s.ruling_id = ANY($1::uuid[])
        ORDER BY s.ruling_id, array_position(ARRAY['unions','ngos','branch_orgs','companies']::constituency[], s.constituency)`,
      [rulingIds],
    );
    const out = new Map<string, SeatState[]>();
    for (const r of rows) {
      let list = out.get(r.ruling_id);
      if (!list) out.set(r.ruling_id, (list = []));
      list.push({
        seat: r.constituency,
        fixedPersonId: r.fixed_person_id,
        fixedOrganisationId: r.fixed_org,
        deputyPersonId: r.deputy_person_id,
        deputyOrganisationId: r.deputy_org,
        isFixedAbsent: !!r.is_fixed_absent,
        substituteOrganisationId: r.substitute_organisation_id,
        isRecused: r.is_recused,
        isVacant: r.is_vacant,
      });
    }
    return out;
  }

  async recordAbsence(m: EntityManager, rulingId: string, seat: Constituency, absent: boolean): Promise<void> {
    await m.query(`UPDATE ruling_seats SET is_fixed_absent = $3 WHERE ruling_id = $1 AND constituency = $2`, [rulingId, seat, absent]);
  }

  async appointSubstitute(m: EntityManager, rulingId: string, seat: Constituency, organisationId: string, by: string): Promise<void> {
    await m.query(
      `UPDATE ruling_seats SET substitute_organisation_id = $3, substitute_appointed_by = $4 WHERE ruling_id = $1 AND constituency = $2`,
      [rulingId, seat, organisationId, by],
    );
  }

  /**
   * The seat and capacity the person `personId` of `organisationId` votes in on the ruling of `caseId` (`votersSql`:
   * the facts the vote rules of policies/cases.yaml allow on), or null; in the assembly `{seat: null, capacity: 'party'}`.
   */
  async voterSeat(m: EntityManager, caseId: string, personId: string, organisationId: string): Promise<{ seat: Seat | null; capacity: 'fixed' | 'deputy' | 'substitute' | 'party' } | null> {
    const [row]: Array<{ seat: Seat | null; capacity: 'fixed' | 'deputy' | 'substitute' | 'party' }> = await m.query(
      `SELECT v.seat, v.capacity FROM (${votersSql('$2::uuid', '$3::uuid')}) v
        WHERE v.case_id = $1 AND v.kind IN ('seat-fixed-member', 'seat-deputy', 'seat-substitute', 'assembly-party')
        ORDER BY array_position(ARRAY['unions','ngos','branch_orgs','companies'], v.seat) LIMIT 1`,
      [caseId, personId, organisationId],
    );
    return row ? { seat: row.seat, capacity: row.capacity } : null;
  }

  /** `voterSeat` for the rulings of many cases in one statement (the to-do list, issue 14), by case id. */
  async voterSeatsOf(m: EntityManager, caseIds: string[], personId: string, organisationId: string): Promise<Map<string, { seat: Seat | null; capacity: 'fixed' | 'deputy' | 'substitute' | 'party' }>> {
    const rows: Array<{ case_id: string; seat: Seat | null; capacity: 'fixed' | 'deputy' | 'substitute' | 'party' }> = await m.query(
      `SELECT DISTINCT ON (v.case_id) v.case_id, v.seat, v.capacity
         FROM (${votersSql('$2::uuid', '$3::uuid', (column) => ` AND ${column} = ANY($1::uuid[])`)}) v
        WHERE v.kind IN ('seat-fixed-member', 'seat-deputy', 'seat-substitute', 'assembly-party')
        ORDER BY v.case_id, array_position(ARRAY['unions','ngos','branch_orgs','companies'], v.seat)`,
      [caseIds, personId, organisationId],
    );
    return new Map(rows.map((r) => [r.case_id, { seat: r.seat, capacity: r.capacity }]));
  }

  /** Whether the ruling's current vote is decided (fact `vote-decided`, above): the chair may close it. */
  async voteDecided(m: EntityManager, rulingId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM rulings r WHERE r.id = $1 AND ${VOTE_DECIDED}`, [rulingId]);
    return rows.length > 0;
  }

  /** The ruling's proposal as it stands now (the chair may have narrowed it before the first vote). */
  async proposal(m: EntityManager, rulingId: string): Promise<Record<string, unknown>> {
    const [row] = await m.query<Array<{ proposal: Record<string, unknown> }>>(`SELECT proposal FROM rulings WHERE id = $1`, [rulingId]);
    return row.proposal;
  }

  async setReasons(m: EntityManager, rulingId: string, reasons: string): Promise<void> {
    await m.query(`UPDATE rulings SET reasons = $2 WHERE id = $1`, [rulingId, reasons]);
  }

  async setVoteDue(m: EntityManager, rulingId: string, dueAt: Date): Promise<void> {
    await m.query(`UPDATE rulings SET vote_due_at = $2 WHERE id = $1`, [rulingId, dueAt]);
  }

  async setProposal(m: EntityManager, rulingId: string, proposal: Record<string, unknown>): Promise<void> {
    await m.query(`UPDATE rulings SET proposal = $2 WHERE id = $1`, [rulingId, JSON.stringify(proposal)]);
  }

  /** Inserts a vote; returns false when the seat (or party) already voted: the unique index decides. */
  async insertVote(
    m: EntityManager,
    v: { rulingId: string; stage: 'kerngroep' | 'assembly'; seat: Seat | null; organisationId: string; personId: string; capacity: string; vote: VoteChoice; reason: string | null },
  ): Promise<boolean> {
    const rows = await m.query<Array<{ id: string }>>(
      `INSERT INTO ruling_votes (ruling_id, stage, seat, organisation_id, person_id, capacity, vote, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [v.rulingId, v.stage, v.seat, v.organisationId, v.personId, v.capacity, v.vote, v.reason],
    );
    return rows.length === 1;
  }

  async votes(m: EntityManager, rulingId: string): Promise<VoteRow[]> {
    return m.query(
      `SELECT v.stage, v.seat, v.organisation_id, o.name AS organisation_name, v.person_id, p.name AS person_name,
              v.capacity, v.vote, v.reason, v.cast_at
         FROM ruling_votes v JOIN organisations o ON o.id = v.organisation_id JOIN people p ON p.id = v.person_id
        WHERE v.ruling_id = $1 ORDER BY v.id`,
      [rulingId],
    );
  }

  async escalate(m: EntityManager, rulingId: string, reason: string, tally: unknown): Promise<void> {
    await m.query(
      `UPDATE rulings SET stage = 'assembly', escalated_at = now(), escalation_reason = $2, tally = $3 WHERE id = $1`,
      [rulingId, reason, JSON.stringify({ kerngroep: tally })],
    );
  }

  async decide(m: EntityManager, rulingId: string, outcome: string, basis: string, tally: unknown, reasons: string | null): Promise<void> {
    await m.query(
      `UPDATE rulings SET stage = 'decided', outcome = $2, basis = $3, decided_at = now(),
              tally = coalesce(tally, '{}'::jsonb) || $4::jsonb, reasons = coalesce($5, reasons)
        WHERE id = $1`,
      [rulingId, outcome, basis, JSON.stringify(basis === 'assembly' ? { assembly: tally } : { kerngroep: tally }), reasons],
    );
  }

  /**
   * Art. 49: the parties voting in the Sectormodule Vergadering: every party except a concerned one, including a
   * party whose withdrawal has not yet taken effect (art. 73-75: it stays a party until then).
   */
  async assemblyParties(m: EntityManager, concerned: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT org.id FROM organisations org, (SELECT $1::uuid[] AS concerned_organisation_ids) r WHERE ${ASSEMBLY_PARTY} ORDER BY org.name`,
      [concerned],
    );
    return rows.map((r) => r.id);
  }

  /** The Kerngroep's seat holders and the chair, for the agenda mail (art. 48). Concerned organisations excluded. */
  async kerngroepRecipients(m: EntityManager, concerned: string[]): Promise<Recipient[]> {
    return m.query(
      `SELECT DISTINCT p.email, p.language FROM people p
        WHERE p.disabled_at IS NULL AND NOT (p.organisation_id = ANY($1::uuid[]))
          AND (p.id IN (SELECT person_id FROM kerngroep_chair) OR p.id IN (SELECT fixed_person_id FROM kerngroep_seats UNION SELECT deputy_person_id FROM kerngroep_seats))
        ORDER BY p.email`,
      [concerned],
    );
  }

  /** The chair(s) of the Kerngroep (art. 50), for the mail that a vote's deadline has passed. */
  async chairRecipients(m: EntityManager): Promise<Recipient[]> {
    return m.query(`SELECT email, language FROM people WHERE id IN (SELECT person_id FROM kerngroep_chair) AND disabled_at IS NULL ORDER BY email`);
  }

  async organisation(m: EntityManager, id: string): Promise<RulingOrganisationRow | null> {
    const [row] = await m.query<RulingOrganisationRow[]>(`SELECT id, name, kind, is_party, constituency, status, affiliated_to FROM organisations WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Headline minutes (art. 48) of every ruling, newest first. */
  async headlines(m: EntityManager, limit: number): Promise<Array<RulingRow & { type: string }>> {
    return m.query(
      `SELECT r.*, c.type FROM rulings r JOIN cases c ON c.id = r.case_id ORDER BY r.opened_at DESC LIMIT $1`,
      [limit],
    );
  }

  /**
   * The rulings that belong on the agenda of a meeting at `until` whose previous meeting was at `after` (art. 48;
   * meetings/agenda.ts decides each one): opened by then and not decided before the previous meeting.
   */
  async agendaRulings(m: EntityManager, until: Date, after: Date | null): Promise<Array<{ case_id: string; type: string; stage: RulingRow['stage']; outcome: RulingRow['outcome']; opened_at: Date; decided_at: Date | null }>> {
    return m.query(
      `SELECT r.case_id, c.type, r.stage, r.outcome, r.opened_at, r.decided_at
         FROM rulings r JOIN cases c ON c.id = r.case_id
        WHERE r.opened_at <= $1 AND ($2::timestamptz IS NULL OR r.decided_at IS NULL OR r.decided_at > $2)
        ORDER BY r.opened_at, r.case_id`,
      [until, after],
    );
  }
}
