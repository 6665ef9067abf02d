import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CompanyKeyringService } from '../crypto/keyring.service.js';
import type { DisclosureAudit } from './location-disclosure.service.js';
import { openNaw, plainNaw } from './location-fields.js';
import { type MatchRow, SupplierMatchRepository } from './supplier-match.repository.js';
import { profileOf } from './supplier-matching/match-profile.js';
import { scorePair, verdictOf } from './supplier-matching/match-score.js';

/** One entry of another company that may be the reported supplier (issue 16 items 1-2). */
export interface SupplierCandidate {
  reportedId: string;
  candidateId: string;
  companyId: string;
  /** `identity`: already one supplier (exact index, or an earlier confirmed match); `os-id`: the same OS ID; `score`: found by the fuzzy indexes and scored */
  method: 'identity' | 'os-id' | 'score';
  score: number;
  /** `match`: proposed (at or above the upper threshold); `review`: the secretariat decides */
  verdict: 'match' | 'review';
}

/** An entry as the secretariat sees it in the review queue: NAW and location, never the OS ID or competition-sensitive data. */
export interface ReviewedEntry {
  id: string;
  organisationId: string;
  supplierName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  country: string;
  region: string | null;
  activityType: string;
  shredded: boolean;
}

/**
 * Finding every buyer of a reported supplier however its name is spelled (art. 22 step 7; issue 16). Runs in the
 * secretariat's brokering use cases only: the blind indexes find candidates without decrypting any list; only the
 * reported entries and those candidates are decrypted, here, to be scored; every decryption is audited with the
 * case as its grant. Nothing here tells a company anything: the cases module proposes, the secretariat confirms.
 */
@Injectable()
export class SupplierMatchingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SupplierMatchRepository,
    private readonly keyring: CompanyKeyringService,
    private readonly audit: AuditService,
  ) {}

  get thresholds(): { auto: number; review: number } {
    return { auto: this.config.matchAutoThreshold, review: this.config.matchReviewThreshold };
  }

  /** The candidates of each reported entry, scored; below the review threshold they are left out. */
  async candidatesFor(m: EntityManager, reportedIds: string[], audit: DisclosureAudit): Promise<SupplierCandidate[]> {
    const reported = await this.repo.entries(m, reportedIds);
    const found: Array<{ src: MatchRow; cand: MatchRow }> = [];
    for (const src of reported) for (const cand of await this.repo.candidatesOf(m, src)) found.push({ src, cand });
    const toScore = found.filter(({ cand }) => !cand.same_identity && !cand.same_os_id);
    const naws = await this.open(m, [...new Map([...toScore.flatMap((f) => [f.src, f.cand])].map((r) => [r.id, r])).values()]);
    const out: SupplierCandidate[] = [];
    for (const { src, cand } of found) {
      const base = { reportedId: src.id, candidateId: cand.id, companyId: cand.organisation_id };
      if (cand.same_os_id) out.push({ ...base, method: 'os-id', score: 100, verdict: 'match' });
      else if (cand.same_identity) out.push({ ...base, method: 'identity', score: 100, verdict: 'match' });
      else {
        const a = naws.get(src.id);
        const b = naws.get(cand.id);
        if (!a || !b) continue; // a shredded company's entry (art. 73-77) can no longer be compared
        const { score } = scorePair(a, b, this.thresholds.auto);
        const verdict = verdictOf(score, this.thresholds);
        if (verdict !== 'no-match') out.push({ ...base, method: 'score', score, verdict });
      }
    }
    if (naws.size > 0) {
      await this.audit.appendInTransaction(m, {
        actor: audit.actor,
        action: 'production-locations.match',
        grant: audit.grant,
        details: { decrypted: [...naws.keys()], reported: reported.map((r) => r.id), candidates: out.length },
      });
    }
    return out;
  }

  /** The secretariat's side-by-side view of entries in its review queue; audited as a read under the case. */
  async sideBySide(m: EntityManager, ids: string[], audit: DisclosureAudit): Promise<Map<string, ReviewedEntry>> {
    const rows = await this.repo.entries(m, ids);
    const keys = await this.keyring.keysFor(m, rows.map((r) => r.organisation_id));
    const out = new Map<string, ReviewedEntry>();
    for (const r of rows) {
      const naw = openNaw(keys.get(r.organisation_id), r);
      out.set(r.id, {
        id: r.id,
        organisationId: r.organisation_id,
        ...plainNaw(naw),
        country: r.country,
        region: r.region,
        activityType: r.activity_type,
        shredded: naw === null,
      });
    }
    if (rows.length > 0) {
      await this.audit.appendInTransaction(m, { actor: audit.actor, action: 'production-locations.review-match', grant: audit.grant, details: { entries: rows.map((r) => r.id) } });
    }
    return out;
  }

  /** A confirmed match: both entries, and every entry of either identity in any year, become one supplier. */
  async confirmSameSupplier(m: EntityManager, reportedId: string, candidateId: string): Promise<void> {
    await this.repo.linkIdentities(m, reportedId, candidateId);
  }

  private async open(m: EntityManager, rows: MatchRow[]) {
    const keys = await this.keyring.keysFor(m, rows.map((r) => r.organisation_id));
    const out = new Map<string, ReturnType<typeof profileOf>>();
    for (const r of rows) {
      const naw = openNaw(keys.get(r.organisation_id), r);
      if (naw) out.set(r.id, profileOf({ name: naw.supplierName, address: naw.address, postcode: naw.postcode, city: naw.city, country: r.country, osId: naw.osId }));
    }
    return out;
  }
}
