import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { InvalidInput } from '../common/errors.js';
import { Policy, Public } from '../policies/policy.decorator.js';
import { AuthService, type SignedInPerson } from './auth.service.js';
import { AccessTokenDto, LoginDto, PendingSecondFactorDto } from './dto/login.dto.js';
import { LocalAuthGuard } from './guards.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import { REFRESH_COOKIE } from './refresh-cookie.js';
import { OpenDuringEnrolment } from './second-factor/gate.js';
import { PENDING_SIGN_IN_SECONDS } from './second-factor/pending-sign-in.js';
import { SecondFactorService } from './second-factor/second-factor.service.js';

@ApiTags('identity')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottlerGuard,
    private readonly factors: SecondFactorService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  // throttle first, so a blocked address, account or pair of both never reaches the password check
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with email and password; one generic 401 for every failure; rate limited per client address, per account and per both' })
  @ApiBody({ type: LoginDto })
  @ApiExtraModels(AccessTokenDto, PendingSecondFactorDto)
  @ApiOkResponse({
    description: 'the session; or, for a person with a second factor, { secondFactorRequired, pendingToken } for POST /api/v1/auth/second-factor or /passkey',
    schema: { oneOf: [{ $ref: getSchemaPath(AccessTokenDto) }, { $ref: getSchemaPath(PendingSecondFactorDto) }] },
  })
  @ApiUnauthorizedResponse({ description: 'wrong password, unknown email or disabled person (one message)' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address or for this account, or every password worker is busy; see Retry-After' })
  async login(@Req() req: FastifyRequest & { user: SignedInPerson }, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenDto | PendingSecondFactorDto> {
    await this.throttle.succeeded(req as never);
    // issue 17: a person with a second factor gets no session yet, only the proof of the password for the second step
    if (await this.factors.needsSecondStep(req.user.personId)) {
      return { secondFactorRequired: true, pendingToken: this.factors.pending.issue(req.user.personId), expiresIn: PENDING_SIGN_IN_SECONDS };
    }
    const { refreshToken, ...token } = await this.auth.signIn(req.user, req.ip ?? null, header(req, 'user-agent'));
    // issue 14, item 7: the refresh token only ever travels in the HttpOnly cookie, never in a body a script reads
    this.auth.refreshTokens.set(reply, refreshToken);
    return token;
  }

  // Public like login: the refresh cookie (or a still-valid bearer token) is the credential, checked against the
  // live session row below. The cookie is SameSite=Strict and scoped to this path; a cookie-borne refresh must also
  // carry a JSON content-type or X-Requested-With, which a cross-site form cannot send without a CORS preflight.
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A fresh access token for the current session (while it is live), from the HttpOnly refresh cookie set at sign-in (send content-type application/json or X-Requested-With) or a still-valid bearer token',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'no live session: signed out, expired, disabled, or no credential' })
  async refresh(@Req() req: FastifyRequest): Promise<AccessTokenDto> {
    const cookie = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[REFRESH_COOKIE];
    const auth = header(req, 'authorization');
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    if (cookie && !bearer && !isJson(req) && !header(req, 'x-requested-with')) {
      throw new InvalidInput('The request is invalid', [{ field: 'content-type', problem: 'must be application/json (or send X-Requested-With) to refresh with the cookie' }]);
    }
    return this.auth.refreshWith({ refreshToken: cookie, bearer });
  }

  @Post('logout')
  @Policy('delete', 'Session')
  @OpenDuringEnrolment()
  @HttpCode(204)
  @ApiOperation({ summary: "End the current session: its tokens stop working at once" })
  @ApiNoContentResponse()
  async logout(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.signOut(caller);
    this.auth.refreshTokens.clear(reply);
  }
}

function isJson(req: FastifyRequest): boolean {
  return /^application\/json\b/i.test(header(req, 'content-type') ?? '');
}

function header(req: FastifyRequest, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}
