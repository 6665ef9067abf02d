import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AUTHENTICATOR } from '../policies/request.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { MeController } from './me.controller.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';
import { BearerAuthenticator, LocalAuthGuard } from './guards.js';
import { InvitationThrottlerGuard } from './invitation-throttler.guard.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { SessionRepository } from './session.repository.js';
import { LocalStrategy } from './strategies.js';
import { SecondFactorGate } from './second-factor/gate.js';
import { MySecondFactorController } from './second-factor/my-second-factor.controller.js';
import { PasskeysService } from './second-factor/passkeys.service.js';
import { ResetSecondFactorController } from './second-factor/reset-second-factor.controller.js';
import { SecondFactorRule } from './second-factor/second-factor-rule.js';
import { SecondFactorThrottlerGuard } from './second-factor/second-factor-throttler.guard.js';
import { SecondFactorRepository } from './second-factor/second-factor.repository.js';
import { SecondFactorService } from './second-factor/second-factor.service.js';
import { SignInSecondFactorController } from './second-factor/sign-in-second-factor.controller.js';
import { TotpService } from './second-factor/totp.service.js';

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
  controllers: [AuthController, MeController, InvitationsController, SignInSecondFactorController, MySecondFactorController, ResetSecondFactorController],
  providers: [
    AuthService,
    InvitationsService,
    InvitationsRepository,
    SessionRepository,
    LocalStrategy,
    LocalAuthGuard,
    LoginThrottlerGuard,
    InvitationThrottlerGuard,
    BearerAuthenticator,
    SecondFactorRepository,
    SecondFactorRule,
    SecondFactorGate,
    SecondFactorService,
    SecondFactorThrottlerGuard,
    TotpService,
    PasskeysService,
    { provide: AUTHENTICATOR, useExisting: BearerAuthenticator },
  ],
  exports: [AUTHENTICATOR, AuthService, InvitationsService, RateLimitModule],
})
export class AuthModule {}
