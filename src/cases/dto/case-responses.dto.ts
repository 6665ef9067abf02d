import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ContactPointDto, GrievanceMechanismViewDto } from '../../grievance-mechanisms/dto/grievance-mechanism-responses.dto.js';

/**
 * Answers of the case routes (issue 14, item 8). A case view is field-filtered per participant
 * (policies/cases.yaml `fields`): every field but the id, type and state is there only for whoever the rule opens it to.
 */
export class OrganisationRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class CaseScopeDto {
  @ApiPropertyOptional({ type: [String] }) countries?: string[];
  @ApiPropertyOptional({ type: [String] }) regions?: string[];
  @ApiPropertyOptional({ type: [String], example: ['Nord-Kivu'], description: 'the names of `regions`, in the same order (issue 14 item 5; a region that is no subdivision code as written)' })
  regionNames?: string[];
  @ApiPropertyOptional({ type: [String] }) rawMaterials?: string[];
  @ApiPropertyOptional({ type: [String] }) activityTypes?: string[];
  @ApiPropertyOptional() year?: number;
}

export class SponsorDto {
  @ApiProperty() constituency: string;
  @ApiProperty({ type: OrganisationRefDto, nullable: true }) organisation: OrganisationRefDto | null;
}

export class CaseRulingDto {
  @ApiProperty({ enum: ['kerngroep', 'assembly', 'decided'] }) stage: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) proposal: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) basis: string | null;
  @ApiProperty() escalated: boolean;
  @ApiProperty() openedAt: string;
  @ApiProperty({ nullable: true, type: String }) escalatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) voteDueAt: string | null;
}

export class DeadlineDto {
  @ApiProperty() kind: string;
  @ApiProperty() dueAt: string;
}

export class AccessWindowDto {
  @ApiProperty({ nullable: true, type: String }) openedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closesAt: string | null;
}

export class DeliberationSeatDto {
  @ApiProperty() seat: string;
  @ApiProperty({ nullable: true, type: String }) holderOrganisationId: string | null;
  @ApiProperty() isRecused: boolean;
  @ApiProperty() isFixedAbsent: boolean;
  @ApiProperty({ nullable: true, type: String }) substituteOrganisationId: string | null;
}

export class DeliberationVoteDto {
  @ApiProperty() stage: string;
  @ApiProperty({ nullable: true, type: String }) seat: string | null;
  @ApiProperty() organisation: string;
  @ApiProperty() person: string;
  @ApiProperty() capacity: string;
  @ApiProperty() vote: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() castAt: string;
}

export class DeliberationDto {
  @ApiProperty({ type: [DeliberationSeatDto] }) seats: DeliberationSeatDto[];
  @ApiProperty({ type: [DeliberationVoteDto] }) votes: DeliberationVoteDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) tally: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) escalationReason: string | null;
  @ApiProperty({ nullable: true, type: String }) reasons: string | null;
  @ApiProperty({ type: [String], description: 'art. 49: the seats that have not voted yet' }) notVoted: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'in the assembly: how many parties have not voted yet' }) partiesNotVoted: number | null;
  @ApiProperty({ description: 'whether the chair may close the vote now' }) closable: boolean;
}

export class TimelineActorDto {
  @ApiProperty({ nullable: true, type: String }) person: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'instead of the names the caller may not see' }) constituency?: string | null;
}

export class TimelineEventDto {
  @ApiProperty() at: string;
  @ApiProperty({ type: TimelineActorDto, nullable: true }) by: TimelineActorDto | null;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class CompanyConsentDto {
  @ApiProperty({ type: OrganisationRefDto }) company: OrganisationRefDto;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiPropertyOptional({ description: 'entries in scope' }) entries?: number;
}

/** One entry as a case shows it: the facts, and name and address where the caller may read the entry. */
export class CaseEntryDto {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ description: 'name and address are shown (the caller may read the entry)' }) identityShown?: boolean;
  @ApiProperty({ nullable: true, type: String }) supplierName: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Nord-Kivu', description: 'the ISO 3166-2 name of the region (issue 14 item 5); the region as stored when it is no subdivision code' }) regionName: string | null;
  @ApiProperty() activityType: string;
  @ApiProperty({ type: [String] }) rawMaterials: string[];
  @ApiProperty() tier: number;
}

/** The fields the requester would see of an entry, with their values (only those the answer reveals). */
export class RevealShowsDto {
  @ApiPropertyOptional({ nullable: true, type: String }) supplierName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) address?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) postcode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) city?: string | null;
  @ApiPropertyOptional() country?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) region?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Nord-Kivu', description: 'the ISO 3166-2 name of the region (issue 14 item 5); the region as stored when it is no subdivision code' }) regionName?: string | null;
  @ApiPropertyOptional() activityType?: string;
  @ApiPropertyOptional({ type: [String] }) rawMaterials?: string[];
}

