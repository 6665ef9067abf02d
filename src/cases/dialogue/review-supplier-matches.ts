import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { Conflict, InvalidTransition, NotFound } from '../../common/errors.js';
import { type ReviewedEntry, SupplierMatchingService } from '../../production-locations/supplier-matching.service.js';
import { CaseAccess } from '../case-access.js';
import { CasesRepository } from '../cases.repository.js';
import type { MatchDecisionDto } from '../dto/case-requests.dto.js';
import { type CandidateRow, MatchCandidatesRepository } from '../match-candidates.repository.js';
import { checkTransition } from '../state-machines.js';

export interface MatchCandidateView {
  id: string;
  status: CandidateRow['status'];
  /** how it was found: the same supplier identity, the same OS ID, or the fuzzy indexes and a score */
  method: CandidateRow['method'];
  score: number;
  company: { id: string; name: string };
  reason: string | null;
  decidedAt: string | null;
  /** the reported entry and the candidate, side by side (NAW decrypted for the secretariat only; audited) */
  reported: ReviewedEntry | null;
  candidate: ReviewedEntry | null;
}

/**
 * The secretariat's review of supplier matches (issue 16 item 2, art. 22 step 7): every entry of another company
 * found for a reported supplier, the uncertain ones (between the two thresholds) first; it confirms or rejects
 * each with a reason. A confirmed candidate links both entries to one supplier identity and puts its company on
 * the brokered list, where the secretariat still brings each company in one at a time (confirm-brokering); a
 * rejected one never reaches its company. Decisions apply while brokering does (the state machine's
 * confirm-brokering step); who may decide is policies/cases.yaml `secretariat-reviews-supplier-matches`.
 */
@Injectable()
export class ReviewSupplierMatches {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly cases: CasesRepository,
    private readonly candidates: MatchCandidatesRepository,
    private readonly matching: SupplierMatchingService,
  ) {}

  /** GET /api/v1/cases/:id/match-candidates */
  async list(caller: Caller, id: string): Promise<{ items: MatchCandidateView[]; toReview: number; thresholds: { auto: number; review: number } }> {
    await this.access.freshAbility(caller);
    return this.db.transaction(async (m) => {
      await this.access.lockVisible(m, caller, id, 'review-matches');
      const rows = await this.candidates.ofCase(m, id);
      const ids = [...new Set(rows.flatMap((r) => [r.reported_location_id, r.candidate_location_id]))];
      const entries = await this.matching.sideBySide(m, ids, { actor: actorOf(caller), grant: { type: 'case', id } });
      const items = rows.map((r) => this.viewOf(r, entries));
      return { items, toReview: items.filter((i) => i.status === 'review').length, thresholds: this.matching.thresholds };
    });
  }

  /** POST /api/v1/cases/:id/match-candidates/:candidateId/decision */
  async decide(caller: Caller, id: string, candidateId: string, dto: MatchDecisionDto): Promise<MatchCandidateView> {
    await this.access.freshAbility(caller);
    return this.db.transaction(async (m) => {
      const c = await this.access.lockVisible(m, caller, id, 'decide-match');
      const check = checkTransition(c.type, c.state, 'confirm-brokering');
      if (!check.ok) throw new InvalidTransition(check.message);
      const row = await this.candidates.lock(m, id, candidateId);
      if (!row) throw new NotFound('match candidate', candidateId);
      if (row.status === 'confirmed' || row.status === 'rejected') throw new Conflict(`This match has already been ${row.status}`);
      const reason = dto.reason.trim();
      if (dto.decision === 'confirm') {
        await this.candidates.decide(m, row.id, 'confirmed', caller.personId, reason);
        await this.matching.confirmSameSupplier(m, row.reported_location_id, row.candidate_location_id);
        await this.cases.addBrokeredCompanies(m, id, [row.company_id]);
      } else {
        await this.candidates.decide(m, row.id, 'rejected', caller.personId, reason);
        // A company whose only match was rejected leaves the list of companies to bring in (if not brought in yet).
        if (!(await this.candidates.hasLiveMatch(m, id, row.company_id))) {
          // (unless it owns a reported entry itself: then it sources from the supplier for certain)
          const reported = new Set((await this.cases.reports(m, id)).flatMap((r) => r.location_ids));
          const ownsReported = (await this.cases.entriesOf(m, id, row.company_id)).some((e) => reported.has(e.location_id));
          if (!ownsReported) await this.candidates.dropUnconfirmedBrokered(m, id, row.company_id);
        }
      }
      await this.cases.addEvent(m, {
        caseId: id,
        actor: actorOf(caller),
        action: dto.decision === 'confirm' ? 'brokering.match-confirmed' : 'brokering.match-rejected',
        audience: 'secretariat',
        details: { candidateId: row.id, method: row.method, score: row.score },
      });
      const fresh = (await this.candidates.lock(m, id, candidateId))!;
      const entries = await this.matching.sideBySide(m, [fresh.reported_location_id, fresh.candidate_location_id], { actor: actorOf(caller), grant: { type: 'case', id } });
      return this.viewOf(fresh, entries);
    });
  }

  private viewOf(r: CandidateRow, entries: Map<string, ReviewedEntry>): MatchCandidateView {
    return {
      id: r.id,
      status: r.status,
      method: r.method,
      score: r.score,
      company: { id: r.company_id, name: r.company_name },
      reason: r.reason,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      reported: entries.get(r.reported_location_id) ?? null,
      candidate: entries.get(r.candidate_location_id) ?? null,
    };
  }
}
