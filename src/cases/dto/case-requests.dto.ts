import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CONSTITUENCIES } from '../../common/caller.js';
import { VOTE_CHOICES } from '../../kerngroep/decision-rule.js';
import { ACTIVITY_TYPES } from '../../production-locations/location.types.js';
import { CONSENT_ENTRY_LEVELS, RESTRICTION_LEVELS } from '../disclosure-level.js';
import { ALL_CASE_STATES, CASE_TYPES, FILED_CASE_TYPES } from '../state-machines.js';

/** The scope of an art. 22 request (DOMAIN.md step 1): countries/regions, raw materials, activity types. */
export class DisclosureScopeDto {
  @ApiPropertyOptional({ example: ['CD'], description: 'ISO 3166-1 alpha-2 codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each value must be an ISO 3166-1 alpha-2 code in capitals' })
  countries?: string[];

  @ApiPropertyOptional({ example: ['Kivu'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  regions?: string[];

  @ApiPropertyOptional({ example: ['cobalt'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  rawMaterials?: string[];

  @ApiPropertyOptional({ enum: ACTIVITY_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ACTIVITY_TYPES, { each: true })
  activityTypes?: string[];

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** Art. 83: the commitments a complaint about lack of progress can be about. */
export const COMMITMENT_KINDS = ['monitoring-section', 'plan-of-action', 'production-location-list', 'kerngroep-ruling'] as const;

export class CommitmentDto {
  @ApiProperty({ enum: COMMITMENT_KINDS, description: 'a monitoring section (art. 9-11), the plan of action (art. 12), the yearly list (art. 17-18) or a Kerngroep ruling' })
  @IsIn(COMMITMENT_KINDS)
  kind!: string;

  @ApiPropertyOptional({ description: 'which one: e.g. the round and OECD step, the year, or the ruling case id' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string;
}

export class CreateCaseDto {
  @ApiProperty({ enum: FILED_CASE_TYPES })
  @IsIn(FILED_CASE_TYPES)
  type!: string;

  @ApiProperty({ description: 'art. 22: the risk or violation found; art. 23: the substantiation (without the competition-sensitive details); art. 83: the lack of progress' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  grounds!: string;

  @ApiPropertyOptional({ type: DisclosureScopeDto, description: 'disclosure only' })
  @ValidateIf((o: CreateCaseDto) => o.type === 'disclosure' || o.scope !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => DisclosureScopeDto)
  scope?: DisclosureScopeDto;

  @ApiPropertyOptional({ description: 'disclosure filed by an NGO or union party: the local partner it files for (art. 22)' })
  @IsOptional()
  @IsUUID()
  onBehalfOf?: string;

  @ApiPropertyOptional({ description: 'restriction only: the production-location entries to restrict (art. 23)' })
  @ValidateIf((o: CreateCaseDto) => o.type === 'restriction' || o.locationIds !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  locationIds?: string[];

  @ApiPropertyOptional({ enum: RESTRICTION_LEVELS, description: 'restriction only: the level asked for (art. 23-24)' })
  @ValidateIf((o: CreateCaseDto) => o.type === 'restriction' || o.level !== undefined)
  @IsIn(RESTRICTION_LEVELS)
  level?: string;

  @ApiPropertyOptional({ description: 'complaint only: the participating company the complaint is about (art. 83)' })
  @ValidateIf((o: CreateCaseDto) => o.type === 'complaint' || o.companyId !== undefined)
  @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ type: CommitmentDto, description: 'complaint only: the commitment the company lacks progress on (art. 83)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CommitmentDto)
  commitment?: CommitmentDto;
}

export class TransitionDto {
  @ApiProperty({ description: 'a case action (e.g. open-access, confirm-brokering, close-resolved) or a chair action (record-absence, appoint-substitute, propose, close-vote)' })
  @IsString()
  @Matches(/^[a-z]+(-[a-z]+)*$/)
  @MaxLength(50)
  action!: string;

  @ApiPropertyOptional({ description: 'the version of the case you saw; a stale version answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ enum: CONSTITUENCIES })
  @IsOptional()
  @IsIn(CONSTITUENCIES)
  seat?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  absent?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'propose: disclosure {scope}, restriction {level}, complaint {improvementPeriodDays}' })
  @IsOptional()
  @IsObject()
  proposal?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reasons?: string;

  @ApiPropertyOptional({ description: 'confirm-brokering: the one company found for a reported supplier that the secretariat confirms (art. 22: one at a time)' })
  @IsOptional()
  @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ description: 'close-joint-project: other cases the joint project covers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  linkedCaseIds?: string[];
}

export class VoteDto {
  @ApiProperty({ enum: VOTE_CHOICES })
  @IsIn(VOTE_CHOICES)
  vote!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ConsentLocationDto {
  @ApiProperty()
  @IsUUID()
  id!: string;

  @ApiProperty({ enum: CONSENT_ENTRY_LEVELS, description: 'identity: supplier identity and location; region or country only; decline' })
  @IsIn(CONSENT_ENTRY_LEVELS)
  level!: string;
}

export class ConsentDto {
  @ApiProperty({ enum: ['approve', 'restrict', 'decline'], description: 'approve every entry, decline every entry, or restrict: answer per entry (the entries not listed are approved)' })
  @IsIn(['approve', 'restrict', 'decline'])
  decision!: string;

  @ApiPropertyOptional({ type: [ConsentLocationDto], description: 'restrict: per entry, identity, region, country or decline' })
  @ValidateIf((o: ConsentDto) => o.decision === 'restrict' || o.locations !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => ConsentLocationDto)
  locations?: ConsentLocationDto[];
}

export class ReportDto {
  @ApiProperty({ description: 'ids of the disclosed entries where risks were found' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  locationRefs!: string[];

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  description!: string;
}

export class MessageDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  body!: string;

  @ApiPropertyOptional({ enum: ['message', 'agreed-action'] })
  @IsOptional()
  @IsIn(['message', 'agreed-action'])
  kind?: string;
}

export class ListCasesQueryDto {
  @ApiPropertyOptional({ enum: CASE_TYPES })
  @IsOptional()
  @IsIn(CASE_TYPES)
  type?: string;

  @ApiPropertyOptional({ enum: ALL_CASE_STATES, description: 'only cases in this state (issue 14: case lists filter on the server)' })
  @IsOptional()
  @IsIn(ALL_CASE_STATES, { message: `must be one of ${ALL_CASE_STATES.join(', ')}` })
  state?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'], description: 'open: not in a final state; closed: in one' })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

/** The secretariat's decision on one supplier match (issue 16, art. 22 step 7). */
export class MatchDecisionDto {
  @ApiProperty({ enum: ['confirm', 'reject'] })
  @IsIn(['confirm', 'reject'])
  decision!: 'confirm' | 'reject';

  @ApiProperty({ description: 'why the entries are (or are not) the same supplier; kept with the decision', minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
