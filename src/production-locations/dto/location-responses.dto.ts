import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';

/** Answers of the production-location, region-request and CSO-expertise routes (issue 14, item 8). */
export class SummaryEntryDto {
  @ApiPropertyOptional({ description: 'the current entry (removed or changed ones)' }) id?: string;
  @ApiProperty({ description: 'the row in the file (0 for a removed entry)' }) row: number;
  @ApiProperty({ nullable: true, type: String }) supplierName: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty() activityType: string;
  @ApiProperty({ type: [String] }) rawMaterials: string[];
}

export class FieldChangeDto {
  @ApiProperty() field: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }], nullable: true, description: 'the current value (null when empty)' })
  from: unknown;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }], nullable: true, description: 'the value in the file (null when empty)' })
  to: unknown;
}

export class ChangedEntryDto extends SummaryEntryDto {
  @ApiProperty({ type: [FieldChangeDto] }) fields: FieldChangeDto[];
}

export class CurrentListDto {
  @ApiProperty({ description: 'pass it as `replaces` on the upload' }) listId: string;
  @ApiProperty() revision: number;
  @ApiProperty() entries: number;
}

export class ReplacementCountsDto {
  @ApiProperty() added: number;
  @ApiProperty() removed: number;
  @ApiProperty() changed: number;
  @ApiProperty() unchanged: number;
}

export class ReplacementPreviewDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: CurrentListDto, nullable: true, description: 'null: a first list (upload with replaces=none)' }) current: CurrentListDto | null;
  @ApiProperty({ description: 'entries in the file' }) incoming: number;
  @ApiProperty({ type: ReplacementCountsDto }) counts: ReplacementCountsDto;
  @ApiProperty({ type: [SummaryEntryDto], description: 'at most 200; the counts are complete' }) added: SummaryEntryDto[];
  @ApiProperty({ type: [SummaryEntryDto], description: 'at most 200' }) removed: SummaryEntryDto[];
  @ApiProperty({ type: [ChangedEntryDto], description: 'at most 200' }) changed: ChangedEntryDto[];
}

export class NamedOrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class RegionRequestDto {
  @ApiProperty() id: string;
  @ApiProperty() requesterOrganisationId: string;
  @ApiProperty() requesterName: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
  @ApiProperty({ enum: ['submitted', 'released', 'declined'] }) status: 'submitted' | 'released' | 'declined';
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty({ type: [NamedOrganisationDto], nullable: true, description: 'once released: the companies active there, names only (art. 21)' })
  companies: NamedOrganisationDto[] | null;
  @ApiPropertyOptional({ type: [NamedOrganisationDto], description: 'secretariat only, while submitted: what releasing now would answer' })
  candidates?: NamedOrganisationDto[];
}

export class CsoExpertiseDto {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() organisationKind: string;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ type: [String] }) rawMaterials: string[];
  @ApiProperty() description: string;
  @ApiProperty() updatedAt: string;
}

/** One request in the list (its companies only on the request itself). */
export class RegionRequestSummaryDto extends OmitType(RegionRequestDto, ['companies'] as const) {}
