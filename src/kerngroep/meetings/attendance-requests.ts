import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { InvalidInput, InvalidTransition, NotFound } from '../../common/errors.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { RulingsRepository } from '../rulings.repository.js';
import { dutchDay } from './agreement-period.js';
import type { AttendanceDecisionDto, AttendanceRequestDto } from './dto/meetings.dto.js';
import { type AttendanceRow, AttendanceRepository } from './attendance.repository.js';
import { MeetingsService } from './meetings.service.js';

export interface AttendanceView {
  id: string;
  meetingId: string;
  scheduledAt: string;
  name: string;
  email: string;
  affiliation: string | null;
  motivation: string;
  filedAt: string;
  state: AttendanceRow['state'];
  reason: string | null;
  decidedAt: string | null;
}

/** A pending request, for the chair's to-do list. */
export interface AttendanceTodo {
  requestId: string;
  meetingId: string;
  dueAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Art. 48: "Indien nodig en gewenst mogen externen aansluiten bij de vergadering van de Kerngroep. Verzoeken hiertoe
 * worden bij de voorzitter ingediend, de voorzitter beslist." A request is filed for a meeting still to come; the
 * chair is mailed and finds it on their to-do list; the chair allows or refuses it with a reason, and the requester
 * is mailed the answer in the same transaction as the decision.
 */
@Injectable()
export class AttendanceRequests {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: AttendanceRepository,
    private readonly meetings: MeetingsService,
    private readonly rulings: RulingsRepository,
    private readonly policies: PoliciesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async file(caller: Caller, meetingId: string, dto: AttendanceRequestDto): Promise<AttendanceView> {
    // any of the outsider's fields makes it a request for someone else: never silently dropped
    const forOutsider = dto.name !== undefined || dto.email !== undefined || dto.language !== undefined || dto.affiliation !== undefined;
    // Only the secretariat files for someone else (policies/kerngroep-attendance.yaml#secretariat-files-for-outsiders).
    if (forOutsider) await this.policies.assertCan(caller, 'file-for-outsider', 'AttendanceRequest', {});
    if (forOutsider && (!dto.name?.trim() || !dto.email)) {
      throw new InvalidInput('An outsider’s request needs their name and address', [
        ...(!dto.name?.trim() ? [{ field: 'name', problem: 'is required when filing for an outsider' }] : []),
        ...(!dto.email ? [{ field: 'email', problem: 'is required when filing for an outsider' }] : []),
      ]);
    }
    const row = await this.db.transaction(async (m) => {
      const meeting = await this.meetings.found(m, meetingId);
      if (new Date(meeting.scheduled_at).getTime() <= Date.now()) throw new InvalidTransition('This meeting has already taken place');
      const row = await this.repo.insert(m, {
        meetingId: meeting.id,
        requesterPersonId: forOutsider ? null : caller.personId,
        name: forOutsider ? dto.name!.trim() : caller.name,
        email: forOutsider ? dto.email!.trim().toLowerCase() : caller.email,
        language: forOutsider ? (dto.language ?? 'nl') : caller.language,
        affiliation: forOutsider ? dto.affiliation?.trim() || null : caller.organisation.name,
        motivation: dto.motivation.trim(),
        filedBy: caller.personId,
      });
      for (const to of await this.rulings.chairRecipients(m)) {
        await this.outbox.enqueue(m, { to, template: 'kerngroep.attendance-requested', params: { meetingDate: dutchDay(new Date(meeting.scheduled_at)) } });
      }
      return row;
    });
    await this.audit.record({ actor: actorOf(caller), action: 'kerngroep.attendance-requested', object: { type: 'AttendanceRequest', id: row.id } });
    return this.view(row);
  }

  async list(caller: Caller, state: string | null): Promise<AttendanceView[]> {
    const where = await this.policies.scope(caller, 'list', 'AttendanceRequest', { requesterPersonId: 'r.requester_person_id' });
    const rows = await this.repo.list(this.db.manager, where, state);
    // names and addresses of outsiders: the read is audited, by count
    await this.audit.record({ actor: actorOf(caller), action: 'kerngroep.attendance-requests.list', details: { count: rows.length } });
    return rows.map((r) => this.view(r));
  }

  async decide(caller: Caller, id: string, dto: AttendanceDecisionDto): Promise<AttendanceView> {
    const reason = dto.reason?.trim() || null;
    if (dto.decision === 'refuse' && !reason) throw new InvalidInput('A refusal needs a reason', [{ field: 'reason', problem: 'is required when refusing' }]);
    const row = await this.db.transaction(async (m) => {
      const found = UUID.test(id) ? await this.repo.find(m, id, true) : null;
      if (!found) throw new NotFound('AttendanceRequest', id);
      await this.policies.assertCan(caller, 'decide', 'AttendanceRequest', { requesterPersonId: found.requester_person_id });
      if (found.state !== 'pending') throw new InvalidTransition(`This request was already ${found.state}`);
      const state = dto.decision === 'allow' ? 'allowed' : 'refused';
      await this.repo.decide(m, found.id, state, reason, caller.personId);
      await this.outbox.enqueue(m, {
        to: { email: found.email, language: found.language },
        template: state === 'allowed' ? 'kerngroep.attendance-allowed' : 'kerngroep.attendance-refused',
        params: { name: found.name, meetingDate: dutchDay(new Date(found.scheduled_at)), reason: reason ?? '—' },
      });
      return (await this.repo.find(m, found.id))!;
    });
    await this.audit.record({ actor: actorOf(caller), action: 'kerngroep.attendance-decided', object: { type: 'AttendanceRequest', id: row.id }, details: { state: row.state } });
    return this.view(row);
  }

  /** The chair's to-do items (issue 14): every pending request, if the caller may decide them (the same policy). */
  async todos(caller: Caller): Promise<AttendanceTodo[]> {
    const ability = await this.policies.abilityFor(caller);
    if (!ability.canEver('decide', 'AttendanceRequest')) return [];
    return (await this.repo.pending(this.db.manager)).map((r) => ({ requestId: r.id, meetingId: r.meeting_id, dueAt: new Date(r.scheduled_at).toISOString() }));
  }

  private view(r: AttendanceRow): AttendanceView {
    return {
      id: r.id,
      meetingId: r.meeting_id,
      scheduledAt: new Date(r.scheduled_at).toISOString(),
      name: r.name,
      email: r.email,
      affiliation: r.affiliation,
      motivation: r.motivation,
      filedAt: new Date(r.filed_at).toISOString(),
      state: r.state,
      reason: r.decision_reason,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    };
  }
}
