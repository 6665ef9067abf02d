import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../../common/caller.js';
import { Policy } from '../../policies/policy.decorator.js';
import { AppointChairDto, AssignSeatDto, ChairTermDto, ConstituencyParamDto, KerngroepHistoryDto, SeatTermDto } from '../dto/governance.dto.js';
import { KerngroepGovernanceService } from './kerngroep-governance.service.js';

@ApiTags('kerngroep')
@Controller('api/v1/kerngroep')
export class KerngroepGovernanceController {
  constructor(private readonly governance: KerngroepGovernanceService) {}

  @Get('history')
  @Policy('list', 'KerngroepSeat')
  @ApiOperation({ summary: 'Every seat term and every chair, with dates and the decision behind them (art. 46-47, 50, 54)' })
  @ApiOkResponse({ type: KerngroepHistoryDto })
  history(): Promise<KerngroepHistoryDto> {
    return this.governance.history();
  }

  @Post('seats/:constituency/terms')
  @Policy('assign', 'KerngroepSeat')
  @ApiOperation({ summary: "Record from a date which party holds the constituency's seat and which of its people are the fixed and deputy representative (art. 46-47)" })
  @ApiCreatedResponse({ type: SeatTermDto })
  assign(@CurrentCaller() caller: Caller, @Param() params: ConstituencyParamDto, @Body() body: AssignSeatDto): Promise<SeatTermDto> {
    return this.governance.assignSeat(caller, params.constituency, body);
  }

  @Post('chair/terms')
  @Policy('appoint-chair', 'KerngroepSeat')
  @ApiOperation({ summary: 'Record from a date the chair the SER proposed and the Kerngroep confirmed (art. 50, 54)' })
  @ApiCreatedResponse({ type: ChairTermDto })
  appointChair(@CurrentCaller() caller: Caller, @Body() body: AppointChairDto): Promise<ChairTermDto> {
    return this.governance.appointChair(caller, body);
  }
}
