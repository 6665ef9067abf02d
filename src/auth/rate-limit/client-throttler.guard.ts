import { createHash } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { normalizeIp, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { TooManyRequests } from '../../common/errors.js';
import type { PostgresThrottlerStorage } from './postgres-throttler.storage.js';

/** What the trackers read of a request: Fastify's client address (see TRUST_PROXY) and the JSON body. */
export interface ThrottledRequest {
  ip?: string;
  body?: Record<string, unknown> | null;
  query?: Record<string, unknown> | null;
}

/** One counter: its name (the prefix of its row key), its limit per window, and what it counts by. */
export interface ClientCounter {
  name: string;
  limit: number;
  /** the counted thing: a client address, an email, a link; '' when the request has none (then not counted) */
  track(req: ThrottledRequest): string;
}

/**
 * The client address a limit counts by: Fastify's `req.ip` (the socket's peer, or what the configured proxies report:
 * TRUST_PROXY), with IPv6 addresses cut to their /64, since one subscriber commonly holds a whole /64.
 */
export const clientAddressOf = (req: ThrottledRequest): string => normalizeIp(req.ip ?? '', 64) ?? req.ip ?? '';

/** Row keys are SHA-256 of what is counted: the rate_limits table holds no email addresses, tokens or IPs. */
export const counterKey = (tracker: string): string => createHash('sha256').update(tracker).digest('hex');

/**
 * A guard of several counters at once in PostgreSQL (so every app instance shares them, DESIGN.md Scaling out), all
 * over one window of `ttlMs`. Each request counts on every counter; the first counter past its limit answers 429 in
 * the API error shape with Retry-After (and the counters after it do not count that refused attempt).
 */
export abstract class ClientThrottlerGuard extends ThrottlerGuard {
  private ready?: Promise<void>;

  protected constructor(
    private readonly counters: ClientCounter[],
    ttlMs: number,
    protected readonly store: PostgresThrottlerStorage,
    reflector: Reflector,
  ) {
    super(
      {
        throttlers: counters.map((c) => ({
          name: c.name,
          ttl: ttlMs,
          limit: c.limit,
          getTracker: (req: Record<string, unknown>) => c.track(req),
          generateKey: (_context: ExecutionContext, tracker: string) => counterKey(tracker),
          // A request without the counted thing (no email in the body: a 400 follows) is not counted on that counter.
          skipIf: (context: ExecutionContext) => c.track(context.switchToHttp().getRequest<ThrottledRequest>()) === '',
        })),
        // Retry-After only (with the 429); X-RateLimit-Remaining per account would tell a stranger that someone else
        // is trying that account.
        setHeaders: false,
      },
      store,
      reflector,
    );
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await (this.ready ??= this.onModuleInit());
    return super.canActivate(context);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new TooManyRequests(Math.max(1, detail.timeToBlockExpire));
  }

  /** Forgets every attempt on counter `name` for this request (e.g. an account's failures once it signs in). */
  protected async clearCounter(name: string, req: ThrottledRequest): Promise<void> {
    const tracker = this.counterNamed(name).track(req);
    if (tracker) await this.store.reset(counterKey(tracker), name);
  }

  /** Gives this request's own attempt back to counter `name` (a success does not use up the client's allowance). */
  protected async refundCounter(name: string, req: ThrottledRequest): Promise<void> {
    const tracker = this.counterNamed(name).track(req);
    if (tracker) await this.store.refund(counterKey(tracker), name);
  }

  private counterNamed(name: string): ClientCounter {
    const counter = this.counters.find((c) => c.name === name);
    if (!counter) throw new Error(`no rate-limit counter ${name}`);
    return counter;
  }
}
