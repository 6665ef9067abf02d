import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export class WithdrawalNoticeDto {
  @ApiProperty({ description: 'the reasons for the notice (art. 73: "met redenen omkleed")' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  motivation!: string;

  @ApiPropertyOptional({ example: '2028-01-01', description: 'a later 1 January than the earliest the agreement allows (art. 74)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  effectiveAt?: string;
}

export class ReminderDto {
  @ApiProperty()
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ description: 'the case whose Kerngroep ruling the party does not follow (art. 76)' })
  @IsUUID()
  rulingCaseId!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text!: string;
}

export class RemovalDto {
  @ApiProperty()
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ description: 'the reminder recorded first (art. 76)' })
  @IsUUID()
  reminderId!: string;

  @ApiProperty({ description: 'the short explanation made public with the removal (art. 77)' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  explanation!: string;
}
