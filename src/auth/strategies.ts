import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { AuthService, type SignedInPerson } from './auth.service.js';

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
