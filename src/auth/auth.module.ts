import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AUTHENTICATOR } from '../policies/request.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { MeController } from './me.controller.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { BearerAuthenticator, LocalAuthGuard } from './guards.js';
import { InvitationThrottlerGuard } from './invitation-throttler.guard.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { SessionRepository } from './session.repository.js';
import { LocalStrategy } from './strategies.js';

/**
 * Sign-in and sessions (issue 3, item 4). Global so that the `AUTHENTICATOR` reaches the app-wide
 * `RequestGuard`, and `AuthService` reaches the people and membership modules (disabling ends sessions: `endSessionsOf`).
 */
@Global()
@Module({
  imports: [
    PassportModule.register({ session: false }),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    RateLimitModule,
  ],
  controllers: [AuthController, MeController, InvitationsController],
  providers: [
    AuthService,
    InvitationsService,
    SessionRepository,
    LocalStrategy,
    LocalAuthGuard,
    LoginThrottlerGuard,
    InvitationThrottlerGuard,
    BearerAuthenticator,
    { provide: AUTHENTICATOR, useExisting: BearerAuthenticator },
  ],
  exports: [AUTHENTICATOR, AuthService, InvitationsService, RateLimitModule],
})
export class AuthModule {}
