import { ApiProperty } from '@nestjs/swagger';

/** Answers of the Kerngroep meeting routes (art. 48, 52; issue 14, item 8). */
export class MinutesDecisionViewDto {
  @ApiProperty() subject: string;
  @ApiProperty() decision: string;
}

export class MeetingMinutesDto {
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ type: [MinutesDecisionViewDto] }) decisions: MinutesDecisionViewDto[];
  @ApiProperty() recordedAt: string;
}

export class MeetingViewDto {
  @ApiProperty() id: string;
  @ApiProperty() scheduledAt: string;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty() held: boolean;
  @ApiProperty({ type: MeetingMinutesDto, nullable: true }) minutes: MeetingMinutesDto | null;
}

export class MeetingListDto {
  @ApiProperty({ type: [MeetingViewDto] }) items: MeetingViewDto[];
}

export class AgendaMatterDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseType: string;
  @ApiProperty({ enum: ['pending', 'decided'] }) status: 'pending' | 'decided';
  @ApiProperty({ enum: ['kerngroep', 'assembly', 'decided'] }) stage: 'kerngroep' | 'assembly' | 'decided';
  @ApiProperty({ enum: ['approved', 'rejected'], nullable: true, type: String }) outcome: 'approved' | 'rejected' | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ description: 'decided before the meeting started: it stays on the agenda, marked decided' }) decidedBeforeMeeting: boolean;
}

export class AgendaItemViewDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() addedAt: string;
}

export class AgendaViewDto {
  @ApiProperty({ type: MeetingViewDto }) meeting: MeetingViewDto;
  @ApiProperty({ type: [AgendaMatterDto], description: 'computed from the rulings, never stored' }) matters: AgendaMatterDto[];
  @ApiProperty({ type: [AgendaItemViewDto] }) items: AgendaItemViewDto[];
}

export class ReportCellDto {
  @ApiProperty() part: string;
  @ApiProperty({ nullable: true, type: Number }) count: number | null;
  @ApiProperty() suppressed: boolean;
}

export class ReportGroupDto {
  @ApiProperty() group: string;
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ type: [ReportCellDto] }) parts: ReportCellDto[];
}

export class ProgressReportDto {
  @ApiProperty({ type: MeetingViewDto }) meeting: MeetingViewDto;
  @ApiProperty({ description: 'no cell shown rests on fewer organisations (art. 19-20)' }) minCompanies: number;
  @ApiProperty({ description: "the counts as of this moment: the meeting's start once held, otherwise now" }) asOf: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: [ReportGroupDto] }) parties: ReportGroupDto[];
  @ApiProperty({ type: [ReportGroupDto] }) lists: ReportGroupDto[];
  @ApiProperty({ type: [ReportGroupDto] }) monitoring: ReportGroupDto[];
  @ApiProperty({ type: [ReportGroupDto] }) cases: ReportGroupDto[];
  @ApiProperty({ type: [ReportGroupDto], description: 'decided since the previous meeting' }) decided: ReportGroupDto[];
}

export class AttendanceViewDto {
  @ApiProperty() id: string;
  @ApiProperty() meetingId: string;
  @ApiProperty() scheduledAt: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) affiliation: string | null;
  @ApiProperty() motivation: string;
  @ApiProperty() filedAt: string;
  @ApiProperty({ enum: ['pending', 'allowed', 'refused'] }) state: 'pending' | 'allowed' | 'refused';
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}

export class AttendanceListDto {
  @ApiProperty({ type: [AttendanceViewDto] }) items: AttendanceViewDto[];
}
