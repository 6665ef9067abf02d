import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../../common/caller.js';
import { Policy } from '../../policies/policy.decorator.js';
import { StepUp } from './gate.js';
import { SecondFactorService } from './second-factor.service.js';
import { SecondFactorResetDto } from './dto/second-factor-responses.dto.js';

@ApiTags('identity')
@Controller('api/v1/people/:id/second-factor')
export class ResetSecondFactorController {
  constructor(private readonly factors: SecondFactorService) {}

  @Post('reset')
  @Policy('reset', 'SecondFactor')
  @StepUp()
  @HttpCode(200)
  @ApiOperation({ summary: "Secretariat: remove a person's second factors (lost phone); their sessions end, they are mailed and enrol anew at the next sign-in" })
  @ApiOkResponse({ type: SecondFactorResetDto })
  reset(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<SecondFactorResetDto> {
    return this.factors.reset(caller, id);
  }
}
