/**
 * The Kerngroep decision rule (art. 45-50, 84 of the Sectorovereenkomst Metaal 2025-2029). Pure: no Nest, no
 * database. The rulings service loads the votes and asks this module what they decide. Who may vote is not decided
 * here: it is the `vote` rules of policies/cases.yaml, on the voter facts of rulings.repository.ts (`votersSql`).
 *
 * - Art. 46: four seats, one per constituency (geleding): unions, NGOs, branch organisations, companies.
 * - Art. 47: each seat has a fixed and a deputy representative; the deputy votes only when the fixed member is
 *   absent (recorded by the chair for this ruling).
 * - Art. 50: the chair watches over the process and has no vote. Supporters never vote (art. 40).
 * - Art. 84 (and DOMAIN.md: any matter about the member's own organisation): a seat whose representative's
 *   organisation is concerned by the matter is recused; the chair appoints another party of the same
 *   constituency as substitute, and the substitute casts that seat's vote.
 * - Art. 49: consensus first; otherwise a majority of the votes, one vote per seat; no majority -> the matter goes
 *   to the Sectormodule Vergadering ("assembly"), which decides by a majority of votes (one per party).
 *
 * Abstentions (interpretation, art. 49 "meerderheid van stemmen"): an abstention is recorded and closes the seat's
 * turn, but it is not a vote cast: the majority is a strict majority of the for/against votes cast. Consensus means
 * every one of the four seats voted the same way (for, or against); one abstention means there is no consensus,
 * and the majority rule decides instead. No votes cast at all, or a tie, is "no majority" and escalates.
 * In the assembly a tie means the proposal did not get the majority art. 49 requires: it is rejected.
 */

export const SEATS = ['unions', 'ngos', 'branch_orgs', 'companies'] as const;
export type Seat = (typeof SEATS)[number];
export type VoteChoice = 'for' | 'against' | 'abstain';
export const VOTE_CHOICES: readonly VoteChoice[] = ['for', 'against', 'abstain'];

/** What is known about one seat for one ruling. */
export interface SeatState {
  seat: Seat;
  fixedPersonId: string | null;
  fixedOrganisationId: string | null;
  deputyPersonId: string | null;
  deputyOrganisationId: string | null;
  /** the chair recorded the fixed member as absent for this ruling (art. 47) */
  isFixedAbsent: boolean;
  /** the substitute party appointed by the chair when the seat is recused (art. 84) */
  substituteOrganisationId: string | null;
  /**
   * art. 84: the matter concerns the organisation of the fixed representative, or of the deputy standing in for an
   * absent one (a deputy from a concerned organisation cannot stand in either)
   */
  isRecused: boolean;
  /** nobody holds the seat: its organisation left the agreement while a vote was open (art. 73-77) */
  isVacant: boolean;
}

/**
 * Whether the seat is recused for this ruling (art. 84). Recused and vacant are read from PostgreSQL with the seat
 * (`SEAT_RECUSED`, `SEAT_VACANT` in rulings.repository.ts: the one definition, which the voter facts of
 * policies/cases.yaml use too).
 */
export function isSeatRecused(seat: SeatState): boolean {
  return seat.isRecused;
}

/** The seat's vote is cast by a substitute party: it is recused (art. 84) or vacant. */
export function needsSubstitute(seat: SeatState): boolean {
  return seat.isRecused || seat.isVacant;
}

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

export function tally(votes: Iterable<VoteChoice>): Tally {
  const t: Tally = { for: 0, against: 0, abstain: 0 };
  for (const v of votes) t[v]++;
  return t;
}

export type KerngroepResult =
  | { status: 'pending'; tally: Tally; missingSeats: Seat[] }
  | { status: 'decided'; outcome: 'approved' | 'rejected'; basis: 'consensus' | 'majority'; tally: Tally }
  | { status: 'escalated'; tally: Tally; reason: string };

/**
 * What the Kerngroep's votes decide (art. 49). `closing` is true when the chair closes the vote although not
 * every seat voted; otherwise the ruling stays pending until all four seats have voted.
 */
export function decideKerngroep(votes: ReadonlyMap<Seat, VoteChoice>, closing = false): KerngroepResult {
  for (const seat of votes.keys()) if (!SEATS.includes(seat)) throw new Error(`unknown seat ${seat}`);
  const t = tally(votes.values());
  const missingSeats = SEATS.filter((s) => !votes.has(s));
  if (missingSeats.length > 0 && !closing) return { status: 'pending', tally: t, missingSeats };
  // Consensus: all four seats agree (art. 49 "streeft naar besluitvorming op basis van consensus").
  if (missingSeats.length === 0 && (t.for === SEATS.length || t.against === SEATS.length))
    return { status: 'decided', outcome: t.for === SEATS.length ? 'approved' : 'rejected', basis: 'consensus', tally: t };
  // Majority of votes cast, one per seat; abstentions are not votes cast.
  if (t.for > t.against) return { status: 'decided', outcome: 'approved', basis: 'majority', tally: t };
  if (t.against > t.for) return { status: 'decided', outcome: 'rejected', basis: 'majority', tally: t };
  return {
    status: 'escalated',
    tally: t,
    reason: t.for === 0 && t.against === 0 ? 'no votes were cast' : `no majority (${t.for}-${t.against})`,
  };
}

export type AssemblyResult =
  | { status: 'pending'; tally: Tally; outstanding: number }
  | { status: 'decided'; outcome: 'approved' | 'rejected'; basis: 'assembly'; tally: Tally };

/**
 * The Sectormodule Vergadering decides by majority of votes (art. 49), one vote per party organisation.
 * It is decided when every eligible party voted, or when the chair closes the vote. A tie is not a majority
 * for the proposal: rejected.
 */
export function decideAssembly(votes: Iterable<VoteChoice>, eligibleParties: number, closing = false): AssemblyResult {
  const list = [...votes];
  const t = tally(list);
  if (list.length < eligibleParties && !closing) return { status: 'pending', tally: t, outstanding: eligibleParties - list.length };
  return { status: 'decided', outcome: t.for > t.against ? 'approved' : 'rejected', basis: 'assembly', tally: t };
}
