import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseType } from './state-machines.js';

export interface OpenCaseRow {
  id: string;
  type: CaseType;
  state: string;
  version: number;
  closed_at: Date | null;
  /** the organisation that will see the disclosed data (art. 22): the local partner filed for, or the requester */
  beneficiary_organisation_id: string;
  /** the earliest open deadline of the case (consent round, access window, improvement period, …) */
  next_deadline: { kind: string; due_at: string } | null;
  /** the caller's organisation's consent answer, when it was asked */
  my_consent: string | null;
  /** the organisation that wrote the dialogue's latest message */
  last_message_organisation_id: string | null;
  reports: number;
  /** the companies the blind index found for the reported suppliers that the secretariat has not confirmed yet (art. 22) */
  unconfirmed_brokered: string[];
  /** supplier matches in the secretariat's review queue (issue 16) */
  to_review: string[];
}

/**
 * The one query behind the cases part of the to-do list (issue 14, item 1): every case the caller may read (the
 * read policy's own SQL condition) that is not in a final state, with what a task needs to know about it.
 */
@Injectable()
export class CaseTasksRepository {
  async openCases(m: EntityManager, where: { sql: string; params: unknown[] }, finalStates: string[], organisationId: string): Promise<OpenCaseRow[]> {
    const n = where.params.length;
    return m.query(
      `SELECT c.id, c.type, c.state, c.version, c.closed_at, coalesce(c.on_behalf_of, c.requester_organisation_id) AS beneficiary_organisation_id,
              (SELECT json_build_object('kind', d.kind, 'due_at', d.due_at) FROM case_deadlines d
                WHERE d.case_id = c.id AND d.fired_at IS NULL AND d.cancelled_at IS NULL ORDER BY d.due_at LIMIT 1) AS next_deadline,
              (SELECT cc.status FROM case_consents cc WHERE cc.case_id = c.id AND cc.company_id = $${n + 2}) AS my_consent,
              (SELECT cm.author_organisation_id FROM case_messages cm WHERE cm.case_id = c.id ORDER BY cm.id DESC LIMIT 1) AS last_message_organisation_id,
              (SELECT count(*)::int FROM case_reports r WHERE r.case_id = c.id) AS reports,
              ARRAY(SELECT b.company_id::text FROM case_brokered_companies b JOIN organisations o ON o.id = b.company_id
                     WHERE b.case_id = c.id AND b.confirmed_at IS NULL ORDER BY o.name) AS unconfirmed_brokered,
              ARRAY(SELECT mc.id::text FROM case_match_candidates mc WHERE mc.case_id = c.id AND mc.status = 'review'
                     ORDER BY mc.score DESC, mc.id) AS to_review
         FROM cases c
        WHERE ${where.sql} AND (c.type::text || ':' || c.state) <> ALL($${n + 1}::text[])
        ORDER BY c.created_at, c.id`,
      [...where.params, finalStates, organisationId],
    );
  }
}
