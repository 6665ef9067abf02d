import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';

const COUNTRY = /^[A-Z]{2}$/;

export class CreateRegionRequestDto {
  @ApiProperty({ example: ['CD'], description: 'ISO 3166-1 alpha-2 country codes' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(COUNTRY, { each: true, message: 'must be ISO 3166-1 alpha-2 country codes such as CD' })
  countries: string[];

  @ApiPropertyOptional({ example: ['CD-NK'], description: 'subdivision codes or region names; an entry matches its country or its region' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  regions?: string[];

  @ApiPropertyOptional({ description: 'the list year (default: this year)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'why the CSO asks (e.g. a collective project), for the secretariat' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  purpose?: string;
}

export class AnswerRegionRequestDto {
  @ApiProperty({ enum: ['release', 'decline'] })
  @IsIn(['release', 'decline'])
  decision: 'release' | 'decline';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CsoExpertiseEntryDto {
  @ApiProperty({ example: 'CD' })
  @Matches(COUNTRY, { message: 'must be an ISO 3166-1 alpha-2 country code such as CD' })
  country: string;

  @ApiPropertyOptional({ example: 'CD-NK', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string | null;

  @ApiProperty({ example: ['cobalt', 'tin'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  rawMaterials: string[];

  @ApiProperty({ example: 'Network of local monitors in North Kivu' })
  @IsString()
  @Length(1, 2000)
  description: string;
}

export class ReplaceCsoExpertiseDto {
  @ApiProperty({ type: [CsoExpertiseEntryDto] })
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CsoExpertiseEntryDto)
  entries: CsoExpertiseEntryDto[];
}

export class CsoExpertiseQueryDto {
  @ApiPropertyOptional({ example: 'CD' })
  @IsOptional()
  @Matches(COUNTRY, { message: 'must be an ISO 3166-1 alpha-2 country code such as CD' })
  country?: string;

  @ApiPropertyOptional({ example: 'cobalt' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  material?: string;
}
