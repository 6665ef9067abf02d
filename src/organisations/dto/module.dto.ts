import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../common/caller.js';
import { MODULE_KINDS, type ModuleKind } from '../modules/module-rules.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date written as YYYY-MM-DD';

export class CreateModuleDto {
  @ApiProperty({ enum: MODULE_KINDS, description: 'art. 13 footnote 4: sector, knowledge, practice or risk module' })
  @IsIn(MODULE_KINDS, { message: `must be one of ${MODULE_KINDS.join(', ')} (art. 13, footnote 4)` })
  kind: ModuleKind;

  @ApiProperty({ example: 'Sectormodule Metaal' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @ApiPropertyOptional({ description: 'lowercase words joined by hyphens; derived from the name when absent', example: 'sector-metaal' })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lowercase letters and digits in words joined by single hyphens' })
  slug?: string;

  @ApiProperty({ example: '2025-10-16', description: 'within the agreement term 2025-10-16 … 2029-12-31 (art. 66-67)' })
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  startsOn: string;

  @ApiPropertyOptional({ example: '2029-12-31', description: 'absent: runs to the end of the agreement' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  endsOn?: string;
}

export class EnrolDto {
  @ApiProperty({ description: 'the organisation that takes part' })
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId: string;
}

class ParticipantOrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
}

export class ParticipationDto {
  @ApiProperty({ type: ParticipantOrganisationDto }) organisation: ParticipantOrganisationDto;
  @ApiProperty() joinedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'removed at; null while taking part' }) leftAt: string | null;
}

export class ModuleDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: MODULE_KINDS }) kind: ModuleKind;
  @ApiProperty() name: string;
  @ApiProperty() startsOn: string;
  @ApiProperty({ nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({ description: "today lies in the module's period: its participants count as taking part (art. 13)" }) running: boolean;
  @ApiProperty({ type: [ParticipationDto], description: 'current participants; with ?history on the single read, every participation' })
  participants: ParticipationDto[];
}
