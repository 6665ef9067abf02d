import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../../common/caller.js';
import { Policy } from '../../policies/policy.decorator.js';
import { CreateModuleDto, EnrolDto, ModuleDto } from '../dto/module.dto.js';
import { ModulesService } from './modules.service.js';

@ApiTags('modules')
@Controller('api/v1/modules')
export class ModulesController {
  constructor(private readonly modules: ModulesService) {}

  @Get()
  @Policy('list', 'Module')
  @ApiOperation({ summary: 'The modules (sector, knowledge, practice, risk; art. 13 footnote 4) with their current participants' })
  @ApiOkResponse({ type: [ModuleDto] })
  list(): Promise<ModuleDto[]> {
    return this.modules.list();
  }

  @Post()
  @Policy('create', 'Module')
  @ApiOperation({ summary: 'Create a module with its kind, name and period within the agreement term (art. 13, 29, 66-67)' })
  @ApiCreatedResponse({ type: ModuleDto })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateModuleDto): Promise<ModuleDto> {
    return this.modules.create(caller, body);
  }

  @Get(':id')
  @Policy('read', 'Module')
  @ApiQuery({ name: 'history', required: false, enum: ['true', 'false'], description: 'true: also the participations that ended' })
  @ApiOkResponse({ type: ModuleDto })
  read(@Param('id') id: string, @Query('history') history?: string): Promise<ModuleDto> {
    return this.modules.read(id, history === 'true');
  }

  @Post(':id/participants')
  @Policy('enrol', 'Module')
  @ApiOperation({ summary: "Enrol an organisation: from now on it takes part (for a CSO party: art. 13's condition)" })
  @ApiCreatedResponse({ type: ModuleDto })
  enrol(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: EnrolDto): Promise<ModuleDto> {
    return this.modules.enrol(caller, id, body.organisationId);
  }

  @Post(':id/participants/:organisationId/removal')
  @HttpCode(200)
  @Policy('remove', 'Module')
  @ApiOperation({ summary: 'End an organisation\'s participation at once (its art-13 access ends with the next request); history is kept' })
  @ApiOkResponse({ type: ModuleDto })
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string, @Param('organisationId') organisationId: string): Promise<ModuleDto> {
    return this.modules.remove(caller, id, organisationId);
  }
}
