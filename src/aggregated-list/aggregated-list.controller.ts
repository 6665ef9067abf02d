import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { YearQueryDto } from '../production-locations/dto/location.dto.js';
import { AggregatedListService } from './aggregated-list.service.js';
import { AggregatedListExportQueryDto, AggregatedListQueryDto, AggregatedPreviewDto, PublishedListDto, PublishedVersionsDto, PublishListDto } from './dto/aggregated-list.dto.js';
import { ExportAggregatedList } from './export-list.js';
import { PublishAggregatedList } from './publish-list.js';
import { ApiFileResponse, CSV, XLSX } from '../common/api-file-response.js';

const filterOf = (q: AggregatedListQueryDto) => ({ country: q.country, region: q.region, activityType: q.activityType, material: q.material });

@ApiTags('production locations')
@Controller('api/v1/aggregated-list')
export class AggregatedListController {
  constructor(
    private readonly aggregated: AggregatedListService,
    private readonly publisher: PublishAggregatedList,
    private readonly exporter: ExportAggregatedList,
  ) {}

  /** The published aggregated list of a year, frozen, not traceable to individual companies (art. 19-20). */
  @Get()
  @Policy('read', 'AggregatedList')
  @ApiOkResponse({ type: PublishedListDto })
  read(@CurrentCaller() caller: Caller, @Query() query: AggregatedListQueryDto) {
    return this.aggregated.readFor(caller, query.year, filterOf(query));
  }

  /** Every published version: year, k, suppression, SHA-256. */
  @Get('versions')
  @Policy('read', 'AggregatedList')
  @ApiOkResponse({ type: PublishedVersionsDto })
  versions(@CurrentCaller() caller: Caller): Promise<PublishedVersionsDto> {
    return this.aggregated.versions(caller);
  }

  /** The published list as CSV or XLSX: exactly the cells the page shows with the same filters; audited. */
  @Get('export')
  @Policy('export', 'AggregatedList')
  @ApiFileResponse('the published cells the page shows with the same filters', XLSX, CSV)
  async export(@CurrentCaller() caller: Caller, @Query() query: AggregatedListExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.exporter.execute(caller, query.year, filterOf(query), query.format);
    await reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.name}"`).send(file.body);
  }

  /** The live computation, before publication, with the cells publishing would make derivable (secretariat). */
  @Get('preview')
  @Policy('preview', 'AggregatedList')
  @ApiOkResponse({ type: AggregatedPreviewDto })
  preview(@CurrentCaller() caller: Caller, @Query() query: YearQueryDto): Promise<AggregatedPreviewDto> {
    return this.aggregated.preview(caller, query.year);
  }

  /** Publishes the year's list as a frozen version (art. 19); 422 names every cell that differencing would reveal. */
  @Post('publications')
  @HttpCode(201)
  @Policy('publish', 'AggregatedList')
  @ApiOkResponse({ type: PublishedListDto })
  publish(@CurrentCaller() caller: Caller, @Body() body: PublishListDto) {
    return this.publisher.execute(caller, body);
  }
}
