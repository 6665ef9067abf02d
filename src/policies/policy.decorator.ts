import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { RouteRead } from '../common/route-read.js';
import type { ProvidedFacts } from './fact-selection.js';

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
  /**
   * With `recordFacts`, the request reads only the facts the rules of `subject` use (issue 18); `shows` names the
   * facts the handler shows as they are beyond those (`/me` shows the caller's NDAs), e.g. `{ ndas: true }`.
   */
  shows?: ProvidedFacts;
  /**
   * With `recordFacts`, the other subjects the route's handler decides about on every request (the disclosed locations
   * first decide that the caller may read the case): their rules' facts are read in the same statement too. Any other
   * subject asked reads every fact first, so this only saves a round trip.
   */
  alsoDecides?: readonly string[];
  /**
   * The route's own read of what it shows, read in the session check's statement (issue 18: one round trip): the
   * handler takes it with `PoliciesService.routeRead`. Over the caller and the route's parameters (`RouteRead.params`):
   * `/me`'s view, one monitoring result.
   */
  reads?: RouteRead<unknown>;
}

/**
 * Names the action and subject a route needs (STYLE.md: no route without one). The global guard checks that
 * the caller may ever do `action` on `subject`; the service's scoped query decides about the single record.
 */
export const Policy = (action: string, subject: string, options: Pick<RoutePolicy, 'recordFacts' | 'shows' | 'alsoDecides' | 'reads'> = {}) =>
  applyDecorators(SetMetadata(POLICY_KEY, { action, subject, ...options } satisfies RoutePolicy), ApiBearerAuth());

/** Marks a route as open to anyone: only health, docs, login and invitation acceptance (issue 4, item 3). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
