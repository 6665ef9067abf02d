import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
import { AgendaViewDto, AttendanceListDto, AttendanceViewDto, MeetingListDto, MeetingViewDto, ProgressReportDto } from './dto/meeting-responses.dto.js';

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
  @ApiOkResponse({ type: MeetingListDto })
  async list(@CurrentCaller() caller: Caller, @Query() q: MeetingsQueryDto): Promise<MeetingListDto> {
    return { items: await this.meetings.list(caller, q.year ?? null) };
  }

  @Post('meetings')
  @Policy('plan', 'KerngroepMeeting')
  @ApiCreatedResponse({ type: MeetingViewDto })
  plan(@CurrentCaller() caller: Caller, @Body() dto: PlanMeetingDto): Promise<MeetingViewDto> {
    return this.meetings.plan(caller, dto);
  }

  @Get('meetings/:id')
  @Policy('list', 'KerngroepMeeting')
  @ApiOkResponse({ type: MeetingViewDto })
  one(@Param() p: MeetingIdDto): Promise<MeetingViewDto> {
    return this.meetings.one(p.id);
  }

  @Get('meetings/:id/agenda')
  @Policy('read-agenda', 'KerngroepMeeting')
  @ApiOkResponse({ type: AgendaViewDto })
  agenda(@Param() p: MeetingIdDto): Promise<AgendaViewDto> {
    return this.meetings.agenda(p.id);
  }

  @Post('meetings/:id/agenda-items')
  @Policy('add-agenda-item', 'KerngroepMeeting')
  @ApiCreatedResponse({ type: AgendaViewDto })
  addItem(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto, @Body() dto: AgendaItemDto): Promise<AgendaViewDto> {
    return this.meetings.addItem(caller, p.id, dto);
  }

  @Put('meetings/:id/minutes')
  @Policy('record-minutes', 'KerngroepMeeting')
  @ApiOkResponse({ type: MeetingViewDto })
  minutes(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto, @Body() dto: MinutesDto): Promise<MeetingViewDto> {
    return this.meetings.recordMinutes(caller, p.id, dto);
  }

  @Get('meetings/:id/progress-report')
  @Policy('read-progress-report', 'KerngroepMeeting')
  @ApiOkResponse({ type: ProgressReportDto })
  report(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto): Promise<ProgressReportDto> {
    return this.reports.forMeeting(caller, p.id);
  }

  @Post('meetings/:id/attendance-requests')
  @Policy('file', 'AttendanceRequest')
  @ApiCreatedResponse({ type: AttendanceViewDto })
  fileRequest(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto, @Body() dto: AttendanceRequestDto): Promise<AttendanceViewDto> {
    return this.attendance.file(caller, p.id, dto);
  }

  @Get('attendance-requests')
  @Policy('list', 'AttendanceRequest')
  @ApiOkResponse({ type: AttendanceListDto })
  async requests(@CurrentCaller() caller: Caller, @Query() q: AttendanceQueryDto): Promise<AttendanceListDto> {
    return { items: await this.attendance.list(caller, q.state ?? null) };
  }

  @Post('attendance-requests/:id/decision')
  @HttpCode(200)
  @Policy('decide', 'AttendanceRequest')
  @ApiOkResponse({ type: AttendanceViewDto })
  decide(@CurrentCaller() caller: Caller, @Param() p: MeetingIdDto, @Body() dto: AttendanceDecisionDto): Promise<AttendanceViewDto> {
    return this.attendance.decide(caller, p.id, dto);
  }
}
