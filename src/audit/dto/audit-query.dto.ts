import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { AuditCheckpointSummaryDto, ContradictedCheckpointDto } from './audit-checkpoint.dto.js';
import { IsIn, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** The filters of the audit-log page, shared by `GET /api/v1/audit` and its export. */
export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'exact action, e.g. auth.login' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  objectType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  objectId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorOrganisationId?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 time, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

}

/** Filters of `GET /api/v1/audit`; newest first, keyset-paged by `before` (the `nextCursor` of the previous page). */
export class AuditQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ description: 'cursor: only entries with a lower seq (nextCursor of the previous page)' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'must be a positive whole number' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** `GET /api/v1/audit/export`: the page's filters, the file format and the language of its header (issue 14, item 5). */
export class AuditExportQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';

  @ApiPropertyOptional({ enum: ['en', 'nl'], default: 'en', description: 'language of the header row' })
  @IsOptional()
  @IsIn(['en', 'nl'])
  language?: 'en' | 'nl';
}

export class AuditActorDto {
  @ApiProperty({ nullable: true, type: String })
  personId!: string | null;
  @ApiProperty({ nullable: true, type: String })
  organisationId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the person\'s name; null when the id names no person' })
  personName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the organisation\'s name' })
  organisationName!: string | null;
}

export class AuditObjectDto {
  @ApiProperty() type!: string;
  @ApiProperty() id!: string;
}

export class AuditEntryDto {
  @ApiProperty() seq!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: AuditActorDto, nullable: true, description: 'null for the system itself or an anonymous caller' }) actor!: AuditActorDto | null;
  @ApiProperty() action!: string;
  @ApiProperty({ type: AuditObjectDto, nullable: true }) object!: { type: string; id: string } | null;
  @ApiProperty({ type: AuditObjectDto, nullable: true, description: 'the grant the read was made under' }) grant!: { type: string; id: string } | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty() hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  /** pass as `before` to get the next (older) page; null on the last page */
  @ApiProperty({ nullable: true, type: String, description: 'pass as `before` to get the next (older) page; null on the last page' }) nextCursor!: string | null;
}

export class AuditChainProblemDto {
  /** the first broken entry (or where the log ended, for a checkpoint beyond its end) */
  @ApiProperty({ description: 'the first broken entry (or where the log ended)' }) seq!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ type: ContradictedCheckpointDto, description: 'the first signed checkpoint the chain contradicts' })
  checkpoint?: ContradictedCheckpointDto;
}

/** The result of recomputing the whole chain (`GET /api/v1/audit/verification`, as `npm run cli -- verify-audit`). */
export class AuditVerificationDto {
  @ApiProperty() ok!: boolean;
  /** entries checked and found intact */
  @ApiProperty({ description: 'entries checked and found intact' }) count!: number;
  @ApiPropertyOptional({ type: AuditChainProblemDto }) problem?: AuditChainProblemDto;
  /** the chain is also checked against every stored signed checkpoint (issue 12, item 7) */
  @ApiPropertyOptional({ type: AuditCheckpointSummaryDto, description: 'the chain checked against every stored signed checkpoint' }) checkpoints?: AuditCheckpointSummaryDto;
  @ApiProperty() checkedAt!: string;
}
