import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy, Public } from '../policies/policy.decorator.js';
import { AuthService, type SignedInPerson } from './auth.service.js';
import { AccessTokenDto, LoginDto } from './dto/login.dto.js';
import { LocalAuthGuard } from './guards.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';

@ApiTags('identity')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottlerGuard,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  // throttle first, so a blocked address, account or pair of both never reaches the password check
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with email and password; one generic 401 for every failure; rate limited per client address, per account and per both' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'wrong password, unknown email or disabled person (one message)' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address or for this account, or every password worker is busy; see Retry-After' })
  async login(@Req() req: FastifyRequest & { user: SignedInPerson }): Promise<AccessTokenDto> {
    const token = await this.auth.signIn(req.user, req.ip ?? null, header(req, 'user-agent'));
    await this.throttle.succeeded(req as never);
    return token;
  }

  @Post('refresh')
  @Policy('read', 'Me')
  @HttpCode(200)
  @ApiOperation({ summary: 'A fresh access token for the current session (while the session is live)' })
  @ApiOkResponse({ type: AccessTokenDto })
  refresh(@CurrentCaller() caller: Caller): Promise<AccessTokenDto> {
    return this.auth.refresh(caller);
  }

  @Post('logout')
  @Policy('delete', 'Session')
  @HttpCode(204)
  @ApiOperation({ summary: "End the current session: its tokens stop working at once" })
  @ApiNoContentResponse()
  async logout(@CurrentCaller() caller: Caller): Promise<void> {
    await this.auth.signOut(caller);
  }
}

function header(req: FastifyRequest, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}
