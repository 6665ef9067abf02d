import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CONSTITUENCIES, type Caller, type Constituency, type Language } from '../common/caller.js';
import { Conflict, InvalidInput, InvalidTransition, NotAllowed } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { type DeadlineRow, DeadlineScheduler } from '../scheduler/deadline-scheduler.js';
import { decideAssembly, decideKerngroep, isSeatRecused, needsSubstitute, SEATS, type Seat, type SeatState, type VoteChoice } from './decision-rule.js';
import { PoliciesService } from '../policies/policies.service.js';
import { caseRulingPart, type RulingRow, rulingFactsSql, RulingsRepository, type VoteRow } from './rulings.repository.js';

/** What a vote or the chair's close decided, for the matter's owner to act on (e.g. move a case on). */
export interface RulingDecision {
  outcome: 'approved' | 'rejected';
  basis: 'consensus' | 'majority' | 'assembly';
  proposal: Record<string, unknown>;
}

export type VoteResult =
  | { status: 'recorded'; stage: 'kerngroep' | 'assembly'; seat: Seat | null; capacity: string }
  | { status: 'escalated'; stage: 'assembly'; seat: Seat | null; capacity: string; reason: string }
  | { status: 'decided'; decision: RulingDecision; seat: Seat | null; capacity: string };

export type ChairAction = 'record-absence' | 'appoint-substitute' | 'propose' | 'close-vote';
export const CHAIR_ACTIONS: readonly ChairAction[] = ['record-absence', 'appoint-substitute', 'propose', 'close-vote'];

export interface ChairParams {
  seat?: string;
  organisationId?: string;
  absent?: boolean;
  proposal?: Record<string, unknown>;
  reasons?: string;
}

/** Headline minutes (art. 48): what every party sees of a ruling. No votes, no names, no reasons. */
export interface RulingHeadline {
  stage: RulingRow['stage'];
  proposal: Record<string, unknown>;
  outcome: 'approved' | 'rejected' | null;
  basis: 'consensus' | 'majority' | 'assembly' | null;
  escalated: boolean;
  openedAt: string;
  escalatedAt: string | null;
  decidedAt: string | null;
  /** art. 49: when the current stage's vote closes (null once decided) */
  voteDueAt: string | null;
}

/** The full deliberation: the Kerngroep (non-recused), the chair and the secretariat only (art. 48, 84). */
export interface RulingDeliberation {
  /** `holderOrganisationId`: the organisation that held the seat when the ruling opened; it votes on it (art. 47, 49) */
  seats: Array<{ seat: Seat; holderOrganisationId: string | null; isRecused: boolean; isFixedAbsent: boolean; substituteOrganisationId: string | null }>;
  votes: Array<{ stage: string; seat: Seat | null; organisation: string; person: string; capacity: string; vote: VoteChoice; reason: string | null; castAt: string }>;
  tally: Record<string, unknown> | null;
  escalationReason: string | null;
  reasons: string | null;
  /** art. 49: the seats that have not voted yet in the Kerngroep stage (abstaining counts as having voted) */
  notVoted: Seat[];
  /** art. 49: in the assembly, how many parties have not voted yet */
  partiesNotVoted: number | null;
  /** art. 49-50: whether the chair may close the vote now (everyone voted, or the deadline passed) */
  closable: boolean;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Kerngroep rulings as a reusable part of any matter (art. 45-50, 84). A ruling belongs to one case; every
 * method runs inside the caller's transaction, after the caller locked the matter's row, so two votes on one
 * ruling are serialised by PostgreSQL and the unique index on (ruling, seat) refuses a second vote per seat.
 */
@Injectable()
export class RulingsService implements OnModuleInit {
  /** The case's ruling as a part of the case view's one statement (issue 18): what `forCase` reads. */
  readonly caseRulingPart = caseRulingPart;

  constructor(
    private readonly rulings: RulingsRepository,
    private readonly outbox: OutboxService,
    private readonly recipients: RecipientsService,
    private readonly scheduler: DeadlineScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policies: PoliciesService,
  ) {}

