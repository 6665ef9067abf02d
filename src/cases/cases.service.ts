import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import type { Caller } from '../common/caller.js';
import { Conflict, InvalidInput, InvalidTransition, NotAllowed, NotFound } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { VoteChoice } from '../kerngroep/decision-rule.js';
import type { RulingRow } from '../kerngroep/rulings.repository.js';
import { CHAIR_ACTIONS, type ChairAction, type RulingDecision, RulingsService } from '../kerngroep/rulings.service.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { pickFields } from '../policies/ability.js';
import { PoliciesService } from '../policies/policies.service.js';
import { type DisclosedEntry, type DisclosureScope, LocationDisclosureService } from '../production-locations/location-disclosure.service.js';
import { type DeadlineRow, DeadlineScheduler } from '../scheduler/deadline-scheduler.js';
import { CasesRepository, type CaseRow, grantsSql } from './cases.repository.js';
import type { ConsentDto, CreateCaseDto, MessageDto, ReportDto, TransitionDto } from './dto/case-requests.dto.js';
import { RESTRICTION_LEVELS, type RestrictionLevel } from './disclosure-level.js';
import { type Actor, availableActions, type CaseType, checkTransition } from './state-machines.js';

const DAY_MS = 86_400_000;
/** Complaints (art. 83-84): the improvement period proposed by default, as for monitoring (3 months, art. 11). */
const DEFAULT_IMPROVEMENT_PERIOD_DAYS = 91;
const RESOLUTION: Record<string, string> = {
  'close-resolved': 'resolved',
  'close-joint-project': 'joint project',
  'close-no-agreement': 'closed without agreement',
  close: 'closed',
};

type Grants = Map<string, Set<string>>;
/** Timeline details that count companies; shown to the secretariat only. */
const COMPANY_COUNTS = ['companiesAsked', 'silent', 'companies'];

/**
 * The tracked cases (issue 6; DOMAIN.md "The tracked cases"): the art-22 disclosure case, the art-23/24 restriction
 * case and the art-83/84 complaint, each ruled by the Kerngroep. Every use case that writes runs in one
 * transaction that first locks the case row: the state machine check, the change, the timeline event, the mails
 * (outbox) and the audit entry commit together or not at all.
 */
