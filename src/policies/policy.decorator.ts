import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';

export const POLICY_KEY = 'ketenkluis:policy';
export const PUBLIC_KEY = 'ketenkluis:public';

export interface RoutePolicy {
  action: string;
  subject: string;
  /**
   * Which of the caller's per-record facts (case grants) the session check reads, issue 18: `{ param: 'id' }` — those
   * on the one record the route parameter names (`/cases/:id`); `'none'` — none, for a route whose rules use no such
   * fact (a monitoring result, `/me`); unset — all. Either way it reads, per kind, whether the caller holds it at all,
   * so the guard's "may ever" is decided exactly; and a service of the route that asks about another record or for a
   * list reads every fact first. An indexed lookup, whatever the sector's size.
   */
  recordFacts?: { param: string } | 'none';
}

/**
 * Names the action and subject a route needs (STYLE.md: no route without one). The global guard checks that
 * the caller may ever do `action` on `subject`; the service's scoped query decides about the single record.
 */
export const Policy = (action: string, subject: string, options: Pick<RoutePolicy, 'recordFacts'> = {}) =>
  applyDecorators(SetMetadata(POLICY_KEY, { action, subject, ...options } satisfies RoutePolicy), ApiBearerAuth());

/** Marks a route as open to anyone: only health, docs, login and invitation acceptance (issue 4, item 3). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
