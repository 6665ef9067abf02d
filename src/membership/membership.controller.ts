import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy, Public } from '../policies/policy.decorator.js';
import { ReminderDto, RemovalDto, WithdrawalNoticeDto } from './dto/membership.dto.js';
import { GiveNotice } from './give-notice.js';
import { MembershipRegister } from './membership-register.js';
import { Removal } from './removal.js';

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
  view(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.notice.view(caller, id);
  }

  @Post('membership/withdrawal')
  @HttpCode(201)
  @Policy('give-notice', 'Membership')
  giveNotice(@CurrentCaller() caller: Caller, @Body() body: WithdrawalNoticeDto) {
    return this.notice.execute(caller, body);
  }

  @Get('membership/changes')
  @Policy('list', 'Membership')
  changes(@CurrentCaller() caller: Caller) {
    return this.register.changes(caller);
  }

  @Get('membership/headlines')
  @Policy('list', 'MembershipHeadline')
  headlines() {
    return this.register.headlines();
  }

  @Get('public/removals')
  @Public()
  publicRemovals() {
    return this.register.publicRemovals();
  }

  @Get('membership/reminders')
  @Policy('list', 'Membership')
  reminders(@CurrentCaller() caller: Caller) {
    return this.removal.reminders(caller);
  }

  @Post('membership/reminders')
  @HttpCode(201)
  @Policy('remind', 'Membership')
  remind(@CurrentCaller() caller: Caller, @Body() body: ReminderDto) {
    return this.removal.remind(caller, body);
  }

  @Post('membership/removals')
  @HttpCode(201)
  @Policy('propose-removal', 'Membership')
  proposeRemoval(@CurrentCaller() caller: Caller, @Body() body: RemovalDto) {
    return this.removal.propose(caller, body);
  }
}
