import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { ROUNDS, type Round } from '../agreement-calendar.js';

export class SetDueDateDto {
  @ApiProperty({ example: '2027-06-30', description: 'YYYY-MM-DD, inside the agreement period (art. 66-67); outside it: 422 naming dueOn' })
  @IsString({ message: 'must be a date, YYYY-MM-DD' })
  dueOn: string;
}

export class ListYearParamDto {
  @ApiProperty({ example: '2027' })
  @Matches(/^\d{4}$/, { message: 'must be a year, YYYY' })
  year: string;
}

export class RoundParamDto {
  @ApiProperty({ enum: ROUNDS })
  @IsIn(ROUNDS, { message: `must be one of ${ROUNDS.join(', ')}` })
  round: Round;
}

export class CompanyParamDto {
  @ApiProperty()
  @IsUUID('all', { message: 'must be a UUID' })
  companyId: string;
}

class AgreementYearDto {
  @ApiProperty() number: number;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
}

export class CalendarDeadlineDto {
  @ApiProperty({ enum: ['list', 'monitoring'] }) kind: 'list' | 'monitoring';
  @ApiProperty({ description: "the list's year (2027) or the round (baseline, year2, year4)" }) period: string;
  @ApiProperty() dueOn: string;
  @ApiProperty({ description: 'the day the reminder goes out' }) remindOn: string;
  @ApiProperty({ description: 'true: the secretariat set this date; false: from the configuration' }) isSet: boolean;
}

export class AgreementCalendarDto {
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ type: [AgreementYearDto] }) years: AgreementYearDto[];
  @ApiProperty({ type: [CalendarDeadlineDto] }) lists: CalendarDeadlineDto[];
  @ApiProperty({ type: [CalendarDeadlineDto] }) rounds: CalendarDeadlineDto[];
  @ApiProperty() listReminderDays: number;
  @ApiProperty() monitoringReminderDays: number;
}

export class CompanyDeadlineDto {
  @ApiProperty() companyId: string;
  @ApiProperty() companyName: string;
  @ApiProperty({ enum: ['list', 'monitoring'] }) kind: 'list' | 'monitoring';
  @ApiProperty() period: string;
  @ApiProperty({ description: 'the last day to meet it' }) dueOn: string;
  @ApiProperty() remindOn: string;
  @ApiProperty({ enum: ['met', 'overdue', 'due-soon', 'upcoming'] }) state: string;
  @ApiPropertyOptional({ nullable: true, type: String }) remindedAt: string | null;
}

export class CompanyDeadlinesDto {
  @ApiProperty({ type: [CompanyDeadlineDto] }) items: CompanyDeadlineDto[];
}

class ProgressYearDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'distinct suppliers in the year’s list' }) suppliers: number;
  @ApiProperty({ description: 'suppliers in none of the earlier lists' }) added: number;
  @ApiProperty({ description: 'deepest tier reached (1 = direct suppliers)' }) deepestTier: number;
  @ApiProperty({ type: [Number], description: 'suppliers in tier 1, 2, 3' }) tiers: number[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'suppliers more than the previous list' }) change: number | null;
}

export class CompanyProgressDto {
  @ApiProperty() companyId: string;
  @ApiProperty({ type: [ProgressYearDto] }) years: ProgressYearDto[];
}

class TierCellDto {
  @ApiProperty() tier: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'null: suppressed (fewer than k companies, or derivable)' }) companies: number | null;
}

class AggregatedProgressYearDto {
  @ApiProperty() year: number;
  @ApiProperty() companies: number;
  @ApiProperty() suppliers: number;
  @ApiProperty() added: number;
  @ApiProperty({ type: [TierCellDto] }) deepestTier: TierCellDto[];
}

export class AggregatedProgressDto {
  @ApiProperty({ description: 'k: a year with fewer companies is not shown' }) minCompanies: number;
  @ApiProperty({ type: [AggregatedProgressYearDto] }) years: AggregatedProgressYearDto[];
}
