import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { CompanyRegionRequestsService, type RegionRequestView } from './company-region-requests.service.js';
import { CsoExpertiseService, type CsoExpertiseView } from './cso-expertise.service.js';
import { AnswerRegionRequestDto, CreateRegionRequestDto, CsoExpertiseQueryDto, ReplaceCsoExpertiseDto } from './dto/region-requests.dto.js';

/** Art. 21: which companies are active in given countries/regions, asked by a CSO, released by the secretariat. */
@ApiTags('production locations')
@Controller('api/v1/company-region-requests')
export class CompanyRegionRequestsController {
  constructor(private readonly requests: CompanyRegionRequestsService) {}

  @Post()
  @HttpCode(201)
  @Policy('create', 'CompanyRegionRequest')
  create(@CurrentCaller() caller: Caller, @Body() body: CreateRegionRequestDto): Promise<RegionRequestView> {
    return this.requests.create(caller, body);
  }

  @Get()
  @Policy('list', 'CompanyRegionRequest')
  list(@CurrentCaller() caller: Caller) {
    return this.requests.list(caller);
  }

  @Get(':id')
  @Policy('read', 'CompanyRegionRequest')
  read(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<RegionRequestView> {
    return this.requests.read(caller, id);
  }

  /** The secretariat releases the answer or declines the request. */
  @Post(':id/answer')
  @HttpCode(200)
  @Policy('answer', 'CompanyRegionRequest')
  answer(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AnswerRegionRequestDto): Promise<RegionRequestView> {
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
  list(@Query() query: CsoExpertiseQueryDto): Promise<CsoExpertiseView[]> {
    return this.expertise.list(query);
  }

  /** Replaces the organisation's entries: a CSO its own, the secretariat any CSO's. */
  @Put(':organisationId')
  @Policy('update', 'CsoExpertise')
  replace(@CurrentCaller() caller: Caller, @Param('organisationId') organisationId: string, @Body() body: ReplaceCsoExpertiseDto): Promise<CsoExpertiseView[]> {
    return this.expertise.replace(caller, organisationId, body.entries);
  }
}
