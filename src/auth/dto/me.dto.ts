import { ApiProperty } from '@nestjs/swagger';
import { CONSTITUENCIES, type Language, LANGUAGES, ORGANISATION_KINDS, ROLES } from '../../common/caller.js';

class MePersonDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
}

/** The party a local partner is affiliated to (named apart from the organisations routes' AffiliationDto: one schema name each). */
class MeAffiliationDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: string;
}

class MeOrganisationDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: string;
  @ApiProperty({ description: 'a party (art. 40); false for supporters, local partners and the secretariat' }) party!: boolean;
  @ApiProperty({ enum: CONSTITUENCIES, nullable: true }) constituency!: string | null;
  @ApiProperty({ type: MeAffiliationDto, nullable: true, description: 'for a local partner: the NGO or union party it is affiliated to (art. 22)' })
  affiliatedTo!: MeAffiliationDto | null;
}

/** The Kerngroep seat the signed-in person holds (named apart from the seats page's KerngroepSeatDto: one schema name each in the OpenAPI document). */
class MeKerngroepSeatDto {
  @ApiProperty({ enum: CONSTITUENCIES }) constituency!: string;
  @ApiProperty({ enum: ['fixed', 'deputy'] }) position!: 'fixed' | 'deputy';
}

class ActiveNdaDto {
  @ApiProperty() kind!: string;
  @ApiProperty() signatureId!: string;
}

class ModuleParticipationDto {
  @ApiProperty() module!: string;
  @ApiProperty() joinedAt!: string;
}

export class MeDto {
  @ApiProperty({ type: MePersonDto }) person!: MePersonDto;
  @ApiProperty({ type: MeOrganisationDto }) organisation!: MeOrganisationDto;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ type: MeKerngroepSeatDto, nullable: true }) kerngroepSeat!: MeKerngroepSeatDto | null;
  @ApiProperty({ description: 'the Kerngroep chair (art. 46: chairs, has no vote)' }) isKerngroepChair!: boolean;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ type: ActiveNdaDto, isArray: true }) activeNdas!: ActiveNdaDto[];
  @ApiProperty({ type: ModuleParticipationDto, isArray: true }) modules!: ModuleParticipationDto[];
}
