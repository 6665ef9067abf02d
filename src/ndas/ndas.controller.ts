import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { answerLanguage } from '../common/problem-messages.js';
import { NdaSignatureDto, NdaTextDto, NdaTextsQueryDto, PublishNdaTextDto, RevokeNdaDto, SignNdaDto } from './dto/nda.dto.js';
import { NdasService } from './ndas.service.js';

@ApiTags('confidentiality agreements')
@Controller('api/v1/ndas')
export class NdasController {
  constructor(private readonly ndas: NdasService) {}

  @Get('texts')
  @Policy('list', 'NdaText')
  @ApiOkResponse({ type: [NdaTextDto] })
  texts(@Query() query: NdaTextsQueryDto, @Headers('accept-language') acceptLanguage?: string): Promise<NdaTextDto[]> {
    // ?language= first, then the language the client asks for, then Dutch (the original texts)
    return this.ndas.currentTexts(query.language ?? (acceptLanguage ? answerLanguage(acceptLanguage) : 'nl'));
  }

  @Post('texts')
  @Policy('publish', 'NdaText')
  @ApiCreatedResponse({ type: NdaTextDto })
  publish(@CurrentCaller() caller: Caller, @Body() body: PublishNdaTextDto): Promise<NdaTextDto> {
    return this.ndas.publish(caller, body);
  }

  @Post('signatures')
  @Policy('sign', 'NdaSignature')
  @ApiCreatedResponse({ type: NdaSignatureDto })
  sign(@CurrentCaller() caller: Caller, @Body() body: SignNdaDto): Promise<NdaSignatureDto> {
    return this.ndas.sign(caller, body);
  }

  @Get('signatures')
  @Policy('list', 'NdaSignature')
  @ApiOkResponse({ type: [NdaSignatureDto] })
  signatures(@CurrentCaller() caller: Caller): Promise<NdaSignatureDto[]> {
    return this.ndas.listFor(caller);
  }

  @Get('signatures/:id')
  @Policy('read', 'NdaSignature')
  @ApiOkResponse({ type: NdaSignatureDto })
  signature(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<NdaSignatureDto> {
    return this.ndas.readFor(caller, id);
  }

  @Post('signatures/:id/revoke')
  @HttpCode(200)
  @Policy('revoke', 'NdaSignature')
  @ApiOkResponse({ type: NdaSignatureDto })
  revoke(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: RevokeNdaDto): Promise<NdaSignatureDto> {
    return this.ndas.revoke(caller, id, body.reason);
  }
}
