import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RulingRow } from './rulings.repository.js';

/**
 * The batch reads behind the to-do list (issue 14, item 1): the same facts `RulingsRepository.votes` reads for one
 * ruling, for many rulings at once (the seats come from `RulingsRepository.seatsOf`), so a person with 200 open matters costs a fixed number of statements.
 */
@Injectable()
export class RulingTasksRepository {
  async openRulings(m: EntityManager, caseIds: string[]): Promise<RulingRow[]> {
    return m.query(`SELECT * FROM rulings WHERE case_id = ANY($1::uuid[]) AND stage <> 'decided'`, [caseIds]);
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
}
