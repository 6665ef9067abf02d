import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Caller } from '../common/caller.js';
import type { RouteRead } from '../common/route-read.js';
import { NotAllowed, Unauthenticated } from '../common/errors.js';
import { POLICY_KEY, PUBLIC_KEY, type RoutePolicy } from './policy.decorator.js';
import { ALL_FACTS, type FactScope } from './policies.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The facts a route's request reads (`RoutePolicy.recordFacts`): all, or those the rules of its subject use (plus what it
 * `shows`), per record on the record its parameter names or on none.
 */
export function factScopeOf(policy: RoutePolicy, params: Record<string, unknown> | undefined): FactScope {
  const wanted = policy.recordFacts;
  if (!wanted) return ALL_FACTS;
  const id = wanted === 'none' ? undefined : params?.[wanted.param];
  // a parameter that is no id names no record (the route answers 400 or 404 for it)
  return {
    all: false,
    ids: typeof id === 'string' && UUID.test(id) ? [id] : [],
    // only the facts the route subject's rules use (plus what the route shows); anything else asked reads them all
    subjects: [policy.subject, ...(policy.alsoDecides ?? [])],
    ...(policy.shows ? { shows: policy.shows } : {}),
  };
}

/** Turns a request's bearer token into the `Caller`, or throws `Unauthenticated` (implemented in src/auth). */
export interface Authenticator {
  /**
   * `scope`: which of the caller's per-record facts to read with the session check (all unless the route names its
   * record); `read`: the route's own read, in the same statement (`RoutePolicy.reads`).
   */
  authenticate(context: ExecutionContext, scope?: FactScope, read?: RouteRead<unknown>): Promise<Caller>;
}
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/**
 * Decides whether `caller` may ever do `policy.action` on `policy.subject` (implemented in src/policies from
 * the YAML policy files). Throws `NotAllowed` with the missing grants, or returns what it learned so services
 * can reuse it (it is put on the request, never on the guard).
 */
export interface PolicyEnforcer {
  enforce(caller: Caller, policy: RoutePolicy, request: unknown): Promise<void>;
}
export const POLICY_ENFORCER = Symbol('POLICY_ENFORCER');

/**
 * The one global guard (STYLE.md, "Guards deny by default"). A route marked @Public() is open; a route with
 * neither @Public() nor @Policy() is refused whoever asks; every other route needs a valid session and a
 * policy that allows the caller. The guard keeps no per-request state on itself.
 */
@Injectable()
export class RequestGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    // Optional only so the app can boot while a module is absent: without an authenticator nobody is signed
    // in, without an enforcer nothing is allowed. Deny by default either way.
    @Optional() @Inject(AUTHENTICATOR) private readonly authenticator?: Authenticator,
    @Optional() @Inject(POLICY_ENFORCER) private readonly enforcer?: PolicyEnforcer,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, targets);
    if (!policy) throw new NotAllowed('This route declares no policy and is refused');
    const request = context.switchToHttp().getRequest<{ user?: Caller; params?: Record<string, unknown> }>();
    if (!this.authenticator) throw new Unauthenticated('Sign in first');
    const caller = await this.authenticator.authenticate(context, factScopeOf(policy, request.params), policy.reads);
    request.user = caller;
    if (!this.enforcer) throw new NotAllowed('No policy allows this');
    await this.enforcer.enforce(caller, policy, request);
    return true;
  }
}
