import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { KerngroepDto } from './dto/kerngroep.dto.js';
import { OrganisationDto, RegisterOrganisationDto } from './dto/organisation.dto.js';
import { InvitedPersonDto, InvitePersonDto, PersonDto } from './dto/person.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('identity')
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Policy('list', 'Organisation')
  @ApiOperation({ summary: 'The organisations taking part: parties and supporters (art. 40), local partners with their party (art. 22)' })
  @ApiOkResponse({ type: [OrganisationDto] })
  list(@CurrentCaller() caller: Caller): Promise<OrganisationDto[]> {
    return this.organisations.list(caller);
  }

  @Post()
  @Policy('create', 'Organisation')
  @ApiOperation({ summary: 'Register an organisation that joined (art. 41, 69-72); party status and constituency follow from its kind' })
  @ApiCreatedResponse({ type: OrganisationDto })
  register(@CurrentCaller() caller: Caller, @Body() body: RegisterOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.register(caller, body);
  }

  @Get(':id')
  @Policy('read', 'Organisation')
  @ApiOkResponse({ type: OrganisationDto })
  read(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<OrganisationDto> {
    return this.organisations.readFor(caller, id);
  }

  @Get(':id/people')
  @Policy('list', 'Person')
  @ApiOperation({ summary: "The organisation's people: for the secretariat and the organisation's own administrators" })
  @ApiOkResponse({ type: [PersonDto] })
  people(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<PersonDto[]> {
    return this.organisations.peopleOf(caller, id);
  }

  @Post(':id/people')
  @Policy('invite', 'Person')
  @ApiOperation({ summary: 'Invite a person: a mail with a one-time link to choose a password, valid INVITATION_TTL_HOURS' })
  @ApiCreatedResponse({ type: InvitedPersonDto })
  invite(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: InvitePersonDto): Promise<InvitedPersonDto> {
    return this.organisations.invite(caller, id, body);
  }
}

@ApiTags('identity')
@Controller('api/v1/people')
export class PeopleController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post(':id/disable')
  @HttpCode(200)
  @Policy('disable', 'Person')
  @ApiOperation({ summary: 'Disable a person: every session ends at once, so their tokens fail on the next request' })
  @ApiOkResponse({ type: PersonDto })
  disable(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<PersonDto> {
    return this.organisations.disable(caller, id);
  }

  @Post(':id/invitation')
  @Policy('invite', 'Person')
  @ApiOperation({ summary: 'Send a new invitation link to a person who has not chosen a password yet; earlier links stop working' })
  @ApiCreatedResponse({ type: InvitedPersonDto })
  reinvite(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<InvitedPersonDto> {
    return this.organisations.reinvite(caller, id);
  }
}

@ApiTags('kerngroep')
@Controller('api/v1/kerngroep')
export class KerngroepSeatsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get('seats')
  @Policy('list', 'KerngroepSeat')
  @ApiOperation({ summary: 'The four Kerngroep seats (art. 46) with fixed and deputy holders (art. 47), and the chair (art. 50)' })
  @ApiOkResponse({ type: KerngroepDto })
  seats(): Promise<KerngroepDto> {
    return this.organisations.kerngroep();
  }
}