@Injectable()
export class CasesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesRepository,
    private readonly rulings: RulingsService,
    private readonly registry: LocationDisclosureService,
    private readonly scheduler: DeadlineScheduler,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    // Case grants are caller facts for policies/cases.yaml, read fresh from PostgreSQL on every request.
    this.policies.registerFactProvider({
      name: 'cases',
      // folded into the session check's statement: one round trip per request for the caller and all their facts
      sql: (ref) =>
        `(SELECT coalesce(json_agg(json_build_object('kind', g.kind, 'objectId', g.case_id, 'grantId', g.case_id)), '[]'::json)
            FROM (${grantsSql(ref.personId, ref.organisationId)}) g)`,
      read: (json) => ({ grants: json as Array<{ kind: string; objectId: string; grantId: string }> }),
    });
    this.policies.registerRecordLoader('Case', async (id) => ((await this.cases.find(this.db.manager, id)) ? { id } : null));
    this.scheduler.register('consent', {
      remind: (m, d) => this.remindConsent(m, d),
      expire: (m, d) => this.systemTransition(m, d.case_id, 'close-consent', { reason: 'consent deadline passed' }),
    });
    this.scheduler.register('access-window', {
      remind: (m, d) => this.remindAccess(m, d),
      expire: (m, d) => this.systemTransition(m, d.case_id, 'close-access', { reason: 'access window ended' }),
    });
    this.scheduler.register('improvement-period', {
      remind: (m, d) => this.mailParticipants(m, d.case_id, 'cases.improvement-reminder', { dueAt: new Date(d.due_at).toISOString() }, ['subject', 'secretariat']),
      expire: (m, d) => this.systemTransition(m, d.case_id, 'end-improvement-period', { reason: 'improvement period ended' }),
    });
  }

  // ------------------------------------------------------------------------------------------------ filing

  /** POST /api/v1/cases: files a case of the given type and puts it before the Kerngroep (art. 22, 23, 83). */
  async create(caller: Caller, dto: CreateCaseDto): Promise<Record<string, unknown>> {
    const id = await this.db.transaction(async (m) => {
      const type = dto.type as CaseType;
      const base = {
        type,
        state: 'awaiting_ruling',
        requesterOrganisationId: caller.organisation.id,
        requestedBy: caller.personId,
        grounds: dto.grounds,
      };
      let row: CaseRow;
      let concerned: string[];
      let proposal: Record<string, unknown>;
      if (type === 'disclosure') {
        if (dto.locationIds || dto.level || dto.companyId) throw this.foreignFields('disclosure', ['locationIds', 'level', 'companyId']);
        const parties = await this.disclosureParties(m, caller, dto.onBehalfOf ?? null);
        const scope = this.normaliseScope((dto.scope ?? {}) as Record<string, unknown>, 'scope');
        row = await this.cases.insert(m, { ...base, ...parties, subjectOrganisationId: null, scope });
        // Art. 84 and DOMAIN.md: the matter concerns every company whose list has entries in scope.
        concerned = (await this.registry.entriesInScope(scope as DisclosureScope, m)).map((c) => c.organisationId);
        proposal = { scope };
      } else if (type === 'restriction') {
        if (dto.scope || dto.onBehalfOf || dto.companyId) throw this.foreignFields('restriction', ['scope', 'onBehalfOf', 'companyId']);
        if (caller.organisation.kind !== 'company') throw new NotAllowed('Only a company asks to restrict disclosure of its own entries (art. 23)');
        await this.assertOwnEntries(m, caller.organisation.id, dto.locationIds!);
        const scope = { locationIds: [...new Set(dto.locationIds!)], level: dto.level! };
        row = await this.cases.insert(m, { ...base, onBehalfOf: null, sponsorOrganisationId: null, sponsorConstituency: 'companies', subjectOrganisationId: caller.organisation.id, scope });
        concerned = [caller.organisation.id];
        proposal = { level: dto.level };
      } else {
        if (dto.scope || dto.onBehalfOf || dto.locationIds || dto.level) throw this.foreignFields('complaint', ['scope', 'onBehalfOf', 'locationIds', 'level']);
        if (!caller.organisation.isParty) throw new NotAllowed('Complaints are filed by parties to the agreement (art. 83)');
        const company = await this.cases.organisation(m, dto.companyId!);
        // Art. 83: complaints concern only lack of progress by a participating company.
        if (!company || company.kind !== 'company' || !company.is_party || company.status !== 'active')
          throw new InvalidInput('The request is invalid', [{ field: 'companyId', problem: 'must be a participating company (art. 83)' }]);
        if (company.id === caller.organisation.id)
          throw new InvalidInput('The request is invalid', [{ field: 'companyId', problem: 'cannot be your own organisation' }]);
        row = await this.cases.insert(m, { ...base, onBehalfOf: null, sponsorOrganisationId: caller.organisation.id, sponsorConstituency: caller.organisation.constituency, subjectOrganisationId: company.id, scope: {} });
        concerned = [company.id];
        proposal = { improvementPeriodDays: DEFAULT_IMPROVEMENT_PERIOD_DAYS };
      }
      await this.rulings.open(m, row.id, proposal, concerned);
      await this.cases.addEvent(m, { caseId: row.id, actor: actorOf(caller), action: 'filed', toState: row.state });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'cases.file',
        object: { type: 'case', id: row.id },
        details: { type, concernedOrganisations: concerned.length },
      });
      return row.id;
    });
    return this.read(caller, id, false);
  }

  private foreignFields(type: string, fields: string[]): InvalidInput {
    return new InvalidInput('The request is invalid', fields.map((field) => ({ field, problem: `does not apply to a ${type} case` })).slice(0, 1));
  }

  /**
   * Art. 22: a local partner or affiliated union files itself, or the NGO or union party it is affiliated to files
   * on its behalf. The affiliated party's constituency sponsors the request.
   */
  private async disclosureParties(m: EntityManager, caller: Caller, onBehalfOf: string | null) {
    const org = caller.organisation;
    if (org.kind === 'local_partner') {
      if (onBehalfOf) throw new InvalidInput('The request is invalid', [{ field: 'onBehalfOf', problem: 'is only for an NGO or union party filing for its partner' }]);
      const sponsor = await this.cases.organisation(m, org.affiliatedTo!);
      return { onBehalfOf: null, sponsorOrganisationId: sponsor!.id, sponsorConstituency: sponsor!.constituency };
    }
    if ((org.kind === 'ngo' || org.kind === 'union') && org.isParty) {
      if (!onBehalfOf) throw new InvalidInput('The request is invalid', [{ field: 'onBehalfOf', problem: 'must name the local partner or affiliated union you file for (art. 22)' }]);
      const partner = await this.cases.organisation(m, onBehalfOf);
      if (!partner || partner.kind !== 'local_partner' || partner.affiliated_to !== org.id)
        throw new InvalidInput('The request is invalid', [{ field: 'onBehalfOf', problem: 'must be a local partner affiliated to your organisation (art. 22)' }]);
      return { onBehalfOf: partner.id, sponsorOrganisationId: org.id, sponsorConstituency: org.constituency };
    }
    throw new NotAllowed('An art-22 request is filed by a local partner or affiliated union, or by the NGO or union party on its behalf (art. 22)');
  }

  private normaliseScope(raw: Record<string, unknown>, field: string): Record<string, unknown> {
    const s = raw as { countries?: string[]; regions?: string[]; rawMaterials?: string[]; activityTypes?: string[]; year?: number };
    if (!s.countries?.length && !s.regions?.length)
      throw new InvalidInput('The request is invalid', [{ field: `${field}.countries`, problem: 'name at least one country or region (art. 22: the data relevant to the risk found)' }]);
    const out: Record<string, unknown> = {};
    if (s.countries?.length) out.countries = [...new Set(s.countries)].sort();
    if (s.regions?.length) out.regions = [...new Set(s.regions)].sort();
    if (s.rawMaterials?.length) out.rawMaterials = [...new Set(s.rawMaterials.map((x) => x.toLowerCase()))].sort();
    if (s.activityTypes?.length) out.activityTypes = [...new Set(s.activityTypes)].sort();
    if (s.year !== undefined) out.year = s.year;
    return out;
  }

  /** Art. 23: a company restricts only its own entries. Unknown and other companies' ids are one answer. */
  private async assertOwnEntries(m: EntityManager, companyId: string, ids: string[]): Promise<void> {
    const mine = new Set((await this.registry.entriesOfCompany(companyId, ids, m)));
    const index = ids.findIndex((id) => !mine.has(id));
    if (index >= 0) throw new InvalidInput('The request is invalid', [{ field: `locationIds[${index}]`, problem: 'is not an entry of your current list' }]);
  }

  // ------------------------------------------------------------------------------------------------ reading

  /** The caller's case grants, by case id. */
  private async grantsOf(caller: Caller): Promise<Grants> {
    // The per-request ability's facts: no query once built, so it is safe inside a transaction holding a case lock.
    const facts = (await this.policies.abilityFor(caller)).facts;
    const grants: Grants = new Map();
    for (const g of facts.grants) {
      let set = grants.get(g.objectId);
      if (!set) grants.set(g.objectId, (set = new Set()));
      set.add(g.kind);
    }
    return grants;
  }

  private actorsOf(caller: Caller, c: CaseRow, grants: Set<string>): Actor[] {
    const actors: Actor[] = [];
    if (grants.has('case-requester')) actors.push('requester');
    if (grants.has('case-company') || (grants.has('case-subject') && c.type !== 'restriction')) actors.push('company');
    if (caller.organisation.kind === 'secretariat') actors.push('secretariat');
    if (caller.isKerngroepChair) actors.push('chair');
    return actors;
  }

  /** GET /api/v1/cases: the cases the caller takes part in (scoped in SQL), paged, each field-filtered (policies/cases.yaml). */
  async list(caller: Caller, type: string | null, page: number, pageSize: number): Promise<{ items: Record<string, unknown>[]; total: number; page: number; pageSize: number }> {
    const where = await this.policies.scope(caller, 'read', 'Case', { id: 'c.id' });
    const { rows, total } = await this.cases.listScoped(this.db.manager, where, type, (page - 1) * pageSize, pageSize);
    const grants = await this.grantsOf(caller);
    const items: Record<string, unknown>[] = [];
    for (const row of rows) {
      const decision = await this.policies.authorizeRecord(caller, 'read', 'Case', { id: row.id }, { id: row.id });
      const full = await this.view(this.db.manager, caller, row, grants.get(row.id) ?? new Set(), decision.fields, true);
      items.push(pickFields(full, decision.fields));
    }
    await this.audit.record({ actor: actorOf(caller), action: 'cases.list', details: { count: items.length, total, page } });
    return { items, total, page, pageSize };
  }

  /** GET /api/v1/cases/:id: one case, its state, timeline and deadlines, field-filtered per participant. Audited. */
  async read(caller: Caller, id: string, audited = true): Promise<Record<string, unknown>> {
    const row = await this.cases.find(this.db.manager, id);
    if (!row) throw new NotFound('case', id);
    // After a transition (`audited` false) a fresh ability: it may have given or taken a grant (e.g. access opened).
    // A plain GET decides with the facts its session check read this very request (issue 18: one statement less).
    if (!audited) await this.policies.rebuildAbility(caller);
    const decision = await this.policies.authorizeRecord(caller, 'read', 'Case', { id }, { id });
    const grants = (await this.grantsOf(caller)).get(id) ?? new Set();
    const full = await this.view(this.db.manager, caller, row, grants, decision.fields, false);
    if (audited) await this.audit.record({ actor: actorOf(caller), action: 'cases.read', object: { type: 'case', id }, grant: decision.grant });
    return pickFields(full, decision.fields);
  }

  /** Builds every field the caller could be permitted; `pickFields` then keeps the permitted ones. */
  private async view(m: EntityManager, caller: Caller, c: CaseRow, grants: Set<string>, fields: string[], brief: boolean): Promise<Record<string, unknown>> {
    const wants = (f: string) => fields.includes('*') || fields.includes(f);
    const names = await this.cases.organisationNames(m, [c.requester_organisation_id, c.on_behalf_of, c.sponsor_organisation_id, c.subject_organisation_id].filter((x): x is string => !!x));
    const org = (idv: string | null) => (idv ? { id: idv, name: names.get(idv) ?? null } : null);
    const ruling = await this.rulings.forCase(m, c.id);
    const v: Record<string, unknown> = {
      id: c.id,
      type: c.type,
      state: c.state,
      version: c.version,
      createdAt: new Date(c.created_at).toISOString(),
      updatedAt: new Date(c.updated_at).toISOString(),
      grounds: c.grounds,
      scope: c.scope,
      approvedScope: c.approved_scope,
      requester: org(c.requester_organisation_id),
      onBehalfOf: org(c.on_behalf_of),
      sponsor: c.sponsor_constituency ? { constituency: c.sponsor_constituency, organisation: org(c.sponsor_organisation_id) } : null,
      sponsorConstituency: c.sponsor_constituency,
      subjectCompany: org(c.subject_organisation_id),
      ruling: ruling ? this.rulings.headline(ruling) : null,
      availableActions: this.actionsFor(caller, c, grants, ruling),
      access: c.type === 'disclosure' ? { openedAt: c.access_opened_at, closesAt: c.access_closes_at } : undefined,
    };
    // Whoever may see the deadlines sees the next one in lists too (the company's consent requests, the Kerngroep's
    // matters, the secretariat's dashboard), without fetching every case.
    if (wants('deadlines')) {
      const open = (await this.scheduler.openDeadlines(m, c.id)).map((d) => ({ kind: d.kind, dueAt: new Date(d.due_at).toISOString() }));
      v.nextDeadline = open[0] ?? null;
      if (!brief) v.deadlines = open;
    }
    if (brief) return v;
    if (wants('deliberation') && ruling) v.deliberation = await this.rulings.deliberation(m, ruling);
    // A party voting in the assembly sees no deliberation, yet must know its organisation has voted (one vote per
    // party, art. 49): the vote its organisation cast at the ruling's current stage, if any.
    if (wants('myVote')) v.myVote = ruling ? await this.rulings.voteOf(m, ruling, caller.organisation.id) : null;
    if (wants('timeline')) {
      const audiences = ['participants'];
      if (caller.organisation.kind === 'secretariat') audiences.push('kerngroep', 'secretariat');
      else if (grants.has('case-kerngroep') || caller.isKerngroepChair) audiences.push('kerngroep');
      // Counts of companies (asked, silent, found) stay with the secretariat: with one company in scope a count would
      // tell the requester what that company answered (art. 19, 22).
      const secretariat = caller.organisation.kind === 'secretariat';
      const shown = (d: Record<string, unknown>) =>
        secretariat ? d : Object.fromEntries(Object.entries(d).filter(([k]) => !COMPANY_COUNTS.includes(k)));
      v.timeline = (await this.cases.events(m, c.id, audiences)).map((e) => {
        const details = shown(e.details);
        return {
          at: new Date(e.occurred_at).toISOString(),
          by: e.actor_name ? { person: e.actor_name, organisation: e.organisation_name } : null,
          action: e.action,
          from: e.from_state,
          to: e.to_state,
          ...(Object.keys(details).length ? { details } : {}),
        };
      });
    }
    if (wants('consents')) {
      v.consents = (await this.cases.consents(m, c.id)).map((x) => ({ company: { id: x.company_id, name: x.company_name }, status: x.status, answeredAt: x.answered_at, entries: x.entries }));
    }
    if (wants('myConsent') && grants.has('case-company')) {
      const mine = await this.cases.consentOf(m, c.id, caller.organisation.id);
      v.myConsent = mine && {
        status: mine.status,
        answeredAt: mine.answered_at,
        entries: (await this.cases.entriesOf(m, c.id, caller.organisation.id)).map((e) => ({ id: e.location_id, level: e.level })),
      };
    }
    if (wants('restriction') && c.type === 'restriction') v.restriction = c.scope;
    if (wants('reports')) v.reports = (await this.cases.reports(m, c.id)).map((r) => ({ id: r.id, locationRefs: r.location_ids, description: r.description, createdAt: r.created_at }));
    if (wants('brokeredCompanies')) {
      v.brokeredCompanies = (await this.cases.brokered(m, c.id))
        .filter((b) => caller.organisation.kind === 'secretariat' || b.confirmed_at)
        .map((b) => ({ id: b.company_id, name: b.company_name, confirmed: !!b.confirmed_at }));
    }
    if (wants('messages')) v.messages = (await this.cases.messages(m, c.id)).map((x) => ({ id: Number(x.id), author: x.author, organisation: x.organisation, kind: x.kind, body: x.body, at: x.created_at }));
    if (wants('linkedCases')) v.linkedCases = await this.cases.links(m, c.id);
    return v;
  }

  private actionsFor(caller: Caller, c: CaseRow, grants: Set<string>, ruling: RulingRow | null): string[] {
    const actions = availableActions(c.type, c.state, this.actorsOf(caller, c, grants));
    if (caller.isKerngroepChair && ruling && ruling.stage !== 'decided') actions.push(...CHAIR_ACTIONS);
    return actions;
  }

  // ------------------------------------------------------------------------------------------------ moving on

  /**
   * POST /api/v1/cases/:id/transitions. Locks the case, checks the state machine (409 when the action does not apply
   * in the current state, nothing changed) and who may take it (403), then applies it with its event, mails and audit.
   */
  async transition(caller: Caller, id: string, dto: TransitionDto): Promise<Record<string, unknown>> {
    await this.freshAbility(caller);
    await this.db.transaction(async (m) => {
      const c = await this.lockVisible(m, caller, id, 'transition');
      if (dto.version !== undefined && dto.version !== c.version)
        throw new Conflict(`The case changed since you read it (version ${c.version}, you sent ${dto.version})`);
      const grants = (await this.grantsOf(caller)).get(id) ?? new Set();

      if ((CHAIR_ACTIONS as readonly string[]).includes(dto.action)) {
        await this.chairAction(m, caller, c, dto.action as ChairAction, dto);
        return;
      }
      const check = checkTransition(c.type, c.state, dto.action, this.actorsOf(caller, c, grants));
      if (!check.ok) {
        // No such action for this case type at all: bad input naming the field, not a state conflict.
        if (check.status === 'unknown-action') throw new InvalidInput('The request is invalid', [{ field: 'action', problem: check.message }]);
        if (check.status === 'not-your-move' && check.rule?.from.includes(c.state)) throw new NotAllowed(check.message);
        throw new InvalidTransition(check.message);
      }
      await this.apply(m, caller, c, dto.action, dto as unknown as Record<string, unknown>);
    });
    return this.read(caller, id, false);
  }

  /**
   * Locks the case and checks the caller may `action` it. The caller's ability must have been built before the
   * transaction (`freshAbility`): a transaction holding a case lock never waits for a second pool connection, so 50
   * concurrent requests on one case cannot starve the pool.
   */
  private async lockVisible(m: EntityManager, caller: Caller, id: string, action: string): Promise<CaseRow> {
    const c = await this.cases.lock(m, id);
    if (!c) throw new NotFound('case', id);
    await this.policies.authorizeRecord(caller, action, 'Case', { id }, { id });
    return c;
  }

  /** Facts fresh from PostgreSQL for this request (a grant may have changed since the guard built the ability). */
  private async freshAbility(caller: Caller): Promise<void> {
    await this.policies.rebuildAbility(caller);
  }

  private async chairAction(m: EntityManager, caller: Caller, c: CaseRow, action: ChairAction, dto: TransitionDto): Promise<void> {
    const ruling = await this.rulings.forCase(m, c.id);
    if (!ruling || c.state !== 'awaiting_ruling') throw new InvalidTransition(`"${action}" applies only while the case awaits the Kerngroep's ruling`);
    const result = await this.rulings.chairAction(m, caller, ruling, action, dto, (p) => this.validateProposal(c, p));
    await this.cases.addEvent(m, {
      caseId: c.id,
      actor: actorOf(caller),
      action: `ruling.${action}`,
      audience: action === 'close-vote' ? 'participants' : 'kerngroep',
      details: action === 'appoint-substitute' ? { seat: dto.seat } : action === 'record-absence' ? { seat: dto.seat } : {},
    });
    await this.cases.touch(m, c.id);
    if (result.decision) await this.onRulingDecided(m, caller, c, result.decision);
    await this.audit.appendInTransaction(m, {
      actor: actorOf(caller),
      action: `kerngroep.${action}`,
      object: { type: 'case', id: c.id },
      details: { seat: dto.seat ?? null, outcome: result.decision?.outcome ?? (result.escalated ? 'escalated' : null) },
    });
  }

  /** The chair may put a narrower scope (art. 22), another level (art. 24) or another period before the vote. */
  private validateProposal(c: CaseRow, p: Record<string, unknown>): Record<string, unknown> {
    const bad = (field: string, problem: string) => new InvalidInput('The request is invalid', [{ field: `proposal.${field}`, problem }]);
    if (c.type === 'disclosure') {
      const scope = p.scope as Record<string, unknown> | undefined;
      if (!scope || typeof scope !== 'object') throw bad('scope', 'is required');
      const narrowed = this.normaliseScope(scope, 'proposal.scope');
      const original = c.scope as Record<string, unknown>;
      for (const key of ['countries', 'regions', 'rawMaterials', 'activityTypes'] as const) {
        const wide = original[key] as string[] | undefined;
        const narrow = narrowed[key] as string[] | undefined;
        if (narrow && !narrow.every((x) => typeof x === 'string')) throw bad(`scope.${key}`, 'must be a list of strings');
        // Art. 22 / DOMAIN.md step 2: the Kerngroep may approve a narrower scope, never a wider one.
        if (wide?.length && (!narrow?.length || !narrow.every((x) => wide.includes(x)))) throw bad(`scope.${key}`, 'must stay within the requested scope');
      }
      if (original.year !== undefined && narrowed.year !== original.year) throw bad('scope.year', 'must stay the requested year');
      return { scope: narrowed };
    }
    if (c.type === 'restriction') {
      if (!(RESTRICTION_LEVELS as readonly unknown[]).includes(p.level)) throw bad('level', `must be one of ${RESTRICTION_LEVELS.join(', ')}`);
      return { level: p.level };
    }
    const days = p.improvementPeriodDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 730) throw bad('improvementPeriodDays', 'must be a whole number of days from 1 to 730');
    return { improvementPeriodDays: days };
  }

  /** POST /api/v1/cases/:id/votes (art. 49). */
  async vote(caller: Caller, id: string, choice: VoteChoice, reason: string | null): Promise<Record<string, unknown>> {
    const result = await this.db.transaction(async (m) => {
      const c = await this.cases.lock(m, id);
      // Art. 48: agendas are shared with all parties, so a case before the Kerngroep is no secret to a voter;
      // whether this caller may vote is the decision rule's answer (403 with the article), not a 404.
      if (!c) throw new NotFound('case', id);
      const ruling = await this.rulings.forCase(m, id);
      if (!ruling || c.state !== 'awaiting_ruling') throw new InvalidTransition('No vote is open on this case');
      const r = await this.rulings.vote(m, caller, ruling, choice, reason);
      await this.cases.addEvent(m, {
        caseId: id,
        // The escalation is told to all parties; who cast the vote that caused it stays in the deliberation.
        actor: r.status === 'escalated' ? null : actorOf(caller),
        action: r.status === 'escalated' ? 'ruling.escalated' : 'ruling.vote',
        audience: r.status === 'escalated' ? 'participants' : 'kerngroep',
        details: { seat: r.seat, capacity: r.capacity },
      });
      await this.cases.touch(m, id);
      if (r.status === 'decided') await this.onRulingDecided(m, caller, c, r.decision);
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'kerngroep.vote',
        object: { type: 'case', id },
        details: { stage: r.status === 'decided' ? r.decision.basis : r.stage, seat: r.seat, capacity: r.capacity, result: r.status },
      });
      return r;
    });
    return {
      status: result.status,
      seat: result.seat,
      capacity: result.capacity,
      ...(result.status === 'decided' ? { outcome: result.decision.outcome, basis: result.decision.basis } : {}),
    };
  }

  /** The ruling decided: the case moves on by its outcome (art. 22-24, 83-84). */
  private async onRulingDecided(m: EntityManager, caller: Caller | null, c: CaseRow, d: RulingDecision): Promise<void> {
    const action = d.outcome === 'approved' ? 'ruling-approved' : 'ruling-rejected';
    await this.apply(m, caller, c, action, {}, d);
  }

  /** Runs a transition the scheduler takes at a deadline (the case is already locked by the scheduler). */
  private async systemTransition(m: EntityManager, caseId: string, action: string, details: Record<string, unknown>): Promise<void> {
    const c = await this.cases.lock(m, caseId);
    if (!c) return;
    const check = checkTransition(c.type, c.state, action, ['system']);
    if (!check.ok) return; // the case moved on meanwhile (e.g. withdrawn): nothing to do at this deadline
    await this.apply(m, null, c, action, details);
  }

  /** Applies one state-machine transition with everything it causes, in the caller's transaction. */
  private async apply(m: EntityManager, caller: Caller | null, c: CaseRow, action: string, params: Record<string, unknown>, decision?: RulingDecision): Promise<void> {
    const check = checkTransition(c.type, c.state, action, caller ? ['requester', 'company', 'secretariat', 'chair', 'system'] : ['system']);
    if (!check.ok) throw new InvalidTransition(check.message);
    const to = check.rule.to;
    const actor = caller ? actorOf(caller) : null;
    const extra: Record<string, unknown> = {};
    const details: Record<string, unknown> = {};
    const afterwards: Array<() => Promise<void>> = [];

    switch (`${c.type}:${action}`) {
      case 'disclosure:ruling-approved': {
        const scope = (decision!.proposal.scope ?? c.scope) as Record<string, unknown>;
        extra.approved_scope = scope;
        const inScope = await this.registry.entriesInScope(scope as DisclosureScope, m);
        await this.cases.addConsentRequests(m, c.id, inScope.map((x) => ({ organisationId: x.organisationId, entryIds: x.entries.map((e) => e.id) })));
        details.companiesAsked = inScope.length;
        if (inScope.length > 0) {
          const dueAt = new Date(Date.now() + this.config.consentDeadlineDays * DAY_MS);
          await this.scheduler.schedule(m, c.id, 'consent', dueAt, this.reminderBefore(dueAt, this.config.consentDeadlineDays));
          for (const to2 of await this.recipients(m, inScope.map((x) => x.organisationId))) {
            await this.outbox.enqueue(m, { to: to2, template: 'cases.consent-requested', params: { caseId: c.id, deadline: dueAt.toISOString().slice(0, 10) } });
          }
        } else {
          // Nobody to ask: the consent round is over at once.
          afterwards.push(async () => this.systemTransition(m, c.id, 'close-consent', { reason: 'no entries in scope' }));
        }
        break;
      }
      case 'restriction:ruling-approved': {
        // Art. 23-24: the approved level applies to every later disclosure (aggregated list, art-21, art-22 views).
        const level = (decision!.proposal.level ?? (c.scope as { level: string }).level) as RestrictionLevel;
        const ids = (c.scope as { locationIds: string[] }).locationIds;
        await this.registry.applyRestriction(m, ids, level, c.id);
        details.level = level;
        details.entries = ids.length;
        break;
      }
      case 'complaint:ruling-approved': {
        const days = Number(decision!.proposal.improvementPeriodDays ?? DEFAULT_IMPROVEMENT_PERIOD_DAYS);
        const dueAt = new Date(Date.now() + days * DAY_MS);
        await this.scheduler.schedule(m, c.id, 'improvement-period', dueAt, this.reminderBefore(dueAt, days));
        details.improvementPeriodDays = days;
        break;
      }
      case 'disclosure:close-consent': {
        await this.scheduler.cancel(m, c.id, 'consent');
        details.silent = await this.cases.markSilent(m, c.id);
        await this.mailParticipants(m, c.id, 'cases.clause-required', {}, ['beneficiary']);
        break;
      }
      case 'disclosure:open-access': {
        // Art. 22: "nadat zij een standaard vertrouwelijkheidsclausule hebben ondertekend".
        const beneficiary = c.on_behalf_of ?? c.requester_organisation_id;
        if (caller!.organisation.id !== beneficiary)
          throw new NotAllowed('Access opens for the local partner or affiliated union that will see the data (art. 22)');
        const facts = (await this.policies.abilityFor(caller!)).facts;
        if (!facts.ndas.some((n) => n.kind === 'disclosure'))
          throw new NotAllowed('Sign the standard art-22 confidentiality clause first (art. 22)', ['nda:disclosure']);
        const closesAt = new Date(Date.now() + this.config.accessWindowDays * DAY_MS);
        extra.access_opened_at = new Date();
        extra.access_closes_at = closesAt;
        await this.scheduler.schedule(m, c.id, 'access-window', closesAt, this.reminderBefore(closesAt, this.config.accessWindowDays));
        await this.mailParticipants(m, c.id, 'cases.access-opened', { closesAt: closesAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' }, ['beneficiary']);
        break;
      }
      case 'disclosure:close-access': {
        await this.scheduler.cancel(m, c.id, 'access-window');
        await this.mailParticipants(m, c.id, 'cases.access-closed', {}, ['beneficiary']);
        break;
      }
      case 'disclosure:withdraw':
      case 'restriction:withdraw':
      case 'complaint:withdraw': {
        if (!caller || caller.organisation.id !== c.requester_organisation_id) throw new NotAllowed('Only the organisation that filed the case withdraws it');
        await this.scheduler.cancel(m, c.id, 'consent');
        break;
      }
      case 'disclosure:confirm-brokering': {
        const requested = (params.companyIds as string[] | undefined) ?? null;
        const found = new Set((await this.cases.brokered(m, c.id)).map((b) => b.company_id));
        const index = requested ? requested.findIndex((x) => !found.has(x)) : -1;
        if (index >= 0) throw new InvalidInput('The request is invalid', [{ field: `companyIds[${index}]`, problem: 'is not a company found for the reported suppliers' }]);
        const confirmed = await this.cases.confirmBrokered(m, c.id, requested);
        details.companies = confirmed.length;
        // Art. 22: the secretariat points those companies to the report and sets up the dialogue.
        for (const to2 of await this.recipients(m, confirmed)) {
          await this.outbox.enqueue(m, { to: to2, template: 'cases.brokered', params: { caseId: c.id } });
        }
        break;
      }
      case 'disclosure:close-joint-project': {
        const linked = [...new Set((params.linkedCaseIds as string[] | undefined) ?? [])].filter((x) => x !== c.id);
        for (const [i, other] of linked.entries()) {
          const o = await this.cases.find(m, other);
          if (!o || o.type !== 'disclosure')
            throw new InvalidInput('The request is invalid', [{ field: `linkedCaseIds[${i}]`, problem: 'is not a disclosure case' }]);
        }
        await this.cases.link(m, c.id, linked);
        details.linkedCases = linked.length;
        break;
      }
      case 'complaint:end-improvement-period': {
        await this.scheduler.cancel(m, c.id, 'improvement-period');
        await this.mailParticipants(m, c.id, 'cases.improvement-ended', {}, ['subject', 'secretariat']);
        break;
      }
      default:
        break;
    }

    if (action === 'ruling-approved' || action === 'ruling-rejected') {
      await this.mailParticipants(m, c.id, 'cases.ruling-decided', { outcome: decision!.outcome }, ['requester', 'subject']);
      details.basis = decision!.basis;
    }
    if (RESOLUTION[action]) {
      extra.closed_at = new Date();
      await this.mailParticipants(m, c.id, 'cases.closed', { resolution: RESOLUTION[action] }, ['requester', 'sponsor', 'brokered', 'subject']);
    }
    if (check.rule.to === 'withdrawn' || check.rule.to === 'rejected' || check.rule.to === 'dismissed') extra.closed_at = new Date();

    await this.cases.setState(m, c.id, to, extra as never);
    // A ruling's outcome is the Kerngroep's, not the last voter's: the participants' timeline names no voter (art. 48).
    const eventActor = action.startsWith('ruling-') ? null : actor;
    await this.cases.addEvent(m, { caseId: c.id, actor: eventActor, action, fromState: c.state, toState: to, details: { ...details, ...(params.reason ? { reason: params.reason } : {}) } });
    await this.audit.appendInTransaction(m, {
      actor,
      action: 'cases.transition',
      object: { type: 'case', id: c.id },
      details: { action, from: c.state, to, ...details },
    });
    // Follow-on transitions (e.g. nobody to ask for consent) run after this one is recorded, in the same transaction.
    for (const f of afterwards) await f();
  }

  private reminderBefore(dueAt: Date, days: number): Date {
    // Remind two days before, or halfway through a short period.
    const before = Math.min(2 * DAY_MS, (days * DAY_MS) / 2);
    return new Date(dueAt.getTime() - before);
  }

  // ------------------------------------------------------------------------------------------------ consent, access, report, dialogue

  /** POST /api/v1/cases/:id/consents (art. 19, 22): a company approves, or restricts entries to region/country level. */
  async consent(caller: Caller, id: string, dto: ConsentDto): Promise<Record<string, unknown>> {
    await this.freshAbility(caller);
    await this.db.transaction(async (m) => {
      const c = await this.lockVisible(m, caller, id, 'consent');
      if (c.state !== 'awaiting_consent') throw new InvalidTransition(`Consent is given while the case awaits consent; it is ${c.state}`);
      const company = caller.organisation.id;
      const mine = await this.cases.consentOf(m, id, company);
      if (!mine) throw new NotFound('case', id);
      const entries = new Set((await this.cases.entriesOf(m, id, company)).map((e) => e.location_id));
      const levels = new Map<string, string>();
      if (dto.decision === 'restrict') {
        for (const [i, l] of dto.locations!.entries()) {
          if (!entries.has(l.id)) throw new InvalidInput('The request is invalid', [{ field: `locations[${i}].id`, problem: 'is not one of your entries in this case' }]);
          levels.set(l.id, l.level);
        }
      } else if (dto.locations) {
        throw new InvalidInput('The request is invalid', [{ field: 'locations', problem: 'is only given with decision "restrict"' }]);
      }
      await this.cases.answerConsent(m, id, company, caller.personId, dto.decision === 'approve' ? 'approved' : 'restricted', levels);
      // The requester never learns which company answered what: the event is for the secretariat only.
      await this.cases.addEvent(m, { caseId: id, actor: actorOf(caller), action: 'consent', audience: 'secretariat', details: { decision: dto.decision, restricted: levels.size } });
      await this.cases.touch(m, id);
      const pending = await this.cases.pendingConsentCompanies(m, id);
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'cases.consent',
        object: { type: 'case', id },
        details: { decision: dto.decision, restrictedEntries: levels.size, entries: entries.size },
      });
      if (pending.length === 0) await this.systemTransition(m, id, 'close-consent', { reason: 'every company answered' });
    });
    return this.read(caller, id, false);
  }

  /**
   * GET /api/v1/cases/:id/disclosed-locations (art. 22, DOMAIN.md step 5): while access is open, the scoped entries —
   * supplier identity where consented, generalised where restricted or silent, never the buying company, never
   * competition-sensitive data; restrictions (art. 23-24) applied by the registry. One row per supplier, not per
   * company entry (the registry merges the entries of one supplier by blind index, at the most revealing level any
   * of them is disclosed at), so the requester cannot count a supplier's buyers; a row's `id` is one of the case's
   * entries, so `report` brokers every company listing that supplier. Every view is audited.
   */
  async disclosedLocations(caller: Caller, id: string): Promise<DisclosedEntry[]> {
    const c = await this.cases.find(this.db.manager, id);
    if (!c) throw new NotFound('case', id);
    await this.policies.authorizeRecord(caller, 'list', 'DisclosedLocation', { caseId: id }, { id });
    const entries = await this.cases.entriesOf(this.db.manager, id);
    // Silence is not consent: an entry without an answer is shown at country level (disclosure-level.ts).
    const requests = entries.map((e) => ({ id: e.location_id, level: (e.level ?? 'country') as 'full' | 'region' | 'country' }));
    return this.registry.disclosedEntries(requests, { actor: actorOf(caller), grant: { type: 'case', id } });
  }

  /** POST /api/v1/cases/:id/reports: the requester names the disclosed entries where risks were found (art. 22). */
  async report(caller: Caller, id: string, dto: ReportDto): Promise<Record<string, unknown>> {
    await this.freshAbility(caller);
    await this.db.transaction(async (m) => {
      const c = await this.lockVisible(m, caller, id, 'report');
      const check = checkTransition(c.type, c.state, 'report', ['requester']);
      if (!check.ok) throw new InvalidTransition(check.message);
      const inCase = new Map((await this.cases.entriesOf(m, id)).map((e) => [e.location_id, e.level]));
      const refs = [...new Set(dto.locationRefs)];
      const index = refs.findIndex((r) => !inCase.has(r));
      if (index >= 0) throw new InvalidInput('The request is invalid', [{ field: `locationRefs[${index}]`, problem: 'is not an entry disclosed in this case' }]);
      const reportId = await this.cases.insertReport(m, id, caller.personId, refs, dto.description);
      // Art. 22 step 7: every member company that sources from a reported supplier, through the blind index.
      const matches = await this.registry.companiesListingSameSupplier(refs, m);
      const companies = [...new Set(matches.flatMap((x) => x.organisationIds))];
      await this.cases.addBrokeredCompanies(m, id, companies);
      await this.cases.addEvent(m, { caseId: id, actor: actorOf(caller), action: 'report.filed', audience: 'participants', details: { reportId, entries: refs.length } });
      await this.cases.addEvent(m, { caseId: id, actor: null, action: 'brokering.found', audience: 'secretariat', details: { companies: companies.length } });
      await this.mailParticipants(m, id, 'cases.report-filed', {}, ['secretariat']);
      await this.apply(m, caller, c, 'report', {});
    });
    return this.read(caller, id, false);
  }

  /** POST /api/v1/cases/:id/messages: the dialogue between the companies, the requester, its constituency and the secretariat. */
  async message(caller: Caller, id: string, dto: MessageDto): Promise<Record<string, unknown>> {
    await this.freshAbility(caller);
    return this.db.transaction(async (m) => {
      const c = await this.lockVisible(m, caller, id, 'message');
      if (c.closed_at) throw new InvalidTransition(`The case is closed (${c.state}); the dialogue has ended`);
      const messageId = await this.cases.insertMessage(m, id, caller.personId, caller.organisation.id, dto.kind ?? 'message', dto.body);
      await this.cases.addEvent(m, { caseId: id, actor: actorOf(caller), action: dto.kind === 'agreed-action' ? 'agreed-action' : 'message' });
      await this.cases.touch(m, id);
      const others = (await this.participantOrganisations(m, c, ['requester', 'sponsor', 'brokered', 'subject', 'secretariat'])).filter((o) => o !== caller.organisation.id);
      for (const to of await this.recipients(m, others)) await this.outbox.enqueue(m, { to, template: 'cases.message', params: { caseId: id } });
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'cases.message', object: { type: 'case', id }, details: { messageId, kind: dto.kind ?? 'message' } });
      return { id: messageId, kind: dto.kind ?? 'message' };
    });
  }

  // ------------------------------------------------------------------------------------------------ mail

  private async remindConsent(m: EntityManager, d: DeadlineRow): Promise<void> {
    const pending = await this.cases.pendingConsentCompanies(m, d.case_id);
    for (const to of await this.recipients(m, pending)) {
      await this.outbox.enqueue(m, { to, template: 'cases.consent-reminder', params: { caseId: d.case_id, deadline: new Date(d.due_at).toISOString().slice(0, 10) } });
    }
  }

  private async remindAccess(m: EntityManager, d: DeadlineRow): Promise<void> {
    await this.mailParticipants(m, d.case_id, 'cases.access-reminder', { closesAt: new Date(d.due_at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' }, ['beneficiary']);
  }

  private async participantOrganisations(m: EntityManager, c: CaseRow, parts: string[]): Promise<string[]> {
    const out = new Set<string>();
    if (parts.includes('requester')) out.add(c.requester_organisation_id);
    if (parts.includes('requester') && c.on_behalf_of) out.add(c.on_behalf_of);
    if (parts.includes('beneficiary')) out.add(c.on_behalf_of ?? c.requester_organisation_id);
    if (parts.includes('sponsor') && c.sponsor_organisation_id) out.add(c.sponsor_organisation_id);
    if (parts.includes('subject') && c.subject_organisation_id) out.add(c.subject_organisation_id);
    if (parts.includes('brokered')) for (const b of await this.cases.brokered(m, c.id)) if (b.confirmed_at) out.add(b.company_id);
    if (parts.includes('secretariat')) for (const s of await this.cases.secretariatOrganisations(m)) out.add(s);
    return [...out];
  }

  private async mailParticipants(m: EntityManager, caseId: string, template: string, params: Record<string, string>, parts: string[]): Promise<void> {
    const c = await this.cases.find(m, caseId);
    if (!c) return;
    const orgs = await this.participantOrganisations(m, c, parts);
    for (const to of await this.recipients(m, orgs)) await this.outbox.enqueue(m, { to, template, params: { caseId, ...params } });
  }

  private async recipients(m: EntityManager, organisationIds: string[]): Promise<Array<{ email: string; language: 'nl' | 'en' }>> {
    if (organisationIds.length === 0) return [];
    return m.query(
      `SELECT p.email, p.language FROM people p
        WHERE p.disabled_at IS NULL AND p.organisation_id = ANY($1::uuid[])
          AND ('org_admin' = ANY(p.roles) OR 'secretariat_staff' = ANY(p.roles) OR NOT EXISTS (
                SELECT 1 FROM people q WHERE q.organisation_id = p.organisation_id AND q.disabled_at IS NULL AND 'org_admin' = ANY(q.roles)))
        ORDER BY p.email`,
      [organisationIds],
    );
  }
}
