import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { stripProtoKeys } from '@nestjs/common/utils/strip-proto-keys.util.js';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Caller } from '../common/caller.js';
import type { RouteRead } from '../common/route-read.js';
import { InvalidInput, Unauthenticated } from '../common/errors.js';
import type { FactScope } from '../policies/policies.service.js';
import type { Authenticator } from '../policies/request.guard.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AccessTokenVerifier, bearerToken } from './access-token.js';
import { type AccessTokenPayload, AuthService, LOGIN_FAILED } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { SecondFactorGate } from './second-factor/gate.js';

/**
 * Runs `passport-local` for the login route. The body is validated first (guards run before pipes), so a
 * malformed body is a 400 naming the field rather than a failed sign-in; every failed sign-in is the same 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    // as the global validation pipe does (guards run before it): a `constructor` or `__proto__` key anywhere in the
    // body would otherwise make class-transformer throw (a 500) instead of the field being refused
    stripProtoKeys(body);
    const dto = plainToInstance(LoginDto, body ?? {});
    const errors = typeof body === 'object' && body !== null && !Array.isArray(body)
      ? await validate(dto, { whitelist: true, forbidNonWhitelisted: true })
      : null;
    if (errors === null) throw new InvalidInput('The request is invalid', [{ field: 'body', problem: 'must be a JSON object' }]);
    if (errors.length) {
      throw new InvalidInput(
        'The request is invalid',
        errors.flatMap((e) =>
          Object.entries(e.constraints ?? {}).map(([c, text]) => ({
            field: e.property,
            problem: c === 'whitelistValidation' ? 'is not allowed' : text.replace(new RegExp(`^${e.property}\\s+`), ''),
          })),
        ),
      );
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // passport hands on what the strategy threw: an Error in practice; anything else is wrapped, still a 500
    if (err) throw err instanceof Error ? err : new Error('The sign-in strategy failed', { cause: err });
    if (!user) throw new Unauthenticated(LOGIN_FAILED);
    return user;
  }
}

/**
 * The `AUTHENTICATOR` the global `RequestGuard` asks on every non-public route: the bearer token's signature and
 * expiry (HS256, with a key made once — no passport on this path, whose one process-wide strategy registry a second
 * Nest app in the process would replace), then that its session row is still live (`AuthService.callerFor`). A
 * missing or bad token is 401 "Sign in first"; an ended session or a malformed claim answers as `callerFor` says.
 */
@Injectable()
export class BearerAuthenticator implements Authenticator {
  private readonly tokens: AccessTokenVerifier;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorGate,
  ) {
    this.tokens = new AccessTokenVerifier(config.jwtSecret);
  }

  async authenticate(context: ExecutionContext, scope?: FactScope, read?: RouteRead<unknown>): Promise<Caller> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown>; params?: Record<string, unknown> }>();
    const token = bearerToken(request.headers.authorization);
    const payload = token === undefined ? undefined : this.tokens.verify(token);
    if (payload === undefined) throw new Unauthenticated('Sign in first');
    const caller = await this.auth.callerFor(payload as AccessTokenPayload, scope, read, request.params ?? {});
    // issue 17: the enrolment gate and step-up, for the route asked
    await this.secondFactor.check(context, caller);
    return caller;
  }
}
