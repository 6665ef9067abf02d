import { Body, Controller, Get, Header, HttpCode, Ip, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy, Public } from '../policies/policy.decorator.js';
import { Accession } from './accession.js';
import { AccessionQuestionDto, AccessionRequestDto } from './dto/membership.dto.js';

/** Accession (art. 69-72). Who may do what: policies/accession-requests.yaml; the public form is the one open route. */
@ApiTags('membership')
@Controller('api/v1')
export class AccessionController {
  constructor(private readonly accession: Accession) {}

  /** Art. 70: anyone may ask to join, with a motivation letter. */
  @Post('accession-requests')
  @HttpCode(201)
  @Public()
  submit(@Body() body: AccessionRequestDto, @Ip() ip: string) {
    return this.accession.file(null, body, ip);
  }

  @Post('membership/accession-requests')
  @HttpCode(201)
  @Policy('file', 'AccessionRequest')
  file(@CurrentCaller() caller: Caller, @Body() body: AccessionRequestDto) {
    return this.accession.file(caller, body);
  }

  @Get('membership/accession-requests')
  @Policy('list', 'AccessionRequest')
  list(@CurrentCaller() caller: Caller) {
    return this.accession.list(caller);
  }

  @Get('membership/accession-requests/:id')
  @Policy('read', 'AccessionRequest')
  read(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.accession.read(caller, id);
  }

  @Get('membership/accession-requests/:id/letter')
  @Policy('read', 'AccessionRequest')
  @Header('content-type', 'application/pdf')
  async letter(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return new StreamableFile(await this.accession.letter(caller, id));
  }

  @Post('membership/accession-requests/:id/inform')
  @HttpCode(200)
  @Policy('inform', 'AccessionRequest')
  inform(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.accession.inform(caller, id);
  }

  @Post('membership/accession-requests/:id/questions')
  @HttpCode(201)
  @Policy('ask', 'AccessionRequest')
  ask(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AccessionQuestionDto) {
    return this.accession.ask(caller, id, body.question);
  }
}
