import type { Caller } from '../../common/caller.js';
import type { CaseRow } from '../cases.repository.js';
import type { Actor } from '../state-machines.js';

/** The parts the caller plays in a case, as the state machines' actors. */
export function actorsOf(caller: Caller, c: CaseRow, grants: Set<string>): Actor[] {
  const actors: Actor[] = [];
  if (grants.has('case-requester')) actors.push('requester');
  if (grants.has('case-company') || (grants.has('case-subject') && c.type !== 'restriction')) actors.push('company');
  if (caller.organisation.kind === 'secretariat') actors.push('secretariat');
  if (caller.isKerngroepChair) actors.push('chair');
  return actors;
}