export class RevealDto {
  @ApiProperty({ enum: ['full', 'region', 'country', 'counted', 'hidden'] }) level: 'full' | 'region' | 'country' | 'counted' | 'hidden';
  @ApiProperty({ type: RevealShowsDto, description: 'the fields the requester would see, with their values' }) shows: RevealShowsDto;
}

/** A restriction matter (art. 23-24): the entries to restrict and the level asked. */
export class CaseRestrictionDto {
  @ApiPropertyOptional({ type: [String] }) locationIds?: string[];
  @ApiPropertyOptional({ description: 'the level asked (art. 23-24): hidden, country or region' }) level?: string;
}

export class RevealsDto {
  @ApiProperty({ type: RevealDto }) identity: RevealDto;
  @ApiProperty({ type: RevealDto }) region: RevealDto;
  @ApiProperty({ type: RevealDto }) country: RevealDto;
  @ApiProperty({ type: RevealDto }) decline: RevealDto;
}

/** The company's own entry in a consent request: the fields the reveals name, its answer and what each answer shows. */
export class ConsentEntryDto extends RevealShowsDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: 'the answer given (null: not yet)' }) level: string | null;
  @ApiPropertyOptional() tier?: number;
  @ApiPropertyOptional() identityShown?: boolean;
  @ApiPropertyOptional() restrictionLevel?: string;
  @ApiPropertyOptional({ type: RevealsDto, description: 'what each answer would reveal' }) reveals?: RevealsDto;
}

export class MyConsentDto {
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ type: [ConsentEntryDto] }) entries: ConsentEntryDto[];
}

export class MyVoteDto {
  @ApiProperty() stage: string;
  @ApiProperty() vote: string;
  @ApiProperty() castAt: string;
}

export class CaseReportDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: [String] }) locationRefs: string[];
  @ApiProperty() description: string;
  @ApiProperty() createdAt: string;
}

export class BrokeredCompanyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() confirmed: boolean;
}

export class BrokeredEntryDto extends CaseEntryDto {
  @ApiProperty({ type: [String], description: 'the reports that concern this entry' }) reportIds: string[];
}

export class CaseMessageDto {
  @ApiProperty() id: number;
  @ApiProperty({ nullable: true, type: String }) author: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) constituency?: string | null;
  @ApiProperty() kind: string;
  @ApiProperty() body: string;
  @ApiProperty() at: string;
}

export class CaseViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'built from the type, scope and subject in the caller\'s language' }) title: string;
  @ApiProperty({ enum: ['disclosure', 'restriction', 'complaint'] }) type: string;
  @ApiProperty() state: string;
  @ApiPropertyOptional() version?: number;
  @ApiProperty({ description: 'every participant\'s field rule opens it (policies/cases.yaml)' }) createdAt: string;
  @ApiPropertyOptional() updatedAt?: string;
  @ApiPropertyOptional() grounds?: string;
  @ApiPropertyOptional({ type: CaseScopeDto, nullable: true }) scope?: CaseScopeDto | null;
  @ApiPropertyOptional({ type: CaseScopeDto, nullable: true }) approvedScope?: CaseScopeDto | null;
  @ApiPropertyOptional({ type: OrganisationRefDto, nullable: true }) requester?: OrganisationRefDto | null;
  @ApiPropertyOptional({ type: OrganisationRefDto, nullable: true }) onBehalfOf?: OrganisationRefDto | null;
  @ApiPropertyOptional({ type: SponsorDto, nullable: true }) sponsor?: SponsorDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sponsorConstituency?: string | null;
  @ApiPropertyOptional({ type: OrganisationRefDto, nullable: true }) subjectCompany?: OrganisationRefDto | null;
  @ApiPropertyOptional({ type: CaseRulingDto, nullable: true }) ruling?: CaseRulingDto | null;
  @ApiPropertyOptional({ type: [String], description: 'the steps the caller may take now' }) availableActions?: string[];
  @ApiPropertyOptional({ type: AccessWindowDto }) access?: AccessWindowDto;
  @ApiPropertyOptional({ type: DeadlineDto, nullable: true }) nextDeadline?: DeadlineDto | null;
  @ApiPropertyOptional({ type: [DeadlineDto] }) deadlines?: DeadlineDto[];
  @ApiPropertyOptional({ type: CaseRestrictionDto, description: 'a restriction matter: the entries and the level asked' }) restriction?: CaseRestrictionDto;
  @ApiPropertyOptional({ type: DeliberationDto }) deliberation?: DeliberationDto;
  @ApiPropertyOptional({ type: MyVoteDto, nullable: true }) myVote?: MyVoteDto | null;
  @ApiPropertyOptional({ type: [TimelineEventDto] }) timeline?: TimelineEventDto[];
  @ApiPropertyOptional({ type: [CompanyConsentDto] }) consents?: CompanyConsentDto[];
  @ApiPropertyOptional({ type: MyConsentDto, nullable: true }) myConsent?: MyConsentDto | null;
  @ApiPropertyOptional({ type: [CaseEntryDto] }) restrictionEntries?: CaseEntryDto[];
  @ApiPropertyOptional({ type: [CaseReportDto] }) reports?: CaseReportDto[];
  @ApiPropertyOptional({ type: [BrokeredCompanyDto] }) brokeredCompanies?: BrokeredCompanyDto[];
  @ApiPropertyOptional({ type: [BrokeredEntryDto] }) myBrokeredEntries?: BrokeredEntryDto[];
  @ApiPropertyOptional({ type: [CaseMessageDto] }) messages?: CaseMessageDto[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } }) linkedCases?: Record<string, unknown>[];
}

