import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { YearQueryDto } from '../production-locations/dto/location.dto.js';
import { AggregatedListService } from './aggregated-list.service.js';

class AggregatedCellDto {
  @ApiProperty({ example: 'CD' }) country: string;
  @ApiPropertyOptional({ nullable: true, example: 'CD-NK', description: 'null: the whole country (small regions are generalised into it)' })
  region: string | null;
  @ApiProperty({ example: 'mining' }) activityType: string;
  @ApiPropertyOptional({ nullable: true, example: 'cobalt', description: 'null: all raw materials' })
  material: string | null;
  @ApiProperty({ description: 'number of production locations' }) locations: number;
  @ApiProperty({ description: 'number of distinct companies (never below minCompanies)' }) companies: number;
}

class AggregatedListDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'k: cells supported by fewer companies are generalised or suppressed' }) minCompanies: number;
  @ApiProperty({ type: [AggregatedCellDto] }) cells: AggregatedCellDto[];
}

@ApiTags('production locations')
@Controller('api/v1/aggregated-list')
export class AggregatedListController {
  constructor(private readonly aggregated: AggregatedListService) {}

  /** The aggregated list of a year, not traceable to individual companies (art. 19-20). */
  @Get()
  @Policy('read', 'AggregatedList')
  @ApiOkResponse({ type: AggregatedListDto })
  read(@CurrentCaller() caller: Caller, @Query() query: YearQueryDto): Promise<AggregatedListDto> {
    return this.aggregated.readFor(caller, query.year);
  }
}
