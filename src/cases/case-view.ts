import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { regionName } from '../aggregated-list/region-names.js';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import type { RulingRow } from '../kerngroep/rulings.repository.js';
import { CHAIR_ACTIONS, RulingsService } from '../kerngroep/rulings.service.js';
import { type CallerAbility, pickFields } from '../policies/ability.js';
import { PoliciesService } from '../policies/policies.service.js';
import { LocationDisclosureService } from '../production-locations/location-disclosure.service.js';
import { type CaseEntryView, ProductionLocationsService } from '../production-locations/production-locations.service.js';
import type { OpenDeadline } from '../scheduler/case-deadlines.repository.js';
import { DeadlineScheduler } from '../scheduler/deadline-scheduler.js';
import { CaseAccess } from './case-access.js';
import { caseTitle } from './case-title.js';
import { CasesRepository, type CaseRow, type CaseViewRows, type ReportRow } from './cases.repository.js';
import { revealsOf } from './consent/reveals.js';
import { nextSteps, policyActionOf, TERMINAL_TYPE_STATES } from './state-machines.js';

/** The case and the parts of its view, as `CasesRepository.viewOf` reads them. */
type CaseData = CaseViewRows<RulingRow | null, OpenDeadline[]>;

/** A disclosure scope with its regions' names beside the codes (issue 14 item 5: names, not codes), in the same order. */
const named = (scope: Record<string, unknown> | null): Record<string, unknown> | null =>
  scope && Array.isArray(scope.regions) ? { ...scope, regionNames: (scope.regions as string[]).map((r) => regionName(r) ?? r) } : scope;

const omitId = <T extends { id: string }>({ id: _id, ...rest }: T): Omit<T, 'id'> => rest;

/**
 * The title is added after the field filter, from the fields the caller was given only (issue 14): it never says
 * more than the rest of the view.
 */
const titled = (view: Record<string, unknown>, caller: Caller): Record<string, unknown> => ({ title: caseTitle(view as never, caller.language), ...view });

/** Timeline details that count companies; shown to the secretariat only. */
const COMPANY_COUNTS = ['companiesAsked', 'silent', 'companies'];

/**
 * What each participant sees of a case (GET /api/v1/cases, GET /api/v1/cases/:id): every field the caller could be
 * permitted is built, then the fields `policies/cases.yaml` opens to this caller are kept (`pickFields`).
 */
