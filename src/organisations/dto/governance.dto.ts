import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CONSTITUENCIES, type Constituency } from '../../common/caller.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date written as YYYY-MM-DD';

export class AssignSeatDto {
  @ApiProperty({ description: 'the party organisation of this constituency that holds the seat (art. 46)' })
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId: string;

  @ApiProperty({ description: "the fixed representative: one of that organisation's people (art. 47)" })
  @IsUUID('all', { message: 'must be a person id' })
  fixedPersonId: string;

  @ApiProperty({ description: "the deputy representative: another of that organisation's people (art. 47)" })
  @IsUUID('all', { message: 'must be a person id' })
  deputyPersonId: string;

  @ApiProperty({ example: '2026-01-01', description: 'from this day (Europe/Amsterdam), within the agreement term 2025-10-16 … 2029-12-31 (art. 66-67)' })
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  effectiveFrom: string;

  @ApiProperty({ description: 'the Kerngroep decision or the reason behind the change', example: 'Kerngroep meeting of 12 December 2025, item 4' })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'must not be blank' })
  decision: string;

  @ApiPropertyOptional({ enum: ['keep', 'transfer'], description: 'keep (default): open votes keep the holders they started with; transfer: they move to the new holders where the seat has not voted yet (art. 49)' })
  @IsOptional()
  @IsIn(['keep', 'transfer'], { message: 'must be keep or transfer' })
  openVotes?: 'keep' | 'transfer';
}

export class AppointChairDto {
  @ApiProperty({ description: 'the person proposed by the SER and confirmed by the Kerngroep; not of the secretariat (art. 54)' })
  @IsUUID('all', { message: 'must be a person id' })
  personId: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE })
  effectiveFrom: string;

  @ApiProperty({ description: "the SER's proposal (art. 54)", example: 'SER letter of 1 December 2025' })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'must not be blank' })
  serProposal: string;

  @ApiProperty({ description: "the Kerngroep's confirmation (art. 54)", example: 'Kerngroep meeting of 12 December 2025, item 2' })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'must not be blank' })
  kerngroepDecision: string;
}

export class ConstituencyParamDto {
  @ApiProperty({ enum: CONSTITUENCIES })
  @IsIn(CONSTITUENCIES, { message: `must be one of ${CONSTITUENCIES.join(', ')}` })
  constituency: Constituency;
}

class TermPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

class TermOrganisationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
}

export class SeatTermDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CONSTITUENCIES }) constituency: Constituency;
  @ApiProperty({ type: TermOrganisationDto }) organisation: TermOrganisationDto;
  @ApiProperty({ type: TermPersonDto }) fixed: TermPersonDto;
  @ApiProperty({ type: TermPersonDto }) deputy: TermPersonDto;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty() decision: string;
  @ApiProperty({ enum: ['keep', 'transfer'] }) openVotes: 'keep' | 'transfer';
  @ApiProperty({ description: 'the term in force today' }) inForce: boolean;
  @ApiProperty() recordedAt: string;
  @ApiPropertyOptional({ type: [String], description: 'rulings whose open vote moved to the new holders (openVotes: transfer)' })
  transferredRulings?: string[];
}

export class ChairTermDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: TermPersonDto }) person: TermPersonDto;
  @ApiProperty({ type: TermOrganisationDto }) organisation: TermOrganisationDto;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty() serProposal: string;
  @ApiProperty() kerngroepDecision: string;
  @ApiProperty() inForce: boolean;
  @ApiProperty() recordedAt: string;
}

export class KerngroepHistoryDto {
  @ApiProperty({ type: [SeatTermDto], description: 'every seat term, per constituency newest first (art. 46-47)' }) seats: SeatTermDto[];
  @ApiProperty({ type: [ChairTermDto], description: 'every chair, newest first (art. 50, 54)' }) chair: ChairTermDto[];
}
