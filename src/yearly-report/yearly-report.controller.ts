import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy, Public } from '../policies/policy.decorator.js';
import { ReportYearDto } from './dto/yearly-report.dto.js';
import { GenerateYearlyReport } from './generate-report.js';
import { ReadYearlyReport } from './read-report.js';
import { SubmitYearlyReport } from './submit-report.js';
import { PublishedReportDto, PublishedReportListDto, YearlyReportDto, YearlyReportListDto, YearlyReportSubmittedDto } from './dto/yearly-report-responses.dto.js';
import { ApiFileResponse, CSV, PDF } from '../common/api-file-response.js';

@ApiTags('yearly report')
@Controller('api/v1')
export class YearlyReportController {
  constructor(
    private readonly generator: GenerateYearlyReport,
    private readonly submitter: SubmitYearlyReport,
    private readonly reader: ReadYearlyReport,
  ) {}

  /** Drafts, the report before the Kerngroep, published ones (secretariat, Kerngroep). */
  @Get('yearly-reports')
  @Policy('list', 'YearlyReport')
  @ApiOkResponse({ type: YearlyReportListDto })
  list(@CurrentCaller() caller: Caller): Promise<YearlyReportListDto> {
    return this.reader.list(caller);
  }

  /** The secretariat generates (or regenerates) the year's draft from the data (art. 14d, 33, 51). */
  @Post('yearly-reports')
  @HttpCode(201)
  @Policy('generate', 'YearlyReport')
  @ApiCreatedResponse({ type: YearlyReportDto })
  async generate(@CurrentCaller() caller: Caller, @Body() body: ReportYearDto): Promise<YearlyReportDto> {
    await this.generator.execute(caller, body.year);
    return this.reader.read(caller, body.year);
  }

  @Get('yearly-reports/:year')
  @Policy('read', 'YearlyReport')
  @ApiOkResponse({ type: YearlyReportDto })
  read(@CurrentCaller() caller: Caller, @Param() params: ReportYearDto): Promise<YearlyReportDto> {
    return this.reader.read(caller, params.year);
  }

  /** The secretariat puts the reviewed draft before the Kerngroep (art. 51), frozen. */
  @Post('yearly-reports/:year/submit')
  @HttpCode(201)
  @Policy('submit', 'YearlyReport')
  @ApiCreatedResponse({ type: YearlyReportSubmittedDto })
  submit(@CurrentCaller() caller: Caller, @Param() params: ReportYearDto): Promise<YearlyReportSubmittedDto> {
    return this.submitter.execute(caller, params.year);
  }

  /** Art. 33, 51: the published yearly reports, for anyone (no sign-in). */
  @Get('public/yearly-reports')
  @Public()
  @ApiOkResponse({ type: PublishedReportListDto })
  publishedList(): Promise<PublishedReportListDto> {
    return this.reader.publishedList();
  }

  @Get('public/yearly-reports/:year')
  @Public()
  @ApiOkResponse({ type: PublishedReportDto })
  published(@Param() params: ReportYearDto): Promise<PublishedReportDto> {
    return this.reader.published(params.year);
  }

  @Get('public/yearly-reports/:year/pdf')
  @Public()
  @ApiFileResponse('the published report as a PDF', PDF)
  async pdf(@Param() params: ReportYearDto, @Res() reply: FastifyReply): Promise<void> {
    const body = await this.reader.pdf(params.year);
    await reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="yearly-report-${params.year}.pdf"`).send(body);
  }

  @Get('public/yearly-reports/:year/csv')
  @Public()
  @ApiFileResponse('the published report as CSV', CSV)
  async csv(@Param() params: ReportYearDto, @Res() reply: FastifyReply): Promise<void> {
    const body = await this.reader.csv(params.year);
    await reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="yearly-report-${params.year}.csv"`).send(body);
  }
}
