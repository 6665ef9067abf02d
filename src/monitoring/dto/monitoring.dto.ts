import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';

export const ROUNDS = ['baseline', 'year2', 'year4'] as const;
export type Round = (typeof ROUNDS)[number];
export const SIGNALS = ['green', 'orange', 'red'] as const;
export type Signal = (typeof SIGNALS)[number];
export type ReportsOn = 'risks' | 'planOfAction' | 'other';

export class ResultKeyDto {
  @ApiProperty()
  @IsUUID('all', { message: 'must be a UUID' })
  companyId: string;

  @ApiProperty({ enum: ROUNDS })
  @IsIn(ROUNDS, { message: `must be one of ${ROUNDS.join(', ')}` })
  round: Round;
}

export class SectionScoreInput {
  @ApiProperty({ minimum: 1, maximum: 6, description: 'the OECD due-diligence step' })
  @IsInt()
  @Min(1)
  @Max(6)
  step: number;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  score: number;

  @ApiProperty()
  @IsString()
  @Length(0, 10000)
  advice: string;
}

export class StoreResultDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  finalScore: number;

  @ApiProperty({ enum: SIGNALS })
  @IsIn(SIGNALS, { message: `must be one of ${SIGNALS.join(', ')}` })
  signal: Signal;

  @ApiProperty()
  @IsString()
  @Length(0, 10000)
  advice: string;

  @ApiProperty({ type: [SectionScoreInput], description: 'all six sections of the monitoring framework, once each' })
  @ValidateNested({ each: true })
  @Type(() => SectionScoreInput)
  @ArrayMinSize(6)
  @ArrayMaxSize(6)
  sections: SectionScoreInput[];
}

export class ListResultsQueryDto {
  @ApiPropertyOptional({ enum: ROUNDS })
  @IsOptional()
  @IsIn(ROUNDS, { message: `must be one of ${ROUNDS.join(', ')}` })
  round?: Round;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class SectionResultDto {
  @ApiProperty() step: number;
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['risks', 'planOfAction', 'other'] }) reportsOn: ReportsOn;
  @ApiProperty() score: number;
  @ApiProperty() sufficient: boolean;
  @ApiProperty() advice: string;
}

export class ImprovementPeriodDto {
  @ApiProperty() step: number;
  @ApiProperty() deadlineAt: string;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
}

/** A monitoring result; every field is optional because the caller sees only what the policy opens. */
export class MonitoringResultDto {
  @ApiPropertyOptional() id?: string;
  @ApiPropertyOptional() companyId?: string;
  @ApiPropertyOptional() companyName?: string;
  @ApiPropertyOptional({ enum: ROUNDS }) round?: Round;
  @ApiPropertyOptional() finalScore?: number;
  @ApiPropertyOptional({ enum: SIGNALS }) signal?: Signal;
  @ApiPropertyOptional() advice?: string;
  @ApiPropertyOptional({ type: [SectionResultDto], description: 'only the sections the caller may see' }) sections?: SectionResultDto[];
  @ApiPropertyOptional({ type: [ImprovementPeriodDto] }) improvementPeriods?: ImprovementPeriodDto[];
  @ApiPropertyOptional() updatedAt?: string;
}

export class MonitoringResultPageDto {
  @ApiProperty({ type: [MonitoringResultDto] }) items: MonitoringResultDto[];
  @ApiProperty({ description: 'visible results in total (not only this page)' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FollowUpDto {
  @ApiProperty() id: string;
  @ApiProperty() resultId: string;
  @ApiProperty() companyId: string;
  @ApiProperty({ enum: ROUNDS }) round: Round;
  @ApiProperty({ enum: ['signal-talk', 'improvement-period', 'improvement-period-ended'] }) kind: 'signal-talk' | 'improvement-period' | 'improvement-period-ended';
  @ApiProperty({ nullable: true, type: Number }) step: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) deadlineAt: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
}

/** Art. 12: the themes a measure of a plan of action is counted under in the aggregated plan. */
export const MEASURE_THEMES = [
  'policy', 'risk-assessment', 'supplier-engagement', 'audits', 'training', 'grievance-mechanism', 'remediation', 'collaboration', 'other',
] as const;
export type MeasureTheme = (typeof MEASURE_THEMES)[number];

export class MeasureInput {
  @ApiProperty({ minimum: 1, maximum: 6, description: 'the OECD due-diligence step the measure serves' })
  @IsInt()
  @Min(1)
  @Max(6)
  step: number;

  @ApiProperty({ enum: MEASURE_THEMES })
  @IsIn(MEASURE_THEMES, { message: `must be one of ${MEASURE_THEMES.join(', ')}` })
  theme: MeasureTheme;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  description: string;
}

export class SubmitPlanDto {
  @ApiProperty({ minimum: 2025, maximum: 2035 })
  @IsInt()
  @Min(2025)
  @Max(2035)
  year: number;

  @ApiProperty({ type: [MeasureInput] })
  @ValidateNested({ each: true })
  @Type(() => MeasureInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  measures: MeasureInput[];
}

/** The year of the plans of action (named apart from the production locations' YearQueryDto, whose year is required). */
export class PlanYearQueryDto {
  @ApiPropertyOptional({ minimum: 2025, maximum: 2035 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2025)
  @Max(2035)
  year?: number;
}

export class PlanOfActionDto {
  @ApiPropertyOptional() id?: string;
  @ApiPropertyOptional() companyId?: string;
  @ApiPropertyOptional() companyName?: string;
  @ApiPropertyOptional() year?: number;
  @ApiPropertyOptional() revision?: number;
  @ApiPropertyOptional({ type: [MeasureInput] }) measures?: MeasureInput[];
  @ApiPropertyOptional() submittedAt?: string;
}

/** Named apart in the OpenAPI document from the aggregated list's cell (one schema per name). */
@ApiSchema({ name: 'AggregatedPlanCellDto' })
export class AggregatedCellDto {
  @ApiProperty({ description: 'the OECD step (byStep) or the theme (byTheme)' }) key: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null when suppressed' }) measures: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null when suppressed' }) companies: number | null;
  @ApiProperty({ description: 'fewer companies than the threshold: counts withheld so no company can be traced' }) suppressed: boolean;
}

export class AggregatedPlanDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'companies that submitted a plan for the year' }) companiesSubmitted: number;
  @ApiProperty() threshold: number;
  @ApiProperty({ type: [AggregatedCellDto] }) byStep: AggregatedCellDto[];
  @ApiProperty({ type: [AggregatedCellDto] }) byTheme: AggregatedCellDto[];
}

export class ListFollowUpsQueryDto {
  @ApiPropertyOptional({ description: 'only open (default) or also completed follow-ups' })
  @IsOptional()
  @IsIn(['open', 'all'])
  status?: 'open' | 'all';
}
