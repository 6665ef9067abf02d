import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CONSTITUENCIES, type Constituency, ORGANISATION_KINDS, type OrganisationKind } from '../../common/caller.js';

export class AffiliationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
}

export class OrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ enum: CONSTITUENCIES, nullable: true, description: 'the geleding (art. 46); a local partner takes that of its party' })
  constituency: Constituency | null;
  @ApiProperty({ description: 'a party (art. 40a); false for supporters (art. 40b), local partners and the secretariat' })
  party: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'ISO 3166-1 alpha-2' }) country: string | null;
  @ApiProperty({ enum: ['active', 'withdrawing', 'withdrawn', 'removed'], description: 'membership (art. 73-77)' }) status: string;
  @ApiProperty({ type: AffiliationDto, nullable: true, description: 'for a local partner: the NGO or union party it is affiliated to (art. 22)' })
  affiliatedTo: AffiliationDto | null;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class RegisterOrganisationDto {
  @ApiProperty({ example: 'Stichting Eerlijk Metaal' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @ApiPropertyOptional({ description: 'lowercase words joined by hyphens; derived from the name when absent', example: 'eerlijk-metaal' })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  @Matches(SLUG, { message: 'must be lowercase letters and digits in words joined by single hyphens' })
  slug?: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS, { message: `must be one of ${ORGANISATION_KINDS.join(', ')}` })
  kind: OrganisationKind;

  @ApiPropertyOptional({ description: 'follows from the kind (art. 40); when given it must agree' })
  @IsOptional()
  @IsBoolean()
  party?: boolean;

  @ApiPropertyOptional({ enum: CONSTITUENCIES, description: 'follows from the kind (art. 46); when given it must agree' })
  @IsOptional()
  @IsIn(CONSTITUENCIES, { message: `must be one of ${CONSTITUENCIES.join(', ')}` })
  constituency?: Constituency;

  @ApiPropertyOptional({ description: 'for a local partner: the id of the NGO or union party it is affiliated to (art. 22)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an organisation id' })
  affiliatedTo?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2, e.g. NL, CD', example: 'NL' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter ISO country code in capitals' })
  country?: string;
}
