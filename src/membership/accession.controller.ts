import { Body, Controller, Get, Header, HttpCode, Ip, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy, Public } from '../policies/policy.decorator.js';
import { Accession } from './accession.js';
import { AccessionQuestionDto, AccessionRequestDto } from './dto/membership.dto.js';
import { AccessionFiledDto, AccessionListDto, AccessionViewDto, QuestionAskedDto } from './dto/membership-responses.dto.js';
import { ApiFileResponse, PDF } from '../common/api-file-response.js';

/** Accession (art. 69-72). Who may do what: policies/accession-requests.yaml; the public form is the one open route. */
@ApiTags('membership')
@Controller('api/v1')
export class AccessionController {
  constructor(private readonly accession: Accession) {}

  /** Art. 70: anyone may ask to join, with a motivation letter. */
  @Post('accession-requests')
  @HttpCode(201)
  @Public()
  @ApiCreatedResponse({ type: AccessionFiledDto })
  submit(@Body() body: AccessionRequestDto, @Ip() ip: string): Promise<AccessionFiledDto> {
    return this.accession.file(null, body, ip);
  }

  @Post('membership/accession-requests')
  @HttpCode(201)
  @Policy('file', 'AccessionRequest')
  @ApiCreatedResponse({ type: AccessionFiledDto })
  file(@CurrentCaller() caller: Caller, @Body() body: AccessionRequestDto): Promise<AccessionFiledDto> {
    return this.accession.file(caller, body);
  }

  @Get('membership/accession-requests')
  @Policy('list', 'AccessionRequest')
  @ApiOkResponse({ type: AccessionListDto })
  list(@CurrentCaller() caller: Caller): Promise<AccessionListDto> {
    return this.accession.list(caller);
  }

  @Get('membership/accession-requests/:id')
  @Policy('read', 'AccessionRequest')
  @ApiOkResponse({ type: AccessionViewDto })
  read(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<AccessionViewDto> {
    return this.accession.read(caller, id);
  }

  @Get('membership/accession-requests/:id/letter')
  @Policy('read', 'AccessionRequest')
  @Header('content-type', 'application/pdf')
  @ApiFileResponse('the motivation letter', PDF)
  async letter(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return new StreamableFile(await this.accession.letter(caller, id));
  }

  @Post('membership/accession-requests/:id/inform')
  @HttpCode(200)
  @Policy('inform', 'AccessionRequest')
  @ApiOkResponse({ type: AccessionViewDto })
  inform(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<AccessionViewDto> {
    return this.accession.inform(caller, id);
  }

  @Post('membership/accession-requests/:id/questions')
  @HttpCode(201)
  @Policy('ask', 'AccessionRequest')
  @ApiCreatedResponse({ type: QuestionAskedDto })
  ask(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AccessionQuestionDto): Promise<QuestionAskedDto> {
    return this.accession.ask(caller, id, body.question);
  }
}