  onModuleInit(): void {
    // Facts of a case's ruling for policies/cases.yaml (`vote-decided`), read fresh with the caller on every request —
    // for the callers a rule using the fact can apply to only (the policy layer's FactSelection; today the chair's
    // cases.yaml#chair-closes-vote). On a route about one case (`recordIds`) only that case's ruling, plus whether any
    // vote is decided at all.
    this.policies.registerFactProvider({
      name: 'rulings',
      provides: { grants: ['vote-decided'] },
      sql: (ref) =>
        `(SELECT coalesce(json_agg(json_build_object('kind', f.kind, 'objectId', f.case_id, 'grantId', f.ruling_id)), '[]'::json)
            FROM (${rulingFactsSql(ref.recordIds, ref.recordsOnly)}) f)`,
      read: (json) => ({ grants: json as Array<{ kind: string; objectId: string; grantId: string }> }),
    });
    // Art. 49: a reminder before a vote's deadline to whoever has not voted, and a mail to the chair when it passed.
    this.scheduler.register('vote', {
      remind: (m, d) => this.remindVoters(m, d),
      expire: (m, d) => this.voteDeadlinePassed(m, d),
    });
  }

  /** Puts a matter before the Kerngroep: the seat holders and the chair are told (art. 48: the agenda). */
  async open(m: EntityManager, caseId: string, proposal: Record<string, unknown>, concerned: string[]): Promise<RulingRow> {
    const ruling = await this.rulings.insert(m, caseId, proposal, concerned);
    const dueAt = await this.scheduleVote(m, ruling);
    for (const to of await this.rulings.kerngroepRecipients(m, concerned)) {
      await this.outbox.enqueue(m, { to, template: 'cases.ruling-opened', params: { caseId } });
    }
    return { ...ruling, vote_due_at: dueAt };
  }

  /** Art. 49: the deadline of the vote that starts now (Kerngroep or assembly): `KERNGROEP_VOTE_DAYS`, reminded two days before. */
  private async scheduleVote(m: EntityManager, ruling: RulingRow): Promise<Date> {
    const day = 24 * 3600 * 1000;
    const days = this.config.kerngroepVoteDays;
    const dueAt = new Date(Date.now() + days * day);
    const remindAt = new Date(dueAt.getTime() - Math.min(2 * day, (days * day) / 2));
    await this.rulings.setVoteDue(m, ruling.id, dueAt);
    await this.scheduler.schedule(m, ruling.case_id, 'vote', dueAt, remindAt);
    return dueAt;
  }

  /** Who has not voted yet in the ruling's current stage: seats (Kerngroep) or party organisations (assembly). */
  private async outstanding(m: EntityManager, ruling: RulingRow): Promise<{ seats: Seat[]; parties: string[] }> {
    const votes = await this.rulings.votes(m, ruling.id);
    if (ruling.stage === 'kerngroep') {
      const voted = new Set(votes.filter((v) => v.stage === 'kerngroep').map((v) => v.seat));
      return { seats: SEATS.filter((s) => !voted.has(s)), parties: [] };
    }
    if (ruling.stage === 'assembly') {
      const voted = new Set(votes.filter((v) => v.stage === 'assembly').map((v) => v.organisation_id));
      return { seats: [], parties: (await this.rulings.assemblyParties(m, ruling.concerned_organisation_ids)).filter((p) => !voted.has(p)) };
    }
    return { seats: [], parties: [] };
  }

