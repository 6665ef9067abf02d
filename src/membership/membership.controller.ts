import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy, Public } from '../policies/policy.decorator.js';
import { ReminderDto, RemovalDto, WithdrawalNoticeDto } from './dto/membership.dto.js';
import { GiveNotice } from './give-notice.js';
import { MembershipRegister } from './membership-register.js';
import { Removal } from './removal.js';
import { MembershipChangesDto, MembershipHeadlinesDto, MembershipViewDto, PublicRemovalsDto, ReminderRecordedDto, ReminderViewDto, RemovalProposedDto } from './dto/membership-responses.dto.js';

/** Who takes part, and how a party leaves (art. 73-77). Who may do what: policies/membership.yaml, membership-headlines.yaml. */
@ApiTags('membership')
@Controller('api/v1')
export class MembershipController {
  constructor(
    private readonly notice: GiveNotice,
    private readonly removal: Removal,
    private readonly register: MembershipRegister,
  ) {}

  @Get('membership/organisations/:id')
  @Policy('read', 'Membership')
  @ApiOkResponse({ type: MembershipViewDto })
  view(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<MembershipViewDto> {
    return this.notice.view(caller, id);
  }

  @Post('membership/withdrawal')
  @HttpCode(201)
  @Policy('give-notice', 'Membership')
  @ApiCreatedResponse({ type: MembershipViewDto })
  giveNotice(@CurrentCaller() caller: Caller, @Body() body: WithdrawalNoticeDto): Promise<MembershipViewDto> {
    return this.notice.execute(caller, body);
  }

  @Get('membership/changes')
  @Policy('list', 'Membership')
  @ApiOkResponse({ type: MembershipChangesDto })
  changes(@CurrentCaller() caller: Caller): Promise<MembershipChangesDto> {
    return this.register.changes(caller);
  }

  @Get('membership/headlines')
  @Policy('list', 'MembershipHeadline')
  @ApiOkResponse({ type: MembershipHeadlinesDto })
  headlines(): Promise<MembershipHeadlinesDto> {
    return this.register.headlines();
  }

  @Get('public/removals')
  @Public()
  @ApiOkResponse({ type: PublicRemovalsDto })
  publicRemovals(): Promise<PublicRemovalsDto> {
    return this.register.publicRemovals();
  }

  @Get('membership/reminders')
  @Policy('list', 'Membership')
  @ApiOkResponse({ type: [ReminderViewDto] })
  reminders(@CurrentCaller() caller: Caller): Promise<ReminderViewDto[]> {
    return this.removal.reminders(caller);
  }

  @Post('membership/reminders')
  @HttpCode(201)
  @Policy('remind', 'Membership')
  @ApiCreatedResponse({ type: ReminderRecordedDto })
  remind(@CurrentCaller() caller: Caller, @Body() body: ReminderDto): Promise<ReminderRecordedDto> {
    return this.removal.remind(caller, body);
  }

  @Post('membership/removals')
  @HttpCode(201)
  @Policy('propose-removal', 'Membership')
  @ApiCreatedResponse({ type: RemovalProposedDto })
  proposeRemoval(@CurrentCaller() caller: Caller, @Body() body: RemovalDto): Promise<RemovalProposedDto> {
    return this.removal.propose(caller, body);
  }
}
