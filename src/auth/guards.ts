import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Caller } from '../common/caller.js';
import { InvalidInput, Unauthenticated } from '../common/errors.js';
import type { Authenticator } from '../policies/request.guard.js';
import { LOGIN_FAILED } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';

/**
 * Runs `passport-local` for the login route. The body is validated first (guards run before pipes), so a
 * malformed body is a 400 naming the field rather than a failed sign-in; every failed sign-in is the same 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
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
    if (err) throw err;
    if (!user) throw new Unauthenticated(LOGIN_FAILED);
    return user;
  }
}

/** Runs `passport-jwt`: a valid bearer token of a live session, or 401. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T>(err: unknown, user: T): T {
    // errors from the strategy (a session that ended, a database failure) pass through as they are
    if (err) throw err;
    if (!user) throw new Unauthenticated('Sign in first');
    return user;
  }
}

/**
 * The `AUTHENTICATOR` the global `RequestGuard` asks on every non-public route: it runs the JWT strategy, which
 * checks the token's signature and expiry and then that its session row is still live.
 */
@Injectable()
export class PassportAuthenticator implements Authenticator {
  constructor(private readonly guard: JwtAuthGuard) {}

  async authenticate(context: ExecutionContext): Promise<Caller> {
    await this.guard.canActivate(context);
    const caller = context.switchToHttp().getRequest<{ user?: Caller }>().user;
    if (!caller) throw new Unauthenticated('Sign in first');
    return caller;
  }
}
