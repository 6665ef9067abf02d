import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { type Language, LANGUAGES } from '../../../common/caller.js';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export class MeetingIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class MeetingsQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'the meetings of this calendar year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2025)
  @Max(2029)
  year?: number;
}

export class PlanMeetingDto {
  @ApiProperty({ example: '2026-03-12T13:00:00+01:00', description: 'inside the agreement period, 16 October 2025 to 31 December 2029 (art. 66-67)' })
  @IsISO8601({ strict: true })
  scheduledAt!: string;

  @ApiPropertyOptional({ example: 'SER, Den Haag' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string;
}

export class AgendaItemDto {
  @ApiProperty({ example: 'Yearly report: draft for review' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class MinutesDecisionDto {
  @ApiProperty({ example: 'Complaint about a participating company' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ example: 'Admitted; the company has three months to improve.' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  decision!: string;
}

/** Art. 48: minutes at headline level: what was decided; the fields for who voted what or why do not exist. */
export class MinutesDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;

  @ApiProperty({ type: [MinutesDecisionDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MinutesDecisionDto)
  decisions!: MinutesDecisionDto[];
}

export class AttendanceRequestDto {
  @ApiProperty({ description: 'why the requester wants to attend (art. 48: "indien nodig en gewenst")' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  motivation!: string;

  @ApiPropertyOptional({ description: 'the secretariat only, for an outsider without an account: their name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'the secretariat only: the outsider’s address, to which the chair’s answer is mailed' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'the secretariat only: the language of the answer' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ example: 'ILO country office' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  affiliation?: string;
}

export class AttendanceQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'allowed', 'refused'] })
  @IsOptional()
  @IsIn(['pending', 'allowed', 'refused'])
  state?: string;
}

export class AttendanceDecisionDto {
  @ApiProperty({ enum: ['allow', 'refuse'] })
  @IsIn(['allow', 'refuse'])
  decision!: 'allow' | 'refuse';

  @ApiPropertyOptional({ description: 'required when refusing; mailed to the requester' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}
