import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { dutchDay } from './agreement-period.js';
import type { MeetingView } from './meetings.service.js';
import { MeetingsService } from './meetings.service.js';
import { type ReportGroup, reportGroups } from './progress-cells.js';
import { ProgressReportRepository } from './progress-report.repository.js';

export interface ProgressReport {
  meeting: MeetingView;
  /** the aggregated list's threshold: no cell shown rests on fewer organisations (art. 19-20) */
  minCompanies: number;
  /** the counts as of this moment: the meeting's start once held, otherwise now */
  asOf: string;
  year: number;
  parties: ReportGroup[];
  lists: ReportGroup[];
  monitoring: ReportGroup[];
  cases: ReportGroup[];
  /** the matters the Kerngroep decided since the previous meeting */
  decided: ReportGroup[];
}

const SECTIONS = {
  parties: { groups: ['parties'], parts: ['company', 'ngo', 'union', 'branch_org'] },
  monitoring: { groups: ['baseline', 'year2', 'year4'], parts: ['green', 'orange', 'red'] },
  decided: { groups: ['rulings'], parts: ['approved', 'rejected'] },
} as const;
const CASE_TYPES = ['disclosure', 'restriction', 'complaint'] as const;

/**
 * Art. 52: "Tijdens elke vergadering van de Kerngroep brengt het Secretariaat verslag uit over de voortgang van het
 * due diligence proces (art. 8-40)." Generated from the data at each meeting; every count goes through the
 * aggregated list's small-cell rules (progress-cells.ts), so the report traces to no company.
 */
@Injectable()
export class ProgressReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly meetings: MeetingsService,
    private readonly repo: ProgressReportRepository,
    private readonly audit: AuditService,
  ) {}

  async forMeeting(caller: Caller, id: string): Promise<ProgressReport> {
    const m = this.db.manager;
    const meeting = await this.meetings.found(m, id);
    const at = new Date(meeting.scheduled_at);
    const asOf = at.getTime() < Date.now() ? at : new Date();
    const year = Number(dutchDay(at).slice(0, 4));
    const rows = await this.repo.rows(m, year, await this.meetings.previousAt(m, meeting), asOf);
    const k = this.config.aggregationMinCompanies;
    const of = (section: string) => rows.filter((r) => r.section === section);
    const states = [...new Set(of('cases').map((r) => r.part))].sort();
    await this.audit.record({ actor: actorOf(caller), action: 'kerngroep.progress-report.read', object: { type: 'KerngroepMeeting', id: meeting.id } });
    return {
      meeting: this.meetings.view(meeting),
      minCompanies: k,
      asOf: asOf.toISOString(),
      year,
      parties: reportGroups(of('parties'), SECTIONS.parties.groups, SECTIONS.parties.parts, k),
      lists: reportGroups(of('lists'), [String(year)], ['received', 'missing'], k),
      monitoring: reportGroups(of('monitoring'), SECTIONS.monitoring.groups, SECTIONS.monitoring.parts, k),
      cases: reportGroups(of('cases'), CASE_TYPES, states, k),
      decided: reportGroups(of('decided'), SECTIONS.decided.groups, SECTIONS.decided.parts, k),
    };
  }
}