export class CasePageDto {
  @ApiProperty({ type: [CaseViewDto], description: 'brief views: no timeline, deliberation, messages' }) items: CaseViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class VoteResultDto {
  @ApiProperty({ description: 'recorded, escalated or decided' }) status: string;
  @ApiProperty({ nullable: true, type: String }) seat: string | null;
  @ApiProperty() capacity: string;
  @ApiPropertyOptional({ enum: ['approved', 'rejected'] }) outcome?: string;
  @ApiPropertyOptional({ enum: ['consensus', 'majority', 'assembly'] }) basis?: string;
}

export class MessagePostedDto {
  @ApiProperty() id: number;
  @ApiProperty() kind: string;
}

export class DisclosedEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['full', 'region', 'country'] }) level: string;
  @ApiProperty({ nullable: true, type: String }) supplierName: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Nord-Kivu', description: 'the ISO 3166-2 name of the region (issue 14 item 5); the region as stored when it is no subdivision code' }) regionName: string | null;
  @ApiProperty() activityType: string;
  @ApiProperty({ type: [String] }) rawMaterials: string[];
  @ApiProperty() tier: number;
  @ApiProperty({ description: "its company's data keys are shredded" }) shredded: boolean;
}

export class CountedCellDto {
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Nord-Kivu', description: 'the ISO 3166-2 name of the region (issue 14 item 5); the region as stored when it is no subdivision code' }) regionName: string | null;
  @ApiProperty() activityType: string;
  @ApiProperty() locations: number;
  @ApiProperty() companies: number;
}

export class DeclinedCountsDto {
  @ApiProperty() minCompanies: number;
  @ApiProperty({ type: [CountedCellDto] }) cells: CountedCellDto[];
}

export class DisclosedLocationsDto {
  @ApiProperty({ type: [DisclosedEntryDto], description: 'one row per supplier consented to or restricted to region or country' }) items: DisclosedEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty({ type: DeclinedCountsDto, description: 'declined and silent entries as counts (art. 19)' }) aggregated: DeclinedCountsDto;
}

export class ReviewedEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ nullable: true, type: String }) supplierName: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty() activityType: string;
  @ApiProperty() shredded: boolean;
}

export class MatchCandidateDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['proposed', 'review', 'confirmed', 'rejected'] }) status: string;
  @ApiProperty({ enum: ['identity', 'os-id', 'score'] }) method: string;
  @ApiProperty() score: number;
  @ApiProperty({ type: OrganisationRefDto }) company: OrganisationRefDto;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ type: ReviewedEntryDto, nullable: true }) reported: ReviewedEntryDto | null;
  @ApiProperty({ type: ReviewedEntryDto, nullable: true }) candidate: ReviewedEntryDto | null;
}

export class MatchThresholdsDto {
  @ApiProperty() auto: number;
  @ApiProperty() review: number;
}

export class MatchCandidatesDto {
  @ApiProperty({ type: [MatchCandidateDto] }) items: MatchCandidateDto[];
  @ApiProperty() toReview: number;
  @ApiProperty({ type: MatchThresholdsDto }) thresholds: MatchThresholdsDto;
}

export class CommitmentViewDto {
  @ApiProperty() kind: string;
  @ApiPropertyOptional() reference?: string;
}

export class AdmissibilityDeclarationDto {
  @ApiProperty() admissible: boolean;
  @ApiProperty() reason: string;
  @ApiProperty() explanation: string;
  @ApiProperty() declaredAt: string;
  @ApiProperty() declaredBy: string;
}

export class AdmissibilityPointerDto {
  @ApiProperty({ type: GrievanceMechanismViewDto, nullable: true }) grievanceMechanism: GrievanceMechanismViewDto | null;
  @ApiProperty({ type: ContactPointDto }) nationalContactPoint: ContactPointDto;
}

export class AdmissibilityViewDto {
  @ApiProperty() caseId: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: CommitmentViewDto, nullable: true }) commitment: CommitmentViewDto | null;
  @ApiProperty({ type: AdmissibilityDeclarationDto, nullable: true }) declared: AdmissibilityDeclarationDto | null;
  @ApiProperty({ type: AdmissibilityPointerDto, nullable: true, description: 'not admissible: where the complainant can go instead (art. 85-86)' })
  pointer: AdmissibilityPointerDto | null;
}
