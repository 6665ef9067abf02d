import { Body, Controller, HttpCode, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OpenDuringEnrolment } from '../auth/second-factor/gate.js';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { OwnLanguageDto } from './dto/own-language.dto.js';
import { OrganisationsService } from './organisations.service.js';

/** The signed-in person's own settings (GET /api/v1/me is the auth module's: who is signed in). */
@ApiTags('identity')
@Controller('api/v1/me')
export class OwnLanguageController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Patch()
  @HttpCode(200)
  @Policy('set-language', 'Me', { recordFacts: 'none' })
  @OpenDuringEnrolment()
  @ApiOperation({ summary: 'Choose the language of your pages and mail (nl, en, fr, es); audited' })
  @ApiOkResponse({ type: OwnLanguageDto })
  setLanguage(@CurrentCaller() caller: Caller, @Body() body: OwnLanguageDto): Promise<OwnLanguageDto> {
    return this.organisations.setOwnLanguage(caller, body.language);
  }
}
