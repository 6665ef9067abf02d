import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ACTIVITY_TYPES } from '../../production-locations/location.types.js';
import { YearQueryDto } from '../../production-locations/dto/location.dto.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The page's filters on the published list (issue 14, item 5). */
export class AggregatedListQueryDto extends YearQueryDto {
  @ApiPropertyOptional({ example: 'CD' })
  @IsOptional()
  @Transform(trimmed)
  @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter country code such as CD' })
  country?: string;

  @ApiPropertyOptional({ example: 'CD-NK' })
  @IsOptional()
  @Transform(trimmed)
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { message: 'must be a region code such as CD-NK' })
  region?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IsOptional()
  @Transform(trimmed)
  @IsIn(ACTIVITY_TYPES, { message: `must be one of ${ACTIVITY_TYPES.join(', ')}` })
  activityType?: string;

  @ApiPropertyOptional({ example: 'cobalt' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(40, { message: 'must be at most 40 characters' })
  material?: string;
}

export class AggregatedListExportQueryDto extends AggregatedListQueryDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'], { message: 'must be csv or xlsx' })
  format: 'csv' | 'xlsx';
}

export class PublishListDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'must be a whole year such as 2026' })
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ type: [String], example: ['CD/mining/CD-NK/*'], description: 'cells to withhold (complementary suppression), by the ids a refusal names' })
  @IsOptional()
  @IsArray({ message: 'must be a list of cell ids' })
  @ArrayMaxSize(1000)
  @IsString({ each: true, message: 'must be cell ids such as CD/mining/CD-NK/*' })
  @MaxLength(120, { each: true })
  withhold?: string[];
}

export class AggregatedCellDto {
  @ApiProperty({ example: 'CD' }) country: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'CD-NK', description: 'null: the whole country (small regions are generalised into it)' })
  region: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Nord-Kivu', description: 'the region\'s ISO 3166-2 name' })
  regionName: string | null;
  @ApiProperty({ example: 'mining' }) activityType: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'cobalt', description: 'null: all raw materials' })
  material: string | null;
  @ApiProperty({ description: 'number of production locations' }) locations: number;
  @ApiProperty({ description: 'number of distinct companies (never below minCompanies)' }) companies: number;
}

export class SuppressionDto {
  @ApiProperty() method: string;
  @ApiProperty({ description: 'cells the secretariat withheld against differencing (how many, never which)' }) withheldCells: number;
  @ApiProperty({ description: 'cells of the computation not published' }) hiddenCells: number;
}

export class PublishedListDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'k: cells supported by fewer companies are generalised or suppressed' }) minCompanies: number;
  @ApiProperty() publishedAt: string;
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of {year, minCompanies, cells}' }) sha256: string;
  @ApiProperty({ type: SuppressionDto }) suppression: SuppressionDto;
  @ApiProperty({ type: [AggregatedCellDto] }) cells: AggregatedCellDto[];
}

/** One published version (GET /aggregated-list/versions; issue 14, item 8). */
export class PublishedVersionDto {
  @ApiProperty() year: number;
  @ApiProperty() minCompanies: number;
  @ApiProperty() sha256: string;
  @ApiProperty() publishedAt: string;
  @ApiProperty({ description: 'number of cells' }) cells: number;
  @ApiProperty({ type: SuppressionDto }) suppression: SuppressionDto;
}

export class PublishedVersionsDto {
  @ApiProperty({ type: [PublishedVersionDto] }) items: PublishedVersionDto[];
}

export class DerivableCellDto {
  @ApiProperty() cell: string;
  @ApiProperty({ description: 'the published version it can be differenced against' }) against: number;
  @ApiProperty({ description: 'how many companies the difference comes from (1 ≤ n < k)' }) companies: number;
}

/** The secretariat's preview of a year's list before it publishes it (art. 19). */
export class AggregatedPreviewDto {
  @ApiProperty() year: number;
  @ApiProperty() minCompanies: number;
  @ApiProperty({ type: [AggregatedCellDto] }) cells: AggregatedCellDto[];
  @ApiProperty({ type: [DerivableCellDto], description: 'cells differencing against a published version would reveal' }) derivable: DerivableCellDto[];
  @ApiProperty({ description: 'the year has a published version' }) published: boolean;
}
