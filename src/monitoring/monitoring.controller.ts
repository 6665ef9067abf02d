import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { RESULT_BY_KEY } from './monitoring-results.repository.js';
import { Policy } from '../policies/policy.decorator.js';
import {
  AggregatedPlanDto,
  FollowUpDto,
  ListFollowUpsQueryDto,
  ListResultsQueryDto,
  MonitoringResultDto,
  MonitoringResultPageDto,
  PlanOfActionDto,
  ResultKeyDto,
  StoreResultDto,
  SubmitPlanDto,
  PlanYearQueryDto,
} from './dto/monitoring.dto.js';
import { MonitoringService } from './monitoring.service.js';
import { PlansOfActionService } from './plans.service.js';

@ApiTags('monitoring')
@Controller('api/v1/monitoring')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /** Art. 9-11: the secretariat stores a company's result for a round; orange/red and insufficient sections open follow-ups. */
  @Put('results/:companyId/:round')
  @Policy('store', 'MonitoringResult')
  @ApiOkResponse({ type: MonitoringResultDto })
  store(@CurrentCaller() caller: Caller, @Param() key: ResultKeyDto, @Body() body: StoreResultDto): Promise<MonitoringResultDto> {
    return this.monitoring.store(caller, key.companyId, key.round, body);
  }

  /** The results the caller may see, each with only the fields the caller may see (art. 9-13). */
  @Get('results')
  @Policy('list', 'MonitoringResult')
  @ApiOkResponse({ type: MonitoringResultPageDto })
  list(@CurrentCaller() caller: Caller, @Query() query: ListResultsQueryDto): Promise<MonitoringResultPageDto> {
    return this.monitoring.list(caller, query);
  }

  /** One company's result for a round, field-filtered; audited with the grant used. */
  @Get('results/:companyId/:round')
  @Policy('read', 'MonitoringResult', { recordFacts: 'none', reads: RESULT_BY_KEY })
  @ApiOkResponse({ type: MonitoringResultDto })
  read(@CurrentCaller() caller: Caller, @Param() key: ResultKeyDto): Promise<MonitoringResultDto> {
    return this.monitoring.readOne(caller, key.companyId, key.round);
  }

  /** Art. 10-11: talks with orange/red companies and improvement deadlines. */
  @Get('follow-ups')
  @Policy('list', 'MonitoringFollowUp')
  @ApiOkResponse({ type: [FollowUpDto] })
  followUps(@CurrentCaller() caller: Caller, @Query() query: ListFollowUpsQueryDto): Promise<FollowUpDto[]> {
    return this.monitoring.followUps(caller, query.status);
  }

  @Post('follow-ups/:id/complete')
  @HttpCode(200)
  @Policy('complete', 'MonitoringFollowUp')
  @ApiOkResponse({ type: FollowUpDto })
  complete(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<FollowUpDto> {
    return this.monitoring.completeFollowUp(caller, id);
  }
}

@ApiTags('monitoring')
@Controller('api/v1/plans-of-action')
export class PlansOfActionController {
  constructor(private readonly plans: PlansOfActionService) {}

  /** Art. 12: a company submits its yearly plan of action (a later submission for the same year is a new revision). */
  @Post()
  @Policy('submit', 'PlanOfAction')
  @ApiCreatedResponse({ type: PlanOfActionDto })
  submit(@CurrentCaller() caller: Caller, @Body() body: SubmitPlanDto): Promise<PlanOfActionDto> {
    return this.plans.submit(caller, body);
  }

  /** Art. 12: the aggregated plan, naming no company, for all parties. */
  @Get('aggregated')
  @Policy('read', 'AggregatedPlanOfAction')
  @ApiOkResponse({ type: AggregatedPlanDto })
  aggregated(@Query() query: PlanYearQueryDto): Promise<AggregatedPlanDto> {
    return this.plans.aggregated(query.year);
  }

  @Get()
  @Policy('list', 'PlanOfAction')
  @ApiOkResponse({ type: [PlanOfActionDto] })
  list(@CurrentCaller() caller: Caller, @Query() query: PlanYearQueryDto): Promise<PlanOfActionDto[]> {
    return this.plans.list(caller, query.year);
  }

  @Get(':id')
  @Policy('read', 'PlanOfAction')
  @ApiOkResponse({ type: PlanOfActionDto })
  read(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<PlanOfActionDto> {
    return this.plans.read(caller, id);
  }
}
