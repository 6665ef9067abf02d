import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import type { Caller } from '../common/caller.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { type AccessTokenPayload, AuthService, type SignedInPerson } from './auth.service.js';

/** `passport-local`: email + password from the JSON body, checked with Argon2id. */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(req: FastifyRequest, email: string, password: string): Promise<SignedInPerson | false> {
    return (await this.auth.verifyCredentials(email, password, req.ip ?? null)) ?? false;
  }
}

/** `passport-jwt`: a bearer token signed with JWT_SECRET, whose session row must still be live. */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, made once: given the string, jsonwebtoken first tries (and fails) to parse it as a PEM public
      // key on every verification, and that thrown-and-caught attempt was a fifth of the CPU of a request.
      // Same key material as its own fallback (`createSecretKey(Buffer.from(secret))`).
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(payload: AccessTokenPayload): Promise<Caller> {
    return this.auth.callerFor(payload);
  }
}