@Injectable()
export class CaseView {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccess,
    private readonly rulings: RulingsService,
    private readonly scheduler: DeadlineScheduler,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly registry: LocationDisclosureService,
    private readonly locations: ProductionLocationsService,
  ) {}

  /** GET /api/v1/cases: the cases the caller takes part in (scoped in SQL), paged, each field-filtered (policies/cases.yaml). */
  async list(caller: Caller, filter: { type: string | null; state?: string | null; status?: 'open' | 'closed' | null }, page: number, pageSize: number): Promise<{ items: Record<string, unknown>[]; total: number; page: number; pageSize: number }> {
    const where = await this.policies.scope(caller, 'read', 'Case', { id: 'c.id' });
    const { rows, total } = await this.cases.listScoped(this.db.manager, where, { ...filter, terminal: TERMINAL_TYPE_STATES }, (page - 1) * pageSize, pageSize);
    const grants = await this.access.grantsOf(caller);
    const items: Record<string, unknown>[] = [];
    for (const row of rows) {
      const decision = await this.policies.authorizeRecord(caller, 'read', 'Case', { id: row.id }, { id: row.id });
      const g = grants.get(row.id) ?? new Set<string>();
      // a case cannot vanish between the page and its parts (cases are never deleted); if one did, it is left out
      const data = await this.read1(caller, row.id, g, decision.fields, true);
      if (!data) continue;
      const full = await this.view(this.db.manager, caller, data, g, decision.fields, true);
      items.push(titled(pickFields(full, decision.fields), caller));
    }
    await this.audit.record({ actor: actorOf(caller), action: 'cases.list', details: { count: items.length, total, page } });
    return { items, total, page, pageSize };
  }

  /** GET /api/v1/cases/:id: one case, its state, timeline and deadlines, field-filtered per participant. Audited. */
  async read(caller: Caller, id: string, audited = true): Promise<Record<string, unknown>> {
    // After a transition (`audited` false) a fresh ability: it may have given or taken a grant (e.g. access opened).
    // A plain GET decides with the facts its session check read this very request (issue 18: one statement less).
    if (!audited) await this.policies.rebuildAbility(caller);
    // The decision needs no row ({ id }): a case the caller may not see and an absent one are the same 404 either way.
    const decision = await this.policies.authorizeRecord(caller, 'read', 'Case', { id }, { id });
    const grants = (await this.access.grantsOf(caller, id)).get(id) ?? new Set();
    const data = await this.read1(caller, id, grants, decision.fields, false);
    if (!data) throw new NotFound('case', id);
    const full = await this.view(this.db.manager, caller, data, grants, decision.fields, false);
    if (audited) await this.audit.record({ actor: actorOf(caller), action: 'cases.read', object: { type: 'case', id }, grant: decision.grant });
    return titled(pickFields(full, decision.fields), caller);
  }

  /** The case and every part of its view these fields need, in one statement (issue 18; `CasesRepository.viewOf`). */
  private read1(caller: Caller, id: string, grants: Set<string>, fields: string[], brief: boolean): Promise<CaseData | null> {
    const wants = (f: string) => fields.includes('*') || fields.includes(f);
    const full = !brief;
    const myConsent = full && wants('myConsent') && grants.has('case-company');
    const myBrokered = full && wants('myBrokeredEntries') && grants.has('case-brokered');
    const audiences = ['participants'];
    if (wants('timeline.kerngroep')) audiences.push('kerngroep');
    if (wants('timeline.secretariat')) audiences.push('secretariat');
    return this.cases.viewOf(
      this.db.manager,
      id,
      {
        names: true,
        ruling: true,
        deadlines: wants('deadlines'),
        timeline: full && wants('timeline') ? audiences : null,
        consents: full && wants('consents'),
        consentOf: myConsent ? caller.organisation.id : null,
        entries: myConsent ? { company: caller.organisation.id } : null,
        reports: full && (wants('reports') || myBrokered),
        brokered: full && wants('brokeredCompanies'),
        messages: full && wants('messages'),
        links: full && wants('linkedCases'),
      },
      { ruling: this.rulings.caseRulingPart, deadlines: this.scheduler.openDeadlinesPart },
    );
  }

  /** Builds every field the caller could be permitted; `pickFields` then keeps the permitted ones. */
  private async view(m: EntityManager, caller: Caller, data: CaseData, grants: Set<string>, fields: string[], brief: boolean): Promise<Record<string, unknown>> {
    const wants = (f: string) => fields.includes('*') || fields.includes(f);
    const { row: c, names, ruling } = data;
    const org = (idv: string | null) => (idv ? { id: idv, name: names.get(idv) ?? null } : null);
    // Art. 23, safety of stakeholders (issue 11): who the rule's fields do not show the requester, the local partner
    // filed for or the sponsor (policies/cases.yaml: a company outside the Kerngroep sees the sponsoring constituency
    // only) does not learn their names from the timeline or the dialogue either.
    const hiddenOrgs = new Set(
      [wants('requester') ? null : c.requester_organisation_id, wants('onBehalfOf') ? null : c.on_behalf_of, wants('sponsor') ? null : c.sponsor_organisation_id].filter(
        (x): x is string => !!x,
      ),
    );
    const hiddenNames = new Set([...hiddenOrgs].map((x) => names.get(x)).filter((x): x is string => !!x));
    const v: Record<string, unknown> = {
      id: c.id,
      type: c.type,
      state: c.state,
      version: c.version,
      createdAt: new Date(c.created_at).toISOString(),
      updatedAt: new Date(c.updated_at).toISOString(),
      grounds: c.grounds,
      scope: named(c.scope),
      approvedScope: named(c.approved_scope),
      requester: org(c.requester_organisation_id),
      onBehalfOf: org(c.on_behalf_of),
      sponsor: c.sponsor_constituency ? { constituency: c.sponsor_constituency, organisation: org(c.sponsor_organisation_id) } : null,
      sponsorConstituency: c.sponsor_constituency,
      subjectCompany: org(c.subject_organisation_id),
      ruling: ruling ? this.rulings.headline(ruling) : null,
      availableActions: await this.actionsFor(caller, c, ruling),
      access: c.type === 'disclosure' ? { openedAt: c.access_opened_at, closesAt: c.access_closes_at } : undefined,
    };
    // Whoever may see the deadlines sees the next one in lists too (the company's consent requests, the Kerngroep's
    // matters, the secretariat's dashboard), without fetching every case.
    if (wants('deadlines')) {
      const open = (data.deadlines ?? []).map((d) => ({ kind: d.kind, dueAt: new Date(d.due_at).toISOString() }));
      v.nextDeadline = open[0] ?? null;
      if (!brief) v.deadlines = open;
    }
    if (wants('restriction') && c.type === 'restriction') v.restriction = c.scope;
    if (brief) return v;
    if (wants('deliberation') && ruling) v.deliberation = await this.rulings.deliberation(m, ruling);
    // A party voting in the assembly sees no deliberation, yet must know its organisation has voted (one vote per
    // party, art. 49): the vote its organisation cast at the ruling's current stage, if any.
    if (wants('myVote')) v.myVote = ruling ? await this.rulings.voteOf(m, ruling, caller.organisation.id) : null;
    if (wants('timeline')) {
      // Which events and details the caller sees is the rule's `fields` (timeline.kerngroep, timeline.secretariat):
      // the audiences read (`read1`). Counts of companies (asked, silent, found) stay with the secretariat: with one
      // company in scope a count would tell the requester what that company answered (art. 19, 22).
      const secretariat = wants('timeline.secretariat');
      const shown = (d: Record<string, unknown>) =>
        secretariat ? d : Object.fromEntries(Object.entries(d).filter(([k]) => !COMPANY_COUNTS.includes(k)));
      v.timeline = (data.events ?? []).map((e) => {
        const details = shown(e.details);
        return {
          at: new Date(e.occurred_at).toISOString(),
          by: e.actor_name
            ? e.actor_organisation_id && hiddenOrgs.has(e.actor_organisation_id)
              ? { person: null, organisation: null, constituency: c.sponsor_constituency }
              : { person: e.actor_name, organisation: e.organisation_name }
            : null,
          action: e.action,
          from: e.from_state,
          to: e.to_state,
          ...(Object.keys(details).length ? { details } : {}),
        };
      });
    }
    if (wants('consents')) {
      v.consents = (data.consents ?? []).map((x) => ({ company: { id: x.company_id, name: x.company_name }, status: x.status, answeredAt: x.answered_at, entries: x.entries }));
    }
    if (wants('myConsent') && grants.has('case-company')) {
      const mine = data.consent;
      // Issue 14: the company decides seeing its own entries by name (decrypted for it only, audited as a
      // confidential read) and, per choice, exactly what the requester will see of each (revealsOf).
      const entries = mine ? (data.entries ?? []) : [];
      const facts = new Map((await this.locations.describeForCase(caller, c.id, entries.map((e) => e.location_id), 'consent')).map((f) => [f.id, f]));
      v.myConsent = mine && {
        status: mine.status,
        answeredAt: mine.answered_at,
        entries: entries.map((e) => {
          const f = facts.get(e.location_id);
          return { id: e.location_id, level: e.level, ...(f ? { ...omitId(f), reveals: revealsOf(f) } : {}) };
        }),
      };
    }
    // Issue 14: the entries a restriction matter is about and the level asked, for whoever may see the matter: the
    // facts of each entry; the supplier's identity only to whoever may read the entry itself (its company, the secretariat).
    if (wants('restrictionEntries') && c.type === 'restriction') {
      const ids = Array.isArray(c.scope.locationIds) ? (c.scope.locationIds as string[]) : [];
      v.restrictionEntries = (await this.locations.describeForCase(caller, c.id, ids, 'restriction')).map(({ restrictionLevel: _r, ...e }) => e);
    }
    if (wants('reports')) v.reports = (data.reports ?? []).map((r) => ({ id: r.id, locationRefs: r.location_ids, description: r.description, createdAt: r.created_at }));
    if (wants('brokeredCompanies')) {
      v.brokeredCompanies = (data.brokered ?? [])
        // Art. 22: a company's name reaches the others once the secretariat confirmed it and brought it into the dialogue.
        .filter((b) => wants('brokeredCompanies.unconfirmed') || b.confirmed_at)
        .map((b) => ({ id: b.company_id, name: b.company_name, confirmed: !!b.confirmed_at }));
    }
    if (wants('myBrokeredEntries') && grants.has('case-brokered')) v.myBrokeredEntries = await this.myBrokeredEntries(m, caller, c.id, data.reports ?? []);
    if (wants('messages'))
      v.messages = (data.messages ?? []).map((x) => ({
        id: Number(x.id),
        ...(hiddenNames.has(x.organisation) ? { author: null, organisation: null, constituency: c.sponsor_constituency } : { author: x.author, organisation: x.organisation }),
        kind: x.kind,
        body: x.body,
        at: x.created_at,
      }));
    if (wants('linkedCases')) v.linkedCases = data.links ?? [];
    return v;
  }

  /**
   * Art. 22 step 7: a company brought into the dialogue is pointed to the report with the reported supplier named from
   * its OWN list (its entries matching a reported supplier by blind index, read as the company reads its own list).
   */
  private async myBrokeredEntries(m: EntityManager, caller: Caller, caseId: string, reports: ReportRow[]): Promise<Array<Omit<CaseEntryView, 'restrictionLevel' | 'identityShown'> & { reportIds: string[] }>> {
    const byEntry = new Map<string, Set<string>>();
    for (const r of reports) {
      for (const match of await this.registry.companiesListingSameSupplier(r.location_ids, m)) {
        for (const e of match.matchingEntryIds) {
          if (!byEntry.has(e)) byEntry.set(e, new Set());
          byEntry.get(e)!.add(r.id);
        }
      }
    }
    const mine = [...(await this.registry.entriesOfCompany(caller.organisation.id, [...byEntry.keys()], m))].sort();
    // Read as the company reads its own list (decrypted for it only; one audited confidential read).
    const own = await this.locations.describeForCase(caller, caseId, mine, 'brokered');
    return own.map(({ restrictionLevel: _r, identityShown: _i, ...e }) => ({ ...e, reportIds: [...byEntry.get(e.id)!] }));
  }

  /**
   * The steps the caller may take now: those that apply in the case's state (the state machine) and that the caller's
   * ability allows (policies/cases.yaml), plus the chair's steps while the ruling is open. The same ability answers
   * POST …/transitions, so the page and the API cannot disagree.
   */
  private async actionsFor(caller: Caller, c: CaseRow, ruling: RulingRow | null): Promise<string[]> {
    return CaseView.actionsWith(await this.policies.abilityForRecord(caller, 'Case', { id: c.id }), c, ruling);
  }

  /** `availableActions` from an ability already built; the to-do list asks it too (case-tasks.ts, issue 14). */
  static actionsWith(ability: CallerAbility, c: Pick<CaseRow, 'id' | 'type' | 'state'>, ruling: Pick<RulingRow, 'stage'> | null): string[] {
    const record = { id: c.id };
    const steps = nextSteps(c.type, c.state).filter((a) => ability.can(policyActionOf(a), 'Case', record));
    const chair = ruling && ruling.stage !== 'decided' && c.state === 'awaiting_ruling' ? CHAIR_ACTIONS.filter((a) => ability.can(policyActionOf(a), 'Case', record)) : [];
    return [...steps, ...chair];
  }
}
