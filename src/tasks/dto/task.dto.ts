import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const TASK_KINDS = [
  'consent', 'vote', 'appoint-substitute', 'open-access', 'sign-nda', 'report', 'confirm-brokering', 'review-match', 'close-consent', 'reply',
  'renew-nda', 'complete-follow-up', 'upload-list', 'submit-plan', 'decide-attendance', 'store-result',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export class TaskRequestDto {
  @ApiProperty({ enum: ['POST', 'PUT'] }) method: 'POST' | 'PUT';
  @ApiProperty({ description: 'the API route that does it' }) path: string;
  @ApiPropertyOptional({ description: 'for a case transition: its action' }) action?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'for a vote or a substitute: the Kerngroep seat' }) seat?: string | null;
  @ApiPropertyOptional({ description: 'for a vote: fixed, deputy, substitute or party (assembly)' }) capacity?: string;
  @ApiPropertyOptional({ description: 'for confirm-brokering: the one company it confirms (send it as `companyId`, art. 22)' }) companyId?: string;
}

/** One thing the signed-in person is asked to decide or do (issue 14, item 1). */
export class TaskDto {
  @ApiProperty({ enum: TASK_KINDS }) kind: TaskKind;
  @ApiProperty({ nullable: true, type: String, description: 'when it is due (ISO 8601); null when nothing sets a date' }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'which deadline: consent, access-window, improvement-period, nda-expiry, follow-up, …' })
  deadlineKind: string | null;
  @ApiProperty({ description: 'the page of the web front end where it is done' }) link: string;
  @ApiProperty({ type: TaskRequestDto }) perform: TaskRequestDto;
  @ApiPropertyOptional() caseId?: string;
  @ApiPropertyOptional() caseType?: string;
  @ApiPropertyOptional() state?: string;
  @ApiPropertyOptional() ndaKind?: string;
  @ApiPropertyOptional() followUpId?: string;
  @ApiPropertyOptional() companyId?: string;
  @ApiPropertyOptional() year?: number;
  @ApiPropertyOptional({ description: 'decide-attendance: the Kerngroep meeting (art. 48)' }) meetingId?: string;
  @ApiPropertyOptional({ description: 'decide-attendance: the request to attend' }) attendanceRequestId?: string;
  @ApiPropertyOptional({ description: 'for store-result: the monitoring round due (art. 9-10)' }) round?: string;
  @ApiPropertyOptional({ description: 'for store-result: the company whose round is due' }) companyName?: string;
}

export class TasksDto {
  @ApiProperty({ type: [TaskDto], description: 'ordered by deadline, the earliest first; tasks without a date last' }) items: TaskDto[];
  @ApiProperty() total: number;
}
