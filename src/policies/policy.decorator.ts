import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';

export const POLICY_KEY = 'ketenkluis:policy';
export const PUBLIC_KEY = 'ketenkluis:public';

export interface RoutePolicy {
  action: string;
  subject: string;
}

/**
 * Names the action and subject a route needs (STYLE.md: no route without one). The global guard checks that
 * the caller may ever do `action` on `subject`; the service's scoped query decides about the single record.
 */
export const Policy = (action: string, subject: string) =>
  applyDecorators(SetMetadata(POLICY_KEY, { action, subject } satisfies RoutePolicy), ApiBearerAuth());

/** Marks a route as open to anyone: only health, docs, login and invitation acceptance (issue 4, item 3). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
