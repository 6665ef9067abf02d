import type { Caller } from '../common/caller.js';

/** One audit entry as a use case describes it (issue 3, item 5; DESIGN.md "Audit"). */
export interface AuditEntryInput {
  /** who acted; null for the system itself or an anonymous caller (e.g. a failed sign-in) */
  actor: { personId: string; organisationId: string } | null;
  /** `area.verb`, e.g. `auth.login`, `production-locations.read`, `cases.approve` */
  action: string;
  /** what was acted on */
  object?: { type: string; id: string };
  /** under which grant (an NDA, a case), if any */
  grant?: { type: string; id: string };
  /** small, non-confidential facts (never NAW, scores or tokens) */
  details?: Record<string, unknown>;
}

/** The actor of an audit entry for a signed-in caller. */
export function actorOf(caller: Caller): { personId: string; organisationId: string } {
  return { personId: caller.personId, organisationId: caller.organisation.id };
}

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
/** Keys that would put supplier NAW or credentials into the log; refused at any depth of `details`. */
const FORBIDDEN_DETAIL_KEYS = new Set(['suppliername', 'address', 'postcode', 'city', 'naw', 'password', 'token', 'accesstoken']);

/** Throws a programming error for an entry the log must not hold; returns nothing when it is fine. */
export function assertValidEntry(entry: AuditEntryInput): void {
  if (!ACTION.test(entry.action)) throw new Error(`audit: action "${entry.action}" is not of the form area.verb`);
  for (const ref of [entry.object, entry.grant]) {
    if (ref && (!ref.type || ref.id === undefined || ref.id === null || String(ref.id) === '')) {
      throw new Error('audit: object and grant need a type and an id');
    }
  }
  if (entry.details !== undefined) {
    if (entry.details === null || typeof entry.details !== 'object' || Array.isArray(entry.details)) {
      throw new Error('audit: details must be a plain object');
    }
    const walk = (value: unknown): void => {
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (FORBIDDEN_DETAIL_KEYS.has(k.toLowerCase())) throw new Error(`audit: details may not carry "${k}" (confidential)`);
          walk(v);
        }
      }
    };
    walk(entry.details);
  }
}
