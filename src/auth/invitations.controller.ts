import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '../policies/policy.decorator.js';
import { AcceptInvitationDto } from './dto/login.dto.js';
import { InvitationAcceptedDto, InvitationStatusDto, InvitationTokenQueryDto } from './dto/invitation.dto.js';
import { InvitationThrottlerGuard } from './invitation-throttler.guard.js';
import { InvitationsService } from './invitations.service.js';

/**
 * Invitation acceptance: public, because the invited person has no password yet; the 256-bit token in the link is
 * the credential. The token travels in the query string or the body, never in the path, because request logs keep
 * the path (and drop the query string). Every route here is rate limited per client address and per link.
 */
@ApiTags('identity')
@Controller('api/v1')
@UseGuards(InvitationThrottlerGuard)
@ApiTooManyRequestsResponse({ description: 'too many attempts from this address or with this link, or every password worker is busy; see Retry-After' })
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('invitations/check')
  @Public()
  @ApiOperation({ summary: 'Check an invitation link: whom it is for and until when it works; 404 unknown, 410 used or expired' })
  @ApiOkResponse({ type: InvitationStatusDto })
  @ApiNotFoundResponse({ description: 'no such invitation' })
  @ApiGoneResponse({ description: 'the link was used already, has expired, or the account was disabled' })
  check(@Query() query: InvitationTokenQueryDto): Promise<InvitationStatusDto> {
    return this.invitations.check(query.token);
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the password (at least 12 characters) with an invitation link; works once' })
  @ApiOkResponse({ type: InvitationAcceptedDto })
  @ApiNotFoundResponse({ description: 'no such invitation' })
  @ApiGoneResponse({ description: 'the link was used already, has expired, or the account was disabled' })
  accept(@Body() body: AcceptInvitationDto): Promise<InvitationAcceptedDto> {
    return this.invitations.accept(body.token, body.password);
  }

  /** The same, under /auth, where the web front end's invitation page posts (web/src/pages/invitation.tsx). */
  @Post('auth/invitations/accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Alias of POST /api/v1/invitations/accept (used by the web front end)' })
  @ApiOkResponse({ type: InvitationAcceptedDto })
  acceptUnderAuth(@Body() body: AcceptInvitationDto): Promise<InvitationAcceptedDto> {
    return this.invitations.accept(body.token, body.password);
  }
}
