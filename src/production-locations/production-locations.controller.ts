import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { DomainError, InvalidInput } from '../common/errors.js';
import { Policy } from '../policies/policy.decorator.js';
import {
  ExportLocationsQueryDto,
  ListDto,
  ListLocationsQueryDto,
  ListsQueryDto,
  LocationDto,
  LocationPageDto,
  TemplateQueryDto,
  UploadProgressDto,
  UploadQueryDto,
  UploadReplaceQueryDto,
  UploadResultDto,
} from './dto/location.dto.js';
import { ExportList } from './export-list.js';
import { ListReplacementPreview } from './list-replacement-preview.js';
import { ProductionLocationsService } from './production-locations.service.js';
import { UploadProgressService } from './upload-progress.js';
import { templateCsv, templateXlsx } from './upload-parser.js';
import { StepUp } from '../auth/second-factor/gate.js';
import { ReplacementPreviewDto } from './dto/location-responses.dto.js';
import { ApiFileResponse, CSV, XLSX } from '../common/api-file-response.js';

/** 413: the uploaded file is larger than UPLOAD_MAX_BYTES; nothing was read into the registry. */
class FileTooLarge extends DomainError {
  readonly statusCode = 413;
  constructor(maxBytes: number) {
    super('The file is too large');
    this.details = [{ field: 'file', problem: `is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB` }];
  }
}

type MultipartRequest = FastifyRequest & {
  isMultipart(): boolean;
  file(): Promise<{ toBuffer(): Promise<Buffer>; file: { truncated: boolean } } | undefined>;
};

@ApiTags('production locations')
@Controller('api/v1/production-locations')
export class ProductionLocationsController {
  constructor(
    private readonly locations: ProductionLocationsService,
    private readonly previews: ListReplacementPreview,
    private readonly exports: ExportList,
    private readonly progress: UploadProgressService,
  ) {}

  /** Upload a year's list as CSV or XLSX (multipart field `file`): all rows or none (art. 17, issue 5 item 4). */
  @Post('uploads')
  @HttpCode(201)
  @Policy('upload', 'ProductionLocation')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: UploadResultDto })
  async upload(@CurrentCaller() caller: Caller, @Query() query: UploadReplaceQueryDto, @Req() req: FastifyRequest): Promise<UploadResultDto> {
    return this.locations.upload(caller, query, await this.fileOf(req));
  }

  /**
   * What uploading this file would change in the year's list (issue 14): entries added, removed and changed, from
   * the server, stored nowhere. The same rule as the upload decides who may ask (a preview is the upload's first step).
   */
  @Post('uploads/preview')
  @HttpCode(200)
  @Policy('upload', 'ProductionLocation')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ReplacementPreviewDto })
  async preview(@CurrentCaller() caller: Caller, @Query() query: UploadQueryDto, @Req() req: FastifyRequest): Promise<ReplacementPreviewDto> {
    return this.previews.execute(caller, query, await this.fileOf(req));
  }

  /**
   * How far the server has got with the caller's own upload or preview (issue 14 item 4): rows checked of the rows
   * the file declares, then storing, then done or refused. Read from PostgreSQL, so any instance answers. Another
   * person's upload is a 404 (policies/production-locations.yaml, `progress`).
   */
  @Get('uploads/progress/:id')
  @Policy('progress', 'ProductionLocation')
  @ApiOkResponse({ type: UploadProgressDto })
  async uploadProgress(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<UploadProgressDto> {
    return this.progress.read(caller, id);
  }

  private async fileOf(req: FastifyRequest): Promise<Buffer> {
    const mreq = req as MultipartRequest;
    const missing = () => new InvalidInput('No file was sent', [{ field: 'file', problem: 'is required (multipart/form-data field "file")' }]);
    if (!mreq.isMultipart()) throw missing();
    try {
      const part = await mreq.file();
      if (!part) throw missing();
      return await part.toBuffer();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new FileTooLarge(this.maxBytes(req));
      if (error instanceof DomainError) throw error;
      if (code?.startsWith('FST_')) throw new InvalidInput('The upload cannot be read', [{ field: 'file', problem: 'is not a readable multipart upload' }]);
      throw error;
    }
  }

  private maxBytes(req: FastifyRequest): number {
    void req;
    return this.locations.uploadMaxBytes;
  }

  /** The upload template with the documented headers (English or Dutch) and one example row. */
  @Get('template')
  @Policy('upload', 'ProductionLocation')
  @ApiFileResponse('the upload template in the chosen format and language', XLSX, CSV)
  async template(@Query() query: TemplateQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const language = query.language ?? 'en';
    const name = language === 'nl' ? 'productielocaties-sjabloon' : 'production-locations-template';
    if (query.format === 'csv') {
      await reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(templateCsv(language));
      return;
    }
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send(await templateXlsx(language));
  }

  /**
   * The entries the list page may show, as CSV or XLSX in the upload's columns (issue 14 item 5): the same `list`
   * rule, scope and filters as GET /production-locations, audited once as an export.
   */
  @Get('export')
  @Policy('list', 'ProductionLocation')
  @ApiFileResponse('the entries the list page may show, in the upload columns', XLSX, CSV)
  async export(@CurrentCaller() caller: Caller, @Query() query: ExportLocationsQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.exports.execute(caller, { ...query, format: query.format ?? 'xlsx', language: query.language ?? 'en' });
    await reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  }

  /** The revisions of lists the caller may see; earlier revisions for the secretariat only. */
  @Get('lists')
  @Policy('list', 'ProductionLocation')
  @ApiOkResponse({ type: [ListDto] })
  lists(@CurrentCaller() caller: Caller, @Query() query: ListsQueryDto): Promise<ListDto[]> {
    return this.locations.listsFor(caller, query);
  }

  @Get()
  @Policy('list', 'ProductionLocation')
  @StepUp() // decrypted NAW (issue 17)
  @ApiOkResponse({ type: LocationPageDto })
  list(@CurrentCaller() caller: Caller, @Query() query: ListLocationsQueryDto): Promise<LocationPageDto> {
    return this.locations.listForCaller(caller, { ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 100 });
  }

  @Get(':id')
  @Policy('read', 'ProductionLocation')
  @StepUp() // decrypted NAW (issue 17)
  @ApiOkResponse({ type: LocationDto })
  read(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<LocationDto> {
    return this.locations.readFor(caller, id);
  }
}
