import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { InvalidTransition, NotFound, Unprocessable } from '../../common/errors.js';
import { RulingsRepository } from '../rulings.repository.js';
import { type AgendaMatter, agendaMatters } from './agenda.js';
import { dutchDay, MEETINGS_PER_YEAR, outsidePeriod } from './agreement-period.js';
import type { AgendaItemDto, MinutesDto, PlanMeetingDto } from './dto/meetings.dto.js';
import { type MeetingRow, MeetingsRepository } from './meetings.repository.js';

/** What everyone who may list meetings sees: the date, the place and, once recorded, the headline minutes (art. 48). */
export interface MeetingView {
  id: string;
  scheduledAt: string;
  place: string | null;
  held: boolean;
  minutes: { summary: string | null; decisions: Array<{ subject: string; decision: string }>; recordedAt: string } | null;
}

export interface AgendaView {
  meeting: MeetingView;
  /** art. 48: computed from the rulings, never stored (agenda.ts) */
  matters: AgendaMatter[];
  items: Array<{ id: string; title: string; description: string | null; addedAt: string }>;
}

/**
 * Kerngroep meetings (art. 48): four a year on dates the secretariat sets inside the agreement's period, each with
 * an agenda (the matters awaiting a ruling, computed, plus the secretariat's items) and, after it, headline minutes
 * that every party reads. The deliberation of each matter (votes, reasons) stays on the case, for the Kerngroep.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: MeetingsRepository,
    private readonly rulings: RulingsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller, year: number | null): Promise<MeetingView[]> {
    return (await this.meetings.list(this.db.manager, year)).map((r) => this.view(r));
  }

  async one(id: string): Promise<MeetingView> {
    return this.view(await this.found(this.db.manager, id));
  }

  async plan(caller: Caller, dto: PlanMeetingDto): Promise<MeetingView> {
    const at = new Date(dto.scheduledAt);
    const outside = outsidePeriod(at);
    if (outside) throw new Unprocessable('The meeting date lies outside the agreement period', [{ field: 'scheduledAt', problem: outside }]);
    const year = Number(dutchDay(at).slice(0, 4));
    const row = await this.db.transaction(async (m) => {
      if ((await this.meetings.countInYearLocked(m, year)) >= MEETINGS_PER_YEAR) {
        throw new Unprocessable('The Kerngroep meets four times a year', [
          { field: 'scheduledAt', problem: `${year} already has ${MEETINGS_PER_YEAR} meetings (art. 48: "vier keer per jaar")` },
        ]);
      }
      return this.meetings.insert(m, at, dto.place?.trim() || null, caller.personId);
    });
    await this.audit.record({ actor: actorOf(caller), action: 'kerngroep.meeting-planned', object: { type: 'KerngroepMeeting', id: row.id } });
    return this.view(row);
  }

  async agenda(id: string): Promise<AgendaView> {
    const m = this.db.manager;
    const meeting = await this.found(m, id);
    return this.agendaOf(m, meeting);
  }

  async agendaOf(m: EntityManager, meeting: MeetingRow): Promise<AgendaView> {
    const previousAt = await this.meetings.previousAt(m, meeting);
    const at = new Date(meeting.scheduled_at);
    const [rulings, items] = await Promise.all([this.rulings.agendaRulings(m, at, previousAt), this.meetings.items(m, meeting.id)]);
    const matters = agendaMatters(
      rulings.map((r) => ({ caseId: r.case_id, caseType: r.type, stage: r.stage, outcome: r.outcome, openedAt: new Date(r.opened_at), decidedAt: r.decided_at ? new Date(r.decided_at) : null })),
      at,
      previousAt ? new Date(previousAt) : null,
    );
    return {
      meeting: this.view(meeting),
      matters,
      items: items.map((i) => ({ id: i.id, title: i.title, description: i.description, addedAt: new Date(i.added_at).toISOString() })),
    };
  }

  async addItem(caller: Caller, id: string, dto: AgendaItemDto): Promise<AgendaView> {
    return this.db.transaction(async (m) => {
      const meeting = await this.found(m, id, true);
      if (meeting.minutes_recorded_at) throw new InvalidTransition('The minutes of this meeting are recorded; its agenda is closed');
      await this.meetings.addItem(m, meeting.id, dto.title.trim(), dto.description?.trim() || null, caller.personId);
      return this.agendaOf(m, meeting);
    });
  }

  /** Art. 48: after the meeting, the headline minutes; recording them again replaces them (a correction). */
  async recordMinutes(caller: Caller, id: string, dto: MinutesDto): Promise<MeetingView> {
    const row = await this.db.transaction(async (m) => {
      const meeting = await this.found(m, id, true);
      if (new Date(meeting.scheduled_at).getTime() > Date.now()) throw new InvalidTransition('The meeting has not taken place yet; minutes follow the meeting');
      const decisions = dto.decisions.map((d) => ({ subject: d.subject.trim(), decision: d.decision.trim() }));
      return this.meetings.recordMinutes(m, meeting.id, dto.summary?.trim() || null, decisions, caller.personId);
    });
    await this.audit.record({ actor: actorOf(caller), action: 'kerngroep.minutes-recorded', object: { type: 'KerngroepMeeting', id: row.id } });
    return this.view(row);
  }

  async found(m: EntityManager, id: string, lock = false): Promise<MeetingRow> {
    const row = await this.meetings.find(m, id, lock);
    if (!row) throw new NotFound('KerngroepMeeting', id);
    return row;
  }

  async previousAt(m: EntityManager, meeting: MeetingRow): Promise<Date | null> {
    const at = await this.meetings.previousAt(m, meeting);
    return at ? new Date(at) : null;
  }

  view(r: MeetingRow): MeetingView {
    return {
      id: r.id,
      scheduledAt: new Date(r.scheduled_at).toISOString(),
      place: r.place,
      held: new Date(r.scheduled_at).getTime() <= Date.now(),
      minutes: r.minutes_recorded_at
        ? { summary: r.minutes_summary, decisions: r.minutes_decisions ?? [], recordedAt: new Date(r.minutes_recorded_at).toISOString() }
        : null,
    };
  }
}
