import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '../../common/caller.js';
import { Policy } from '../../policies/policy.decorator.js';
import { AttendanceRequests } from './attendance-requests.js';
import {
  AgendaItemDto,
  AttendanceDecisionDto,
  AttendanceQueryDto,
  AttendanceRequestDto,
  MeetingIdDto,
  MeetingsQueryDto,
  MinutesDto,
  PlanMeetingDto,
} from './dto/meetings.dto.js';
import { MeetingsService } from './meetings.service.js';
import { ProgressReportService } from './progress-report.js';

/** Kerngroep meetings (art. 48, 52): dates, agenda, headline minutes, the progress report and requests to attend. */
@ApiTags('Kerngroep meetings')
@Controller('api/v1/kerngroep')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly reports: ProgressReportService,
    private readonly attendance: AttendanceRequests,
  ) {}

  @Get('meetings')
  @Policy('list', 'KerngroepMeeting')
  async list(@CurrentCaller() caller: Caller, @Query() q: MeetingsQueryDto) {
    return { items: await this.meetings.list(caller, q.year ?? null) };
  }

  @Post('meetings')
  @Policy('plan', 'KerngroepMeeting')
  plan(@CurrentCaller() caller: Caller, @Body() dto: PlanMeetingDto) {
    return this.meetings.plan(caller, dto);
  }

  @Get('meetings/:id')
  @Policy('list', 'KerngroepMeeting')
  one(@Param() p: MeetingIdDto) {
    return this.meetings.one(p.id);
  }

  @Get('meetings/:id/agenda')
  @Policy('read-agenda', 'KerngroepMeeting')
  agenda(@Param() p: MeetingIdDto) {
    return this.meetings.agenda(p.id);
  }

  @Post('meetings/:id/agenda-items')
  @Policy('add-agenda-item', 'KerngroepMeeting')
  addItem(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto, @Body() dto: AgendaItemDto) {
    return this.meetings.addItem(caller, p.id, dto);
  }

  @Put('meetings/:id/minutes')
  @Policy('record-minutes', 'KerngroepMeeting')
  minutes(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto, @Body() dto: MinutesDto) {
    return this.meetings.recordMinutes(caller, p.id, dto);
  }

  @Get('meetings/:id/progress-report')
  @Policy('read-progress-report', 'KerngroepMeeting')
  report(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto) {
    return this.reports.forMeeting(caller, p.id);
  }

  @Post('meetings/:id/attendance-requests')
  @Policy('file', 'AttendanceRequest')
  fileRequest(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto, @Body() dto: AttendanceRequestDto) {
    return this.attendance.file(caller, p.id, dto);
  }

  @Get('attendance-requests')
  @Policy('list', 'AttendanceRequest')
  async requests(@CurrentCaller() caller: Caller, @Query() q: AttendanceQueryDto) {
    return { items: await this.attendance.list(caller, q.state ?? null) };
  }

  @Post('attendance-requests/:id/decision')
  @HttpCode(200)
  @Policy('decide', 'AttendanceRequest')
  decide(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto, @Body() dto: AttendanceDecisionDto) {
    return this.attendance.decide(caller, p.id, dto);
  }
}
