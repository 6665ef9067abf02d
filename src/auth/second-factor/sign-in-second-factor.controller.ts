import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../policies/policy.decorator.js';
import { AuthService, type SignedInPerson } from '../auth.service.js';
import { AccessTokenDto } from '../dto/login.dto.js';
import { PasskeyAssertionDto, SecondSignInStepDto } from './dto/second-factor.dto.js';
import type { AuthMethod } from './second-factor.repository.js';
import { SecondFactorService } from './second-factor.service.js';
import { SecondFactorThrottlerGuard } from './second-factor-throttler.guard.js';
import { WebAuthnOptionsDto } from './dto/second-factor-responses.dto.js';

/**
 * The second step of signing in (issue 17) and sign-in with a passkey alone. Public like login: the pending token
 * (proof of the password, five minutes) or the passkey assertion is the credential. A session opens only here.
 */
@ApiTags('identity')
@Controller('api/v1/auth')
export class SignInSecondFactorController {
  constructor(
    private readonly auth: AuthService,
    private readonly factors: SecondFactorService,
    private readonly throttle: SecondFactorThrottlerGuard,
  ) {}

  @Post('second-factor')
  @Public()
  @HttpCode(200)
  @UseGuards(SecondFactorThrottlerGuard)
  @ApiOperation({ summary: 'Second sign-in step: the pendingToken of the password step with a TOTP code or a recovery code (once each); opens the session; rate limited' })
  @ApiOkResponse({ type: AccessTokenDto })
  async secondFactor(@Req() req: FastifyRequest, @Body() body: SecondSignInStepDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenDto> {
    const { person, method } = await this.factors.completeSignIn(body.pendingToken, { code: body.code, recoveryCode: body.recoveryCode }, req.ip ?? null);
    await this.throttle.succeeded(req as never);
    return this.open(req, reply, person, ['password', method]);
  }

  @Post('passkey/options')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Options (a challenge, five minutes, once) for signing in with a passkey' })
  @ApiOkResponse({ type: WebAuthnOptionsDto })
  passkeyOptions(): Promise<WebAuthnOptionsDto> {
    return this.factors.passkeySignInOptions();
  }

  @Post('passkey')
  @Public()
  @HttpCode(200)
  @UseGuards(SecondFactorThrottlerGuard)
  @ApiOperation({ summary: 'Sign in with a passkey alone (user verification required: counts as two factors); opens the session' })
  @ApiOkResponse({ type: AccessTokenDto })
  async passkey(@Req() req: FastifyRequest, @Body() body: PasskeyAssertionDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenDto> {
    const person = await this.factors.passkeySignIn(body.challengeId, body.response as unknown as AuthenticationResponseJSON);
    return this.open(req, reply, person, ['passkey']);
  }

  private async open(req: FastifyRequest, reply: FastifyReply, person: SignedInPerson, methods: AuthMethod[]): Promise<AccessTokenDto> {
    const ua = typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null;
    const { refreshToken, ...token } = await this.auth.signIn(person, req.ip ?? null, ua, methods);
    this.auth.refreshTokens.set(reply, refreshToken);
    return token;
  }
}
