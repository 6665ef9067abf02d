import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { CompanyRegionRequestsService } from './company-region-requests.service.js';
import { CsoExpertiseService } from './cso-expertise.service.js';
import { AnswerRegionRequestDto, CreateRegionRequestDto, CsoExpertiseQueryDto, ReplaceCsoExpertiseDto } from './dto/region-requests.dto.js';
import { CsoExpertiseDto, RegionRequestDto, RegionRequestSummaryDto } from './dto/location-responses.dto.js';

/** Art. 21: which companies are active in given countries/regions, asked by a CSO, released by the secretariat. */
@ApiTags('production locations')
@Controller('api/v1/company-region-requests')
export class CompanyRegionRequestsController {
  constructor(private readonly requests: CompanyRegionRequestsService) {}

  @Post()
  @HttpCode(201)
  @Policy('create', 'CompanyRegionRequest')
  @ApiCreatedResponse({ type: RegionRequestDto })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateRegionRequestDto): Promise<RegionRequestDto> {
    return this.requests.create(caller, body);
  }

  @Get()
  @Policy('list', 'CompanyRegionRequest')
  @ApiOkResponse({ type: [RegionRequestSummaryDto] })
  list(@CurrentCaller() caller: Caller): Promise<RegionRequestSummaryDto[]> {
    return this.requests.list(caller);
  }

  @Get(':id')
  @Policy('read', 'CompanyRegionRequest')
  @ApiOkResponse({ type: RegionRequestDto })
  read(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<RegionRequestDto> {
    return this.requests.read(caller, id);
  }

  /** The secretariat releases the answer or declines the request. */
  @Post(':id/answer')
  @HttpCode(200)
  @Policy('answer', 'CompanyRegionRequest')
  @ApiOkResponse({ type: RegionRequestDto })
  answer(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AnswerRegionRequestDto): Promise<RegionRequestDto> {
    return this.requests.answer(caller, id, body);
  }
}

/** Art. 22 (first sentence): the overview of CSO networks by region and raw material. */
@ApiTags('production locations')
@Controller('api/v1/cso-expertise')
export class CsoExpertiseController {
  constructor(private readonly expertise: CsoExpertiseService) {}

  @Get()
  @Policy('read', 'CsoExpertise')
  @ApiOkResponse({ type: [CsoExpertiseDto] })
  list(@Query() query: CsoExpertiseQueryDto): Promise<CsoExpertiseDto[]> {
    return this.expertise.list(query);
  }

  /** Replaces the organisation's entries: a CSO its own, the secretariat any CSO's. */
  @Put(':organisationId')
  @Policy('update', 'CsoExpertise')
  @ApiOkResponse({ type: [CsoExpertiseDto] })
  replace(@CurrentCaller() caller: Caller, @Param('organisationId') organisationId: string, @Body() body: ReplaceCsoExpertiseDto): Promise<CsoExpertiseDto[]> {
    return this.expertise.replace(caller, organisationId, body.entries);
  }
}
