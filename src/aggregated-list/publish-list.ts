import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService, canonicalJson } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { Conflict, type FieldProblem, Unprocessable } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AggregatedListRepository } from './aggregated-list.repository.js';
import { type PublishedList, SUPPRESSION_METHOD, view } from './aggregated-list.service.js';
import { derivableCells } from './differencing.js';
import { cellId, type PublishedCell, suppress } from './suppression.js';

/** The SHA-256 of a version's canonical content: year, k and the published cells in their published order. */
export const publicationHash = (year: number, k: number, cells: PublishedCell[]) =>
  createHash('sha256').update(canonicalJson({ year, minCompanies: k, cells })).digest('hex');

/**
 * POST /api/v1/aggregated-list/publications {year, withhold?}: the secretariat publishes the year's aggregated list
 * (art. 19: "jaarlijks geüpdatete lijst"), frozen, one version per year.
 *
 * Before it is written, the new version is checked against every published version (differencing.ts). A
 * publication that would make a cell derivable is REFUSED with 422 naming each cell (`cells[<id>]`) and the
 * version it could be differenced against; nothing is written. The secretariat then decides: it publishes again
 * with those cells in `withhold` (complementary suppression: they, and whatever the within-version rules then
 * also hide, are left out), or it waits. We refuse rather than suppress silently so that no cell disappears from
 * the published list without a person deciding it; the preview route lists the same cells beforehand.
 */
@Injectable()
export class PublishAggregatedList {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AggregatedListRepository,
    private readonly audit: AuditService,
  ) {}

  async execute(caller: Caller, input: { year: number; withhold?: string[] }): Promise<PublishedList> {
    return this.db.transaction('REPEATABLE READ', (m) => this.publishIn(m, input, caller));
  }

  /** The publication inside the caller's transaction (also the demo seed's, with no caller). */
  async publishIn(m: EntityManager, input: { year: number; withhold?: string[] }, caller: Caller | null): Promise<PublishedList> {
    const k = this.config.aggregationMinCompanies;
    const withhold = [...new Set(input.withhold ?? [])];
    await this.repo.lockPublications(m);
    if (await this.repo.publication(m, input.year))
      throw new Conflict(`The aggregated list of ${input.year} is already published; a version is never changed (art. 19: one list a year)`);
    const groups = await this.repo.groupsWithContributions(m, input.year);
    const known = new Set(Object.keys(groups.contributions.cells));
    const unknown: FieldProblem[] = withhold.flatMap((id, i) => (known.has(id) ? [] : [{ field: `withhold[${i}]`, problem: `is not a cell of the ${input.year} list (format country/activity/region-or-*/material-or-*)` }]));
    if (unknown.length) throw new Unprocessable('The request names cells that do not exist', unknown);
    const cells = suppress(groups, k, new Set(withhold));
    if (cells.length === 0) throw new Unprocessable('Nothing to publish', [{ field: 'year', problem: `no cell of ${input.year} is supported by ${k} or more companies` }]);
    const previous = (await this.repo.versionsForCheck(m)).filter((v) => v.year !== input.year);
    const derivable = derivableCells({ year: input.year, cells, contributions: groups.contributions }, previous, k);
    if (derivable.length)
      throw new Unprocessable(
        'Publishing would make cells derivable by differencing with a published version (art. 19-20); withhold them or wait',
        derivable.map((d) => ({ field: `cells[${d.cell}]`, problem: `its change since the ${d.against} version comes from ${d.companies} compan${d.companies === 1 ? 'y' : 'ies'}, fewer than k = ${k}` })),
      );
    const published = new Set(cells.map(cellId));
    const contributions = { orgs: groups.contributions.orgs, cells: Object.fromEntries(Object.entries(groups.contributions.cells).filter(([id]) => published.has(id))) };
    const hiddenCells = groups.totals.length + groups.regions.filter((r) => r.region !== null).length + groups.materials.length - cells.length;
    const sha256 = publicationHash(input.year, k, cells);
    const row = await this.repo.insertPublication(m, {
      year: input.year,
      k,
      cells,
      suppression: { method: SUPPRESSION_METHOD, withheld: withhold, hiddenCells },
      sha256,
      contributions,
      by: caller?.personId ?? null,
    });
    await this.audit.appendInTransaction(m, {
      actor: caller ? actorOf(caller) : null,
      action: 'aggregated-list.publish',
      object: { type: 'AggregatedList', id: String(input.year) },
      details: { year: input.year, k, cells: cells.length, withheld: withhold.length, sha256 },
    });
    return view(row, {});
  }
}
