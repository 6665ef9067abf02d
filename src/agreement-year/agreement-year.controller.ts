import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { addDays } from './agreement-calendar.js';
import type { DeadlineStatusRow } from './agreement-calendar.repository.js';
import { AgreementCalendarService } from './agreement-calendar.service.js';
import {
  AgreementCalendarDto,
  AggregatedProgressDto,
  CompanyDeadlineDto,
  CompanyDeadlinesDto,
  CompanyParamDto,
  CompanyProgressDto,
  ListYearParamDto,
  RoundParamDto,
  SetDueDateDto,
} from './dto/agreement-year.dto.js';
import { TransparencyProgressService } from './transparency-progress.service.js';

const day = (d: Date) => new Date(d).toISOString().slice(0, 10);
const toDto = (d: DeadlineStatusRow): CompanyDeadlineDto => ({
  companyId: d.companyId,
  companyName: d.companyName,
  kind: d.kind,
  period: d.period,
  dueOn: addDays(day(d.dueAt), -1), // due_at is the end of the due day
  remindOn: day(d.remindAt),
  state: d.state,
  remindedAt: d.remindedAt ? new Date(d.remindedAt).toISOString() : null,
});

@ApiTags('agreement year')
@Controller('api/v1/agreement-calendar')
export class AgreementCalendarController {
  constructor(private readonly calendar: AgreementCalendarService) {}

  @Get()
  @Policy('read', 'AgreementCalendar')
  @ApiOperation({ summary: "The agreement's period and years (art. 66-67), each year's list due date (art. 17-18) and the monitoring rounds' (art. 9-10)" })
  @ApiOkResponse({ type: AgreementCalendarDto })
  read(): Promise<AgreementCalendarDto> {
    return this.calendar.calendar();
  }

  @Put('lists/:year')
  @Policy('set-due-date', 'AgreementCalendar')
  @ApiOperation({ summary: "The secretariat sets the due date of one year's production-location list; 422 outside the agreement's period" })
  @ApiOkResponse({ type: AgreementCalendarDto })
  setListDate(@CurrentCaller() caller: Caller, @Param() p: ListYearParamDto, @Body() body: SetDueDateDto): Promise<AgreementCalendarDto> {
    return this.calendar.setDueDate(caller, 'list', p.year, body.dueOn);
  }

  @Put('rounds/:round')
  @Policy('set-due-date', 'AgreementCalendar')
  @ApiOperation({ summary: "The secretariat sets the due date of a monitoring round; 422 outside the agreement's period" })
  @ApiOkResponse({ type: AgreementCalendarDto })
  setRoundDate(@CurrentCaller() caller: Caller, @Param() p: RoundParamDto, @Body() body: SetDueDateDto): Promise<AgreementCalendarDto> {
    return this.calendar.setDueDate(caller, 'monitoring', p.round, body.dueOn);
  }

  @Get('deadlines')
  @Policy('list', 'CompanyDueDate')
  @ApiOperation({ summary: "Companies' deadlines with their state (met, overdue, due-soon, upcoming): a company its own, the secretariat every company's" })
  @ApiOkResponse({ type: CompanyDeadlinesDto })
  async list(@CurrentCaller() caller: Caller): Promise<CompanyDeadlinesDto> {
    return { items: (await this.calendar.deadlinesFor(caller)).map(toDto) };
  }

  @Get('deadlines/:companyId')
  @Policy('read', 'CompanyDueDate')
  @ApiOkResponse({ type: CompanyDeadlinesDto })
  async ofCompany(@CurrentCaller() caller: Caller, @Param() p: CompanyParamDto): Promise<CompanyDeadlinesDto> {
    return { items: (await this.calendar.deadlinesOf(caller, p.companyId)).map(toDto) };
  }
}

@ApiTags('agreement year')
@Controller('api/v1/transparency-progress')
export class TransparencyProgressController {
  constructor(private readonly progress: TransparencyProgressService) {}

  @Get('aggregated')
  @Policy('read', 'AggregatedTransparencyProgress')
  @ApiOperation({ summary: 'Art. 18 progress across companies, per year, never traceable to one: years with fewer than k companies left out, small tier cells suppressed' })
  @ApiOkResponse({ type: AggregatedProgressDto })
  aggregated(@CurrentCaller() caller: Caller): Promise<AggregatedProgressDto> {
    return this.progress.aggregated(caller);
  }

  @Get(':companyId')
  @Policy('read', 'TransparencyProgress')
  @ApiOperation({ summary: "Art. 18: how a company's list grew year over year (suppliers, added, tiers); the company itself and the secretariat" })
  @ApiOkResponse({ type: CompanyProgressDto })
  async ofCompany(@CurrentCaller() caller: Caller, @Param() p: CompanyParamDto): Promise<CompanyProgressDto> {
    return { companyId: p.companyId, years: await this.progress.ofCompany(caller, p.companyId) };
  }
}
