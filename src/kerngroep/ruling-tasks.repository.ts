import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Seat, SeatState } from './decision-rule.js';
import type { RulingRow } from './rulings.repository.js';

/**
 * The batch reads behind the to-do list (issue 14, item 1): the same facts `RulingsRepository.seats` and `votes`
 * read for one ruling, for many rulings at once, so a person with 200 open matters costs a fixed number of statements.
 */
@Injectable()
export class RulingTasksRepository {
  async openRulings(m: EntityManager, caseIds: string[]): Promise<RulingRow[]> {
    return m.query(`SELECT * FROM rulings WHERE case_id = ANY($1::uuid[]) AND stage <> 'decided'`, [caseIds]);
  }

  /** Per ruling, the four seats with who held them when the ruling opened (the `ruling_seats` snapshot, as
   * `RulingsRepository.seats` reads it) and this ruling's absences and substitutes (art. 46-47, 84). */
  async seats(m: EntityManager, rulingIds: string[]): Promise<Map<string, SeatState[]>> {
    const rows: Array<{
      ruling_id: string;
      constituency: Seat;
      fixed_person_id: string | null;
      fixed_org: string | null;
      deputy_person_id: string | null;
      deputy_org: string | null;
      is_fixed_absent: boolean | null;
      substitute_organisation_id: string | null;
    }> = await m.query(
      `SELECT s.ruling_id, s.constituency, s.fixed_person_id, pf.organisation_id AS fixed_org, s.deputy_person_id,
              pd.organisation_id AS deputy_org, s.is_fixed_absent, s.substitute_organisation_id
         FROM ruling_seats s
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
      });
    }
    return out;
  }

  /** Per ruling, the seats that voted in the Kerngroep and the organisations that voted in the assembly. */
  async votesCast(m: EntityManager, rulingIds: string[]): Promise<Map<string, { seats: Set<string>; assemblyOrganisations: Set<string> }>> {
    const rows: Array<{ ruling_id: string; stage: string; seat: string | null; organisation_id: string }> = await m.query(
      `SELECT ruling_id, stage, seat, organisation_id FROM ruling_votes WHERE ruling_id = ANY($1::uuid[])`,
      [rulingIds],
    );
    const out = new Map<string, { seats: Set<string>; assemblyOrganisations: Set<string> }>();
    for (const id of rulingIds) out.set(id, { seats: new Set(), assemblyOrganisations: new Set() });
    for (const r of rows) {
      const v = out.get(r.ruling_id)!;
      if (r.stage === 'kerngroep' && r.seat) v.seats.add(r.seat);
      if (r.stage === 'assembly') v.assemblyOrganisations.add(r.organisation_id);
    }
    return out;
  }

  /** Is the organisation an active party (the assembly's electorate, `RulingsRepository.assemblyParties`)? */
  async isActiveParty(m: EntityManager, organisationId: string): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM organisations WHERE id = $1 AND is_party AND status = 'active'`, [organisationId]);
    return !!row;
  }
}
