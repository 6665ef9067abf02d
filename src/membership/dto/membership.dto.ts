import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGES } from '../../common/caller.js';
import { IsBase64, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

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

export class AccessionRequestDto {
  @ApiProperty({ example: 'Stichting Eerlijk Metaal' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ['company', 'ngo', 'union', 'branch_org', 'supporter'], description: 'decides party or supporter (art. 40)' })
  @IsIn(['company', 'ngo', 'union', 'branch_org', 'supporter'])
  kind!: string;

  @ApiPropertyOptional({ example: 'NL' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in capitals' })
  country?: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  contactName!: string;

  @ApiProperty()
  @IsEmail()
  @MaxLength(200)
  contactEmail!: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'the language of the mail to the contact (issue 14: also fr, es)' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: string;

  @ApiPropertyOptional({ description: 'the motivation letter (art. 70) as text; or give motivationPdf' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  motivation?: string;

  @ApiPropertyOptional({ description: 'the motivation letter as a PDF, base64 (at most 700 KiB)' })
  @IsOptional()
  @IsBase64()
  @MaxLength(1_000_000)
  motivationPdf?: string;
}

export class AccessionQuestionDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  question!: string;
}
