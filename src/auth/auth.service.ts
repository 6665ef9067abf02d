import { createHash, createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditEntryInput } from '../audit/audit.types.js';
import type { Caller } from '../common/caller.js';
import { InvalidInput, Unauthenticated } from '../common/errors.js';
import type { RouteRead } from '../common/route-read.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PasswordHasher } from '../crypto/password.js';
import { ALL_FACTS, type FactScope, PoliciesService } from '../policies/policies.service.js';
import { RefreshTokens } from './refresh-cookie.js';
import { routeReadColumn, SESSION_CALLER_COLUMNS, SessionRepository } from './session.repository.js';

/** The one answer to every failed sign-in: wrong password, unknown email and disabled person look the same. */
export const LOGIN_FAILED = 'Email or password is incorrect';

export interface SignedInPerson {
  personId: string;
  organisationId: string;
}

export interface AccessTokenPayload {
  /** person id */
  sub: string;
  /** session id */
  sid: string;
}

/** A fresh sign-in: the access token for the page's memory, the refresh token for its HttpOnly cookie (issue 14, item 7). */
export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Sign-in, sessions and access tokens (issue 3, item 4). A token is only ever as good as its session row:
 * `AuthService.callerFor` is asked on every request, so logout and disabling a person take effect at once.
 */
@Injectable()
export class AuthService {
  private readonly emailKey: Buffer;
  readonly refreshTokens: RefreshTokens;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly policies: PoliciesService,
    private readonly passwords: PasswordHasher,
  ) {
    this.refreshTokens = new RefreshTokens(config);
    this.emailKey = createHash('sha256').update(`ketenkluis:audit-email:${config.jwtSecret}`).digest();
  }
  /** Ends every live session of a person at once (disabled, or its organisation left); returns how many. */
  endSessionsOf(m: EntityManager, personId: string): Promise<number> {
    return this.sessions.revokeAllOf(m, personId);
  }


  /**
   * Checks an email and password. Always runs one Argon2id verification (against a dummy hash when the email
   * is unknown or has no password yet), so the answer takes as long whether or not the account exists; both go
   * through the worker pool, never the event loop (a full pool is a 429, `HashingBusy`).
   * Returns undefined for every kind of failure, after auditing it without an actor and with the email hashed.
   */
  async verifyCredentials(email: string, password: string, ip: string | null): Promise<SignedInPerson | undefined> {
    const normalised = normaliseEmail(email);
    const found = await this.sessions.credentialsFor(normalised);
    const ok = found?.passwordHash
      ? await this.passwords.verify(found.passwordHash, password)
      : await this.passwords.verifyDummy(password);
    if (found && ok && found.passwordHash && !found.disabled) {
      return { personId: found.personId, organisationId: found.organisationId };
    }
    await this.recordAudit({
      actor: null,
      action: 'auth.login-failed',
      details: { emailHash: this.hashEmail(normalised), ip },
    });
    return undefined;
  }

  /** Opens a session for a verified person and returns a signed access token for it. */
  /** `methods`: how the person proved who they are (issue 17), recorded on the session. */
  async signIn(person: SignedInPerson, ip: string | null, userAgent: string | null, methods: string[] = ['password']): Promise<SignedIn> {
    const sessionId = await this.db.transaction(async (m) => {
      const id = await this.sessions.create(m, person.personId, this.config.sessionTtlHours, ip, userAgent, methods);
      await this.audit.appendInTransaction(m, {
        actor: person,
        action: 'auth.login',
        object: { type: 'Session', id },
        details: { ip, methods },
      });
      return id;
    });
    return { ...(await this.issueToken(person.personId, sessionId)), refreshToken: this.refreshTokens.issue(sessionId, person.personId) };
  }

  /**
   * A fresh access token for the session a refresh token (from the cookie) or a still-valid bearer token names,
   * while that session is live; `Unauthenticated` otherwise. The session row is read fresh, as on every request.
   */
  async refreshWith(credentials: { refreshToken?: string; bearer?: string }): Promise<{ accessToken: string; expiresIn: number }> {
    let payload: AccessTokenPayload | undefined;
    const named = this.refreshTokens.read(credentials.refreshToken);
    if (named) payload = { sub: named.personId, sid: named.sessionId };
    else if (credentials.bearer) payload = await this.jwt.verifyAsync<AccessTokenPayload>(credentials.bearer).catch(() => undefined);
    if (!payload) throw new Unauthenticated('Sign in first');
    const caller = await this.callerFor(payload);
    return this.refresh(caller);
  }

  /** A fresh access token for the caller's (still live) session. */
  async refresh(caller: Caller): Promise<{ accessToken: string; expiresIn: number }> {
    return this.issueToken(caller.personId, caller.sessionId);
  }

  async signOut(caller: Caller): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.sessions.revoke(m, caller.sessionId);
      await this.audit.appendInTransaction(m, {
        actor: { personId: caller.personId, organisationId: caller.organisation.id },
        action: 'auth.logout',
        object: { type: 'Session', id: caller.sessionId },
      });
    });
  }

  /** The caller behind a verified token payload, or `Unauthenticated` when its session is no longer live. */
  async callerFor(payload: AccessTokenPayload, scope: FactScope = ALL_FACTS, read?: RouteRead<unknown>, routeParams: Record<string, unknown> = {}): Promise<Caller> {
    // The session check also reads the caller's policy facts (NDAs, modules, case grants) in the same statement:
    // one round trip per request, every fact fresh from PostgreSQL, the ability built once for guard and services.
    // A signed token whose claims are not strings (e.g. `"sid": [..]`) is malformed, not merely expired (issue 12).
    for (const claim of ['sub', 'sid'] as const) {
      if (typeof payload?.[claim] !== 'string')
        throw new InvalidInput('The bearer token is malformed', [{ field: 'authorization', problem: `carries a token whose ${claim} claim is not a string` }]);
    }
    // Each provider's facts only when a rule that uses them can apply to the caller, decided on the session row's columns.
    const facts = this.policies.factColumns({
      personId: 'c.person_id',
      organisationId: 'c.org_id',
      caller: SESSION_CALLER_COLUMNS,
      ...(scope.all ? {} : { recordIds: '$3::uuid[]' }),
    }, undefined, scope);
    const found = UUID.test(payload.sid) && UUID.test(payload.sub)
      ? await this.sessions.liveCaller(payload.sid, payload.sub, facts.select, facts.usesRecordIds && !scope.all ? [scope.ids] : [], read && { read, params: read.params?.(routeParams) ?? [] })
      : undefined;
    if (!found) throw new Unauthenticated('The session has ended; sign in again');
    this.policies.useFactsFor(found.caller, facts.collect(found.caller, found.row), scope);
    if (read) this.policies.useRouteRead(found.caller, read, read.read(found.row[routeReadColumn(read)]));
    return found.caller;
  }

  private async issueToken(personId: string, sessionId: string): Promise<{ accessToken: string; expiresIn: number }> {
    const payload: AccessTokenPayload = { sub: personId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds };
  }

  private hashEmail(email: string): string {
    return createHmac('sha256', this.emailKey).update(email).digest('hex').slice(0, 32);
  }

  private async recordAudit(entry: AuditEntryInput): Promise<void> {
    await this.audit.record(entry);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
