import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import { pickFields } from '../policies/ability.js';
import { PoliciesService } from '../policies/policies.service.js';
import { type AggregatedCellDto, type AggregatedPlanDto, MEASURE_THEMES, type PlanOfActionDto, type SubmitPlanDto } from './dto/monitoring.dto.js';
import { UUID } from './monitoring-results.repository.js';
import { type PlanRow, PlansRepository } from './plans.repository.js';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

/**
 * Art. 12 aggregation: a cell (an OECD step or a theme) is shown only when at least this many companies
 * contribute to it, so the aggregated plan cannot be traced to a company.
 */
export const AGGREGATION_THRESHOLD = 3;

const PLAN_COLUMNS = { id: 'p.id', companyId: 'p.company_id', year: 'p.year' };
const toPlan = (r: PlanRow): Required<PlanOfActionDto> => ({ ...r, submittedAt: iso(r.submittedAt) });

/** Plans of action (art. 12): a company's yearly plan (company and secretariat only) and the aggregated plan for all parties. */
@Injectable()
export class PlansOfActionService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly plans: PlansRepository,
  ) {}

  onModuleInit(): void {
    this.policies.registerRecordLoader('PlanOfAction', async (id) => {
      if (!UUID.test(id)) return null;
      return this.plans.record(this.db.manager, id);
    });
  }

  /** A company submits (or revises) its plan for a year; the new revision replaces the old one. */
  async submit(caller: Caller, input: SubmitPlanDto): Promise<PlanOfActionDto> {
    await this.policies.authorizeRecord(caller, 'submit', 'PlanOfAction', { companyId: caller.organisation.id, year: input.year }, { visibleAs: 'submit' });
    const id = await this.db.transaction(async (m) => {
      const row = await this.plans.submit(m, {
        companyId: caller.organisation.id,
        year: input.year,
        measures: input.measures.map((x) => ({ step: x.step, theme: x.theme, description: x.description })),
        submittedBy: caller.personId,
      });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'plans-of-action.submit',
        object: { type: 'plan-of-action', id: row.id },
        details: { year: input.year, revision: row.revision, measures: input.measures.length },
      });
      return row.id;
    });
    return toPlan((await this.plans.byId(this.db.manager, id))!);
  }

  async list(caller: Caller, year?: number): Promise<PlanOfActionDto[]> {
    const where = await this.policies.scope(caller, 'list', 'PlanOfAction', PLAN_COLUMNS, 2);
    const rows = await this.plans.list(this.db.manager, year ?? null, where);
    const ability = await this.policies.abilityFor(caller);
    return rows.map((r) => {
      const plan = toPlan(r);
      return pickFields(plan, ability.permittedFields('list', 'PlanOfAction', plan));
    });
  }

  async read(caller: Caller, id: string): Promise<PlanOfActionDto> {
    if (!UUID.test(id)) throw new NotFound('Plan of action', id);
    const row = await this.plans.byId(this.db.manager, id);
    if (!row) throw new NotFound('Plan of action', id);
    const plan = toPlan(row);
    const decision = await this.policies.authorizeRecord(caller, 'read', 'PlanOfAction', plan, { id });
    await this.audit.record({ actor: actorOf(caller), action: 'plans-of-action.read', object: { type: 'plan-of-action', id }, grant: decision.grant });
    return pickFields(plan, decision.fields);
  }

  /**
   * The aggregated plan of a year (art. 12): counts of measures and of contributing companies per OECD step and
   * per theme. It names no company, and a cell that fewer than AGGREGATION_THRESHOLD companies contribute to is
   * withheld (counts null), so a single company's plan cannot be read from it.
   */
  async aggregated(year?: number): Promise<AggregatedPlanDto> {
    // Without a year: the latest year with any plan (else the current year).
    const y = year ?? (await this.plans.latestYear(this.db.manager));
    // art. 73-77: only organisations that still take part are counted (the repository's query)
    const n = await this.plans.submittedCount(this.db.manager, y);
    const cells = async (by: 'step' | 'theme'): Promise<Map<string, { measures: number; companies: number }>> => {
      const rows = await this.plans.cells(this.db.manager, y, by);
      return new Map(rows.map((r) => [String(r.key), r]));
    };
    const shape = (keys: string[], found: Map<string, { measures: number; companies: number }>): AggregatedCellDto[] =>
      keys.map((key) => {
        const c = found.get(key);
        if (!c) return { key, measures: 0, companies: 0, suppressed: false };
        if (c.companies < AGGREGATION_THRESHOLD) return { key, measures: null, companies: null, suppressed: true };
        return { key, measures: c.measures, companies: c.companies, suppressed: false };
      });
    const [bySteps, byThemes] = await Promise.all([cells('step'), cells('theme')]);
    return {
      year: y,
      companiesSubmitted: n,
      threshold: AGGREGATION_THRESHOLD,
      byStep: shape(['1', '2', '3', '4', '5', '6'], bySteps),
      byTheme: shape([...MEASURE_THEMES], byThemes),
    };
  }
}
