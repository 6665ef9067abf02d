import type { OrganisationKind } from '../../common/caller.js';
import type { FieldProblem } from '../../common/errors.js';
import { agreementDateProblem } from '../governance/agreement-term.js';

/** Art. 13, footnote 4: the four types of module of the framework agreement (Raamovereenkomst 1.3). */
export const MODULE_KINDS = ['sector', 'knowledge', 'practice', 'risk'] as const;
export type ModuleKind = (typeof MODULE_KINDS)[number];

/** A module's period lies within the agreement's term (art. 66-67) and does not end before it starts. */
export function modulePeriodProblems(startsOn: string, endsOn: string | null | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const start = agreementDateProblem('startsOn', startsOn);
  if (start) problems.push(start);
  if (endsOn !== undefined && endsOn !== null) {
    const end = agreementDateProblem('endsOn', endsOn);
    if (end) problems.push(end);
    else if (!start && endsOn < startsOn) problems.push({ field: 'endsOn', problem: 'must not be before startsOn' });
  }
  return problems;
}

/**
 * Which organisations take part in a module (art. 13, 29-30): the organisations of the agreement — parties, their
 * local partners and supporters — not the secretariat, which runs the modules (art. 55); only while active.
 */
export function enrolmentProblems(organisation: { kind: OrganisationKind; status: string } | undefined): FieldProblem[] {
  if (!organisation) return [{ field: 'organisationId', problem: 'is not a known organisation' }];
  if (organisation.kind === 'secretariat') return [{ field: 'organisationId', problem: 'the secretariat supports the modules and does not take part in one (art. 55)' }];
  if (organisation.status !== 'active') {
    return [{ field: 'organisationId', problem: `must be an active organisation; this one has status ${organisation.status} (art. 73-77)` }];
  }
  return [];
}
