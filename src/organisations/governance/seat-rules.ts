import type { Constituency, OrganisationKind } from '../../common/caller.js';
import type { FieldProblem } from '../../common/errors.js';
import { agreementDateProblem } from './agreement-term.js';

export interface SeatOrganisation {
  id: string;
  kind: OrganisationKind;
  isParty: boolean;
  constituency: Constituency | null;
  status: string;
}

export interface SeatPerson {
  id: string;
  organisationId: string;
  disabled: boolean;
}

export interface SeatAssignmentInput {
  constituency: Constituency;
  effectiveFrom: string;
  openVotes: 'keep' | 'transfer';
  /** the agreement's today (Europe/Amsterdam), YYYY-MM-DD */
  today: string;
  /** the date of the seat's latest recorded term, if any */
  latestTermFrom: string | null;
  organisation: SeatOrganisation | undefined;
  fixed: SeatPerson | undefined;
  deputy: SeatPerson | undefined;
}

/**
 * Whether a seat term may be recorded (pure; the use case loads the records). One problem per field:
 * - art. 46: the seat of a constituency is held by an active party organisation of that constituency;
 * - art. 47: "Iedere organisatie stelt een vaste en een plaatsvervangende vertegenwoordiger aan": both are active
 *   people of that organisation, and two different people;
 * - art. 66-67: the date lies in the agreement's term; history is kept, so a term never goes before the seat's latest
 *   one (a correction is a new term on the same or a later date);
 * - art. 49: an open vote keeps the holders it started with; moving it to the new holders is only possible once the
 *   new term is in force.
 */
export function seatAssignmentProblems(input: SeatAssignmentInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const org = input.organisation;
  if (!org) problems.push({ field: 'organisationId', problem: 'is not a known organisation' });
  else if (!org.isParty || org.constituency !== input.constituency || org.kind === 'local_partner') {
    problems.push({ field: 'organisationId', problem: `must be a party of the constituency ${input.constituency} (art. 46)` });
  } else if (org.status !== 'active') {
    problems.push({ field: 'organisationId', problem: `must be an active party; this one has status ${org.status} (art. 46, 73-77)` });
  }
  for (const [field, person] of [['fixedPersonId', input.fixed], ['deputyPersonId', input.deputy]] as const) {
    const role = field === 'fixedPersonId' ? 'fixed' : 'deputy';
    if (!person) problems.push({ field, problem: 'is not a known person' });
    else if (org && person.organisationId !== org.id) {
      problems.push({ field, problem: `the ${role} representative must be one of the seat-holding organisation's own people (art. 47)` });
    } else if (person.disabled) problems.push({ field, problem: `the ${role} representative is disabled` });
  }
  if (input.fixed && input.deputy && input.fixed.id === input.deputy.id) {
    problems.push({ field: 'deputyPersonId', problem: 'the deputy must be another person than the fixed representative (art. 47)' });
  }
  const date = agreementDateProblem('effectiveFrom', input.effectiveFrom);
  if (date) problems.push(date);
  else if (input.latestTermFrom && input.effectiveFrom < input.latestTermFrom) {
    problems.push({ field: 'effectiveFrom', problem: `must not be before ${input.latestTermFrom}, the date of the seat's latest term: history is kept, not rewritten (art. 47)` });
  }
  if (!date && input.openVotes === 'transfer' && input.effectiveFrom > input.today) {
    problems.push({ field: 'openVotes', problem: 'open votes move to the new holders only once their term is in force; keep them, or record the change from today (art. 49)' });
  }
  return problems;
}

export interface ChairAppointmentInput {
  effectiveFrom: string;
  latestTermFrom: string | null;
  person: (SeatPerson & { organisationKind: OrganisationKind }) | undefined;
  /** the person is a fixed or deputy representative in a seat term in force */
  holdsSeat: boolean;
}

/**
 * Whether a chair may be recorded (pure):
 * - art. 54: proposed by the SER and "niet betrokken bij het secretariaat", so not a person of the secretariat;
 * - art. 50: the chair has no vote, so not a seat's fixed or deputy representative;
 * - art. 66-67 and history, as for seats.
 */
export function chairAppointmentProblems(input: ChairAppointmentInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const p = input.person;
  if (!p) problems.push({ field: 'personId', problem: 'is not a known person' });
  else if (p.organisationKind === 'secretariat') {
    problems.push({ field: 'personId', problem: 'the chair is not involved with the secretariat (art. 54)' });
  } else if (p.disabled) problems.push({ field: 'personId', problem: 'the person is disabled' });
  else if (input.holdsSeat) {
    problems.push({ field: 'personId', problem: 'the chair has no vote, so cannot be a seat representative at the same time (art. 50)' });
  }
  const date = agreementDateProblem('effectiveFrom', input.effectiveFrom);
  if (date) problems.push(date);
  else if (input.latestTermFrom && input.effectiveFrom < input.latestTermFrom) {
    problems.push({ field: 'effectiveFrom', problem: `must not be before ${input.latestTermFrom}, the date of the latest chair: history is kept, not rewritten (art. 54)` });
  }
  return problems;
}