  private async remindVoters(m: EntityManager, d: DeadlineRow): Promise<void> {
    const ruling = await this.rulings.forCase(m, d.case_id);
    if (!ruling || ruling.stage === 'decided') return;
    const params = { caseId: d.case_id, deadline: new Date(d.due_at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' };
    const open = await this.outstanding(m, ruling);
    let recipients: Array<{ email: string; language: Language }>;
    if (ruling.stage === 'kerngroep') {
      // The fixed and deputy holders of every seat that has not voted (or the appointed substitute's people).
      const seats = (await this.rulings.seats(m, ruling.id)).filter((s) => open.seats.includes(s.seat));
      const substitutes = seats.filter((s) => isSeatRecused(s) && s.substituteOrganisationId).map((s) => s.substituteOrganisationId!);
      const holders = seats.filter((s) => !isSeatRecused(s)).flatMap((s) => [s.fixedPersonId, s.deputyPersonId]).filter((x): x is string => !!x);
      recipients = [...(await this.recipients.forPeople(m, holders)), ...(await this.recipients.forOrganisations(m, substitutes))];
    } else {
      recipients = await this.recipients.forOrganisations(m, open.parties);
    }
    for (const to of recipients) await this.outbox.enqueue(m, { to, template: 'cases.vote-reminder', params });
  }

  private async voteDeadlinePassed(m: EntityManager, d: DeadlineRow): Promise<void> {
    const ruling = await this.rulings.forCase(m, d.case_id);
    if (!ruling || ruling.stage === 'decided') return;
    for (const to of await this.rulings.chairRecipients(m)) {
      await this.outbox.enqueue(m, { to, template: 'cases.vote-deadline-passed', params: { caseId: d.case_id } });
    }
  }

  forCase(m: EntityManager, caseId: string): Promise<RulingRow | null> {
    return this.rulings.forCase(m, caseId);
  }

  forCases(m: EntityManager, caseIds: string[]): Promise<Map<string, RulingRow>> {
    return this.rulings.forCases(m, caseIds);
  }

  /**
   * Casts the caller's vote (art. 49): for their seat in the Kerngroep, or for their party in the assembly. Who may
   * vote is the `vote` rules of policies/cases.yaml (the chair never, art. 50; not a concerned organisation, art. 84;
   * the fixed representative, the deputy when the fixed member is absent, art. 47; the substitute, art. 84; every party
   * in the assembly, art. 49, 73-75), on the voter facts of `votersSql`; its 403 names the rule and the article. The
   * seat and capacity come from the same facts (`voterSeat`), read again under the case's lock.
   */
  async vote(m: EntityManager, caller: Caller, ruling: RulingRow, choice: VoteChoice, reason: string | null): Promise<VoteResult> {
    if (ruling.stage === 'decided') throw new InvalidTransition('The ruling on this case has been decided; no vote is open');
    const record = { id: ruling.case_id };
    await this.policies.assertCan(caller, 'vote', 'Case', record);
    const voter = await this.rulings.voterSeat(m, ruling.case_id, caller.personId, caller.organisation.id);
    // The facts changed since the request began (e.g. the chair withdrew an absence): the rules as they stand now refuse.
    if (!voter) throw NotAllowed.byPolicy((await this.policies.rebuildAbility(caller)).refusal('vote', 'Case', record));
    const stage = ruling.stage;
    const inserted = await this.rulings.insertVote(m, {
      rulingId: ruling.id,
      stage,
      seat: voter.seat,
      organisationId: caller.organisation.id,
      personId: caller.personId,
      capacity: voter.capacity,
      vote: choice,
      reason,
    });
    if (!inserted)
      throw new Conflict(
        stage === 'kerngroep'
          ? `The ${voter.seat} seat has already voted on this ruling (one vote per seat, art. 49)`
          : 'Your organisation has already voted in the Sectormodule Vergadering (one vote per party, art. 49)',
      );
    const base = { seat: voter.seat, capacity: voter.capacity };
    const outcome = await this.evaluate(m, ruling, false, null);
    if (outcome.status === 'decided') return { status: 'decided', decision: outcome.decision, ...base };
    if (outcome.status === 'escalated') return { status: 'escalated', stage: 'assembly', reason: outcome.reason, ...base };
    return { status: 'recorded', stage, ...base };
  }

  /**
   * The chair's part (art. 50): record a fixed member's absence (the deputy then votes, art. 47), appoint a
   * substitute party for a recused seat (art. 84), put a (narrowed) proposal before any vote is cast, or close
   * the vote. Returns the decision when closing decided the matter.
   */
  async chairAction(
    m: EntityManager,
    caller: Caller,
    ruling: RulingRow,
    action: ChairAction,
    params: ChairParams,
    validateProposal: (proposal: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<{ decision: RulingDecision | null; escalated: boolean }> {
    // Who runs the ruling, and when a vote may be closed, are rules of policies/cases.yaml (transition:<action>), checked
    // by the caller before this (ChairRunsRuling); what is left here is the order of the steps.
    if (ruling.stage === 'decided') throw new InvalidTransition('The ruling on this case has been decided');
    const seatOf = (): Seat => {
      if (!params.seat || !(CONSTITUENCIES as readonly string[]).includes(params.seat))
        throw new InvalidInput('The request is invalid', [{ field: 'seat', problem: `must be one of ${CONSTITUENCIES.join(', ')}` }]);
      return params.seat as Seat;
    };
    const votes = await this.rulings.votes(m, ruling.id);

    switch (action) {
      case 'record-absence': {
        const seat = seatOf();
        if (ruling.stage !== 'kerngroep') throw new InvalidTransition('Absences apply to the Kerngroep vote only; the matter is with the assembly');
        if (votes.some((v) => v.seat === seat)) throw new InvalidTransition(`The ${seat} seat has already voted`);
        await this.rulings.recordAbsence(m, ruling.id, seat, params.absent ?? true);
        return { decision: null, escalated: false };
      }
      case 'appoint-substitute': {
        const seat = seatOf();
        if (ruling.stage !== 'kerngroep') throw new InvalidTransition('Substitutes apply to the Kerngroep vote only');
        if (!params.organisationId)
          throw new InvalidInput('The request is invalid', [{ field: 'organisationId', problem: 'is required' }]);
        const seats = await this.rulings.seats(m, ruling.id);
        const state = seats.find((s) => s.seat === seat)!;
        const concerned = new Set(ruling.concerned_organisation_ids);
        if (!needsSubstitute(state)) throw new InvalidTransition(`The ${seat} seat is neither recused in this matter nor vacant; no substitute is needed (art. 84)`);
        if (votes.some((v) => v.seat === seat)) throw new InvalidTransition(`The ${seat} seat has already voted`);
        const org = await this.rulings.organisation(m, params.organisationId);
        // Art. 84: "vervangen door een andere partij uit dezelfde geleding".
        if (!org || !org.is_party || !['active', 'withdrawing'].includes(org.status) || org.constituency !== seat)
          throw new InvalidInput('The request is invalid', [{ field: 'organisationId', problem: `must be an active party of the ${seat} constituency (art. 84)` }]);
        if (concerned.has(org.id))
          throw new InvalidInput('The request is invalid', [{ field: 'organisationId', problem: 'is concerned by the matter itself (art. 84)' }]);
        await this.rulings.appointSubstitute(m, ruling.id, seat, org.id, caller.personId);
        for (const to of await this.recipients.forOrganisations(m, [org.id])) {
          await this.outbox.enqueue(m, { to, template: 'cases.substitute-appointed', params: { caseId: ruling.case_id } });
        }
        return { decision: null, escalated: false };
      }
      case 'propose': {
        if (!params.proposal || typeof params.proposal !== 'object')
          throw new InvalidInput('The request is invalid', [{ field: 'proposal', problem: 'is required' }]);
        if (ruling.stage !== 'kerngroep' || votes.length > 0)
          throw new InvalidTransition('The proposal can only change before the first vote is cast');
        await this.rulings.setProposal(m, ruling.id, validateProposal(params.proposal));
        return { decision: null, escalated: false };
      }
      case 'close-vote': {
        // art. 49: every seat (party) voted or the deadline passed: fact `vote-decided` of `chair-closes-vote`
        const outcome = await this.evaluate(m, ruling, true, params.reasons ?? null);
        return { decision: outcome.status === 'decided' ? outcome.decision : null, escalated: outcome.status === 'escalated' };
      }
    }
  }

  /** Applies the decision rule to the votes cast so far and records what it decided. */
  private async evaluate(
    m: EntityManager,
    ruling: RulingRow,
    closing: boolean,
    reasons: string | null,
  ): Promise<{ status: 'pending' } | { status: 'escalated'; reason: string } | { status: 'decided'; decision: RulingDecision }> {
    const votes = await this.rulings.votes(m, ruling.id);
    const proposal = await this.rulings.proposal(m, ruling.id);
    if (ruling.stage === 'kerngroep') {
      const bySeat = new Map<Seat, VoteChoice>(votes.filter((v) => v.stage === 'kerngroep').map((v) => [v.seat!, v.vote]));
      const result = decideKerngroep(bySeat, closing);
      if (result.status === 'pending') return { status: 'pending' };
      if (result.status === 'escalated') {
        await this.rulings.escalate(m, ruling.id, result.reason, result.tally);
        // Art. 49: the assembly's vote gets a deadline of its own, from the moment the matter goes to it.
        await this.scheduleVote(m, ruling);
        if (reasons) await this.rulings.setReasons(m, ruling.id, reasons);
        const parties = await this.rulings.assemblyParties(m, ruling.concerned_organisation_ids);
        for (const to of await this.recipients.forOrganisations(m, parties)) {
          await this.outbox.enqueue(m, { to, template: 'cases.escalated', params: { caseId: ruling.case_id } });
        }
        return { status: 'escalated', reason: result.reason };
      }
      await this.rulings.decide(m, ruling.id, result.outcome, result.basis, result.tally, reasons ?? this.reasonsFrom(votes));
      await this.scheduler.cancel(m, ruling.case_id, 'vote');
      return { status: 'decided', decision: { outcome: result.outcome, basis: result.basis, proposal } };
    }
    const parties = await this.rulings.assemblyParties(m, ruling.concerned_organisation_ids);
    const result = decideAssembly(
      votes.filter((v) => v.stage === 'assembly').map((v) => v.vote),
      parties.length,
      closing,
    );
    if (result.status === 'pending') return { status: 'pending' };
    await this.rulings.decide(m, ruling.id, result.outcome, 'assembly', result.tally, reasons);
    await this.scheduler.cancel(m, ruling.case_id, 'vote');
    return { status: 'decided', decision: { outcome: result.outcome, basis: 'assembly', proposal } };
  }

  private reasonsFrom(votes: VoteRow[]): string | null {
    const given = votes.filter((v) => v.reason).map((v) => `${v.seat ?? 'party'}: ${v.reason}`);
    return given.length ? given.join('\n') : null;
  }

  /** The vote `organisationId` cast at the ruling's current stage, if any (one per seat or party, art. 49). */
  async voteOf(m: EntityManager, r: RulingRow, organisationId: string): Promise<{ stage: string; vote: string; castAt: string } | null> {
    const mine = (await this.rulings.votes(m, r.id)).find((x) => x.stage === r.stage && x.organisation_id === organisationId);
    return mine ? { stage: mine.stage, vote: mine.vote, castAt: new Date(mine.cast_at).toISOString() } : null;
  }

  headline(r: RulingRow): RulingHeadline {
    return {
      stage: r.stage,
      proposal: r.proposal,
      outcome: r.outcome,
      basis: r.basis,
      escalated: r.escalated_at !== null,
      openedAt: iso(r.opened_at)!,
      escalatedAt: iso(r.escalated_at),
      decidedAt: iso(r.decided_at),
      voteDueAt: r.stage === 'decided' ? null : iso(r.vote_due_at),
    };
  }

  async deliberation(m: EntityManager, r: RulingRow): Promise<RulingDeliberation> {
    const seats = await this.rulings.seats(m, r.id);
    const votes = await this.rulings.votes(m, r.id);
    const open = await this.outstanding(m, r);
    const closable = await this.rulings.voteDecided(m, r.id);
    return {
      notVoted: open.seats,
      partiesNotVoted: r.stage === 'assembly' ? open.parties.length : null,
      closable,
      seats: seats.map((s: SeatState) => ({
        seat: s.seat,
        holderOrganisationId: s.fixedOrganisationId,
        isRecused: isSeatRecused(s),
        isFixedAbsent: s.isFixedAbsent,
        substituteOrganisationId: s.substituteOrganisationId,
      })),
      votes: votes.map((v) => ({
        stage: v.stage,
        seat: v.seat,
        organisation: v.organisation_name,
        person: v.person_name,
        capacity: v.capacity,
        vote: v.vote,
        reason: v.reason,
        castAt: iso(v.cast_at)!,
      })),
      tally: r.tally,
      escalationReason: r.escalation_reason,
      reasons: r.reasons,
    };
  }

  async headlines(m: EntityManager, limit = 100): Promise<Array<RulingHeadline & { caseId: string; type: string }>> {
    return (await this.rulings.headlines(m, limit)).map((r) => ({ caseId: r.case_id, type: r.type, ...this.headline(r) }));
  }

  isConstituency(x: unknown): x is Constituency {
    return typeof x === 'string' && (CONSTITUENCIES as readonly string[]).includes(x);
  }
}
