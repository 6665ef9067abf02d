import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { changeView } from './give-notice.js';
import { MembershipRepository } from './membership.repository.js';

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

/** The register of who joins and leaves (art. 69-77): in full for the secretariat and the Kerngroep, at headline level for the parties, removals in public. */
@Injectable()
export class MembershipRegister {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MembershipRepository,
    private readonly audit: AuditService,
  ) {}

  /** GET /api/v1/membership/changes (policies/membership.yaml: the secretariat, the Kerngroep, the chair), with motivations. */
  async changes(caller: Caller) {
    const rows = await this.repo.changes(this.db.manager);
    await this.audit.record({ actor: actorOf(caller), action: 'membership.list', details: { count: rows.length } });
    return { items: rows.map((r) => changeView(r, true)) };
  }

  /**
   * GET /api/v1/membership/headlines (policies/membership-headlines.yaml): every withdrawal and removal with its
   * dates; a removal with its short public explanation (art. 77), a withdrawal without its motivation.
   */
  async headlines() {
    const rows = await this.repo.changes(this.db.manager);
    return {
      items: rows.map((r) => ({
        kind: r.kind,
        organisation: { id: r.organisation_id, name: r.organisation_name },
        effectiveAt: day(r.effective_at),
        dutiesUntil: r.duties_until,
        effected: r.effected_at !== null,
        ...(r.kind === 'removal' ? { explanation: r.motivation, decidedAt: day(r.given_at) } : { givenAt: day(r.given_at) }),
      })),
    };
  }

  /** GET /api/v1/public/removals: the Kerngroep makes a removal public with a short explanation (art. 77). */
  async publicRemovals() {
    const rows = await this.repo.publishedRemovals(this.db.manager);
    return {
      items: rows.map((r) => ({ organisation: r.organisation_name, explanation: r.explanation, decidedAt: day(r.decided_at), effectiveAt: day(r.effective_at), dutiesUntil: r.duties_until })),
    };
  }
}
