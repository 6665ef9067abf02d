import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ACTIVITY_TYPES } from '../location.types.js';

export class YearQueryDto {
  @ApiProperty({ example: 2026, description: 'the list year' })
  @Type(() => Number)
  @IsInt({ message: 'must be a whole year such as 2026' })
  @Min(2000)
  @Max(2100)
  year: number;
}

export class UploadQueryDto extends YearQueryDto {
  @ApiPropertyOptional({ description: 'secretariat only: the company the list belongs to (default: your own organisation)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId?: string;

  @ApiPropertyOptional({ description: 'a new UUID the page picked for this upload: poll GET uploads/progress/{id} for the rows checked (issue 14 item 4)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID picked for this upload' })
  progress?: string;
}

/** How far the server has got with an upload (issue 14 item 4). */
export class UploadProgressDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['preview', 'upload'] }) kind: 'preview' | 'upload';
  @ApiProperty({ enum: ['checking', 'storing', 'done', 'refused'] }) phase: 'checking' | 'storing' | 'done' | 'refused';
  @ApiProperty({ description: 'data rows checked so far' }) checked: number;
  @ApiProperty({ type: Number, nullable: true, description: 'the rows the file declares (an estimate until the end; null when it does not say)' }) total: number | null;
  @ApiProperty() updatedAt: string;
}

/** Upload: optionally the list the person saw the changes against (the preview's `current.listId`, or `none`). */
export class UploadReplaceQueryDto extends UploadQueryDto {
  @ApiPropertyOptional({ description: 'the current list id the replacement was previewed against, or "none" for a first list; another current list → 409' })
  @IsOptional()
  @Matches(/^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'must be a list id or "none"' })
  replaces?: string;
}

export class ListLocationsQueryDto extends UploadQueryDto {
  @ApiPropertyOptional({ description: 'secretariat only: an earlier (superseded) revision of a list' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a list id' })
  listId?: string;

  @ApiPropertyOptional({ default: 1, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'only entries in this country (ISO 3166-1 alpha-2); filtered on the server (issue 14)' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter country code such as CD' })
  country?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IsOptional()
  @IsIn(ACTIVITY_TYPES, { message: `must be one of ${ACTIVITY_TYPES.join(', ')}` })
  activityType?: string;

  @ApiPropertyOptional({ description: 'only entries listing this raw material' })
  @IsOptional()
  @Matches(/^[a-z][a-z ]{1,39}$/, { message: 'must be a raw material such as cobalt' })
  rawMaterial?: string;
}

export class ListsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId?: string;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';

  @ApiPropertyOptional({ enum: ['en', 'nl'], default: 'en' })
  @IsOptional()
  @IsIn(['en', 'nl'])
  language?: 'en' | 'nl';
}

/** Export of a year's list (issue 14 item 5): the list page's filters, a format and the header language. */
export class ExportLocationsQueryDto extends ListLocationsQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';

  @ApiPropertyOptional({ enum: ['en', 'nl'], default: 'en' })
  @IsOptional()
  @IsIn(['en', 'nl'])
  language?: 'en' | 'nl';
}

export class UploadResultDto {
  @ApiProperty() accepted: number;
  @ApiProperty() listId: string;
  @ApiProperty() year: number;
  @ApiProperty() revision: number;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty({
    type: () => [DuplicateWarningDto],
    description: 'rows of this list that look like the same supplier (issue 16 item 5); the list is accepted, the company may merge them',
  })
  warnings: DuplicateWarningDto[];
}

export class DuplicateWarningDto {
  @ApiProperty({ type: [Number], example: [3, 7], description: '1-based data rows (the first row after the header is 1)' }) rows: number[];
  @ApiProperty({ example: 'rows 3, 7 look like the same supplier' }) problem: string;
}

export class LocationDto {
  @ApiProperty() id: string;
  @ApiProperty() listId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() year: number;
  @ApiProperty() isCurrent: boolean;
  @ApiProperty() rowNumber: number;
  @ApiProperty({ nullable: true, type: String }) supplierName: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ example: 'CD' }) country: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Lualaba', description: 'the ISO 3166-2 name of the region; the region as stored when it is no subdivision code' })
  regionName: string | null;
  @ApiProperty() activityType: string;
  @ApiProperty({ type: [String] }) rawMaterials: string[];
  @ApiProperty({ enum: [1, 2, 3], description: '3 means 3+' }) tier: number;
  @ApiProperty({ enum: ['none', 'region', 'country', 'hidden'] }) restrictionLevel: string;
  @ApiProperty({ nullable: true, type: String, description: 'competition-sensitive (art. 22-23)' }) volume: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'competition-sensitive (art. 22-23)' }) contractNotes: string | null;
  @ApiProperty({ description: 'the company was crypto-shredded (art. 73-77): NAW is gone' }) shredded: boolean;
}

export class LocationPageDto {
  @ApiProperty({ type: [LocationDto] }) items: LocationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ListDto {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() year: number;
  @ApiProperty() revision: number;
  @ApiProperty() isCurrent: boolean;
  @ApiProperty() entryCount: number;
  @ApiProperty() sourceFormat: string;
  @ApiProperty() uploadedAt: string;
  @ApiProperty({ nullable: true, type: String }) supersededAt: string | null;
}
