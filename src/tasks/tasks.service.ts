import { Injectable } from '@nestjs/common';
import { AgreementCalendarService } from '../agreement-year/agreement-calendar.service.js';
import { actorOf, AuditService } from '../audit/index.js';
import { CaseTasks } from '../cases/case-tasks.js';
import type { Caller } from '../common/caller.js';
import { AttendanceRequests } from '../kerngroep/meetings/attendance-requests.js';
import { MonitoringService } from '../monitoring/monitoring.service.js';
import { PlansOfActionService } from '../monitoring/plans.service.js';
import { NdasService } from '../ndas/ndas.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { ProductionLocationsService } from '../production-locations/production-locations.service.js';
import type { TaskDto } from './dto/task.dto.js';
import { byDeadline } from './task-order.js';

/** An agreement is "expiring soon" within this many days: the same window "My organisation" marks (web/src/i18n.ts). */
export const NDA_EXPIRY_NOTICE_DAYS = 60;
const DAY_MS = 86_400_000;
const iso = (d: Date) => new Date(d).toISOString();

/**
 * GET /api/v1/me/tasks (issue 14, item 1): everything the signed-in person is asked to decide or do, each with its
 * deadline and the request that does it. Each part comes from the module that owns the route, decided by the same
 * policy the route checks (the caller's ability, built once per request), so the list never offers what the API
 * would refuse. Statements: a fixed number, whatever the number of tasks.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly cases: CaseTasks,
    private readonly ndas: NdasService,
    private readonly monitoring: MonitoringService,
    private readonly plans: PlansOfActionService,
    private readonly locations: ProductionLocationsService,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly attendance: AttendanceRequests,
    private readonly calendar: AgreementCalendarService,
  ) {}

  async forCaller(caller: Caller, now = new Date()): Promise<TaskDto[]> {
    const ability = await this.policies.abilityFor(caller);
    const orgId = caller.organisation.id;
    const year = now.getUTCFullYear();
    const ownCompany = { organisationId: orgId, companyId: orgId };
    const [caseTodos, ndas, followUps, lists, plans, attendance, deadlines] = await Promise.all([
      this.cases.forCaller(caller),
      this.ndas.activeNdasOf(orgId),
      ability.canEver('complete', 'MonitoringFollowUp') ? this.monitoring.followUps(caller, 'open') : Promise.resolve([]),
      // whose duty it is (policies/tasks.yaml: owe-list, owe-plan) and that the route lets the caller do it
      ability.canEver('owe-list', 'Task') && ability.can('upload', 'ProductionLocation', ownCompany) ? this.locations.listsFor(caller, { year, organisationId: orgId }) : Promise.resolve(null),
      ability.canEver('owe-plan', 'Task') && ability.can('submit', 'PlanOfAction', ownCompany) ? this.plans.list(caller, year) : Promise.resolve(null),
      this.attendance.todos(caller),
      ability.canEver('list', 'CompanyDueDate') ? this.calendar.deadlinesFor(caller) : Promise.resolve([]),
    ]);
    const tasks: TaskDto[] = caseTodos.map((t) => ({ ...t, link: t.kind === 'sign-nda' ? '/my' : `/cases/${t.caseId}` }));

    // Annex / art. 13, 21, 22: an agreement that runs out soon is signed again (the current text), or access stops.
    const horizon = now.getTime() + NDA_EXPIRY_NOTICE_DAYS * DAY_MS;
    for (const nda of ndas) {
      if (new Date(nda.expiresAt).getTime() > horizon) continue;
      if (!ability.can('sign', 'NdaSignature', { kind: nda.kind, organisationId: orgId })) continue;
      tasks.push({ kind: 'renew-nda', ndaKind: nda.kind, dueAt: nda.expiresAt, deadlineKind: 'nda-expiry', link: '/my', perform: { method: 'POST', path: '/api/v1/ndas/signatures' } });
    }
    // Art. 10-11: the secretariat's talks with orange and red companies and the improvement periods to check.
    for (const f of followUps) {
      if (!ability.can('complete', 'MonitoringFollowUp', { id: f.id, companyId: f.companyId, resultId: f.resultId, kind: f.kind })) continue;
      tasks.push({
        kind: 'complete-follow-up',
        followUpId: f.id,
        companyId: f.companyId,
        dueAt: f.deadlineAt,
        deadlineKind: f.kind,
        link: '/secretariat/monitoring',
        perform: { method: 'POST', path: `/api/v1/monitoring/follow-ups/${f.id}/complete` },
      });
    }
    // Art. 17-18: a company gives its list every year, by the calendar's due date (issue 15, item 1): this year's
    // list, and any other year's once its reminder went out or it is overdue.
    const uploadList = (y: number, dueAt: string | null) =>
      tasks.push({ kind: 'upload-list', year: y, dueAt, deadlineKind: dueAt ? 'list' : null, link: '/company/upload', perform: { method: 'POST', path: `/api/v1/production-locations/uploads?year=${y}` } });
    const ownLists = new Map(deadlines.filter((d) => d.kind === 'list' && d.companyId === orgId).map((d) => [Number(d.period), d]));
    if (lists) {
      for (const [y, d] of ownLists) {
        if (y !== year && (d.state === 'due-soon' || d.state === 'overdue') && !lists.some((l) => l.year === y && l.isCurrent)) uploadList(y, iso(d.dueAt));
      }
      if (!lists.some((l) => l.year === year && l.isCurrent)) {
        const d = ownLists.get(year);
        uploadList(year, d && d.state !== 'met' ? iso(d.dueAt) : null);
      }
    }
    // Art. 9-10: a monitoring round due soon or overdue for a company is the secretariat's to record.
    for (const d of deadlines) {
      if (d.kind !== 'monitoring' || (d.state !== 'due-soon' && d.state !== 'overdue')) continue;
      if (!ability.can('store', 'MonitoringResult', { companyId: d.companyId, round: d.period })) continue;
      tasks.push({
        kind: 'store-result',
        companyId: d.companyId,
        companyName: d.companyName,
        round: d.period,
        dueAt: iso(d.dueAt),
        deadlineKind: 'monitoring-round',
        link: '/secretariat/calendar',
        perform: { method: 'PUT', path: `/api/v1/monitoring/results/${d.companyId}/${d.period}` },
      });
    }
    if (plans && !plans.some((p) => p.year === year)) {
      tasks.push({ kind: 'submit-plan', year, dueAt: null, deadlineKind: null, link: '/company/monitoring', perform: { method: 'POST', path: '/api/v1/plans-of-action' } });
    }
    // Art. 48: a request to attend a Kerngroep meeting goes to the chair, who decides before the meeting.
    for (const a of attendance) {
      tasks.push({
        kind: 'decide-attendance', meetingId: a.meetingId, attendanceRequestId: a.requestId, dueAt: a.dueAt, deadlineKind: 'meeting',
        link: '/kerngroep/meetings', perform: { method: 'POST', path: `/api/v1/kerngroep/attendance-requests/${a.requestId}/decision` },
      });
    }
    tasks.sort(byDeadline);
    // Which cases a person takes part in is itself confidential (as for GET /cases): the read is audited, by count.
    await this.audit.record({ actor: actorOf(caller), action: 'tasks.list', details: { count: tasks.length, cases: caseTodos.length } });
    return tasks;
  }
}
