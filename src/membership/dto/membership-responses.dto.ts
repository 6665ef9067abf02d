import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Answers of the membership and accession routes (art. 69-77; issue 14, item 8). */
export class OrganisationNameDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class MemberOrganisationDto extends OrganisationNameDto {
  @ApiProperty() kind: string;
  @ApiProperty() party: boolean;
}

export class MembershipChangeDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['withdrawal', 'removal'] }) kind: 'withdrawal' | 'removal';
  @ApiProperty({ type: OrganisationNameDto }) organisation: OrganisationNameDto;
  @ApiProperty({ nullable: true, type: String }) givenAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD' }) effectiveAt: string | null;
  @ApiProperty({ description: 'YYYY-MM-DD: the end of the agreement year before the effective date (art. 75)' }) dutiesUntil: string;
  @ApiProperty() effected: boolean;
  @ApiProperty({ nullable: true, type: String }) effectedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: "YYYY-MM-DD: when the organisation's data keys are shredded" }) shredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) shreddedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiPropertyOptional() motivation?: string;
}

export class MembershipViewDto {
  @ApiProperty({ type: MemberOrganisationDto }) organisation: MemberOrganisationDto;
  @ApiProperty({ enum: ['active', 'withdrawing', 'withdrawn', 'removed'] }) status: 'active' | 'withdrawing' | 'withdrawn' | 'removed';
  @ApiProperty({ description: 'YYYY-MM-DD' }) signedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'art. 73: from when the party can give notice' }) noticePossibleFrom: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'art. 74: when a notice given today would take effect' }) effectiveIfGivenToday: string | null;
  @ApiProperty({ type: MembershipChangeDto, nullable: true }) change: MembershipChangeDto | null;
}

export class MembershipChangesDto {
  @ApiProperty({ type: [MembershipChangeDto] }) items: MembershipChangeDto[];
}

export class MembershipHeadlineDto {
  @ApiProperty({ enum: ['withdrawal', 'removal'] }) kind: 'withdrawal' | 'removal';
  @ApiProperty({ type: OrganisationNameDto }) organisation: OrganisationNameDto;
  @ApiProperty({ nullable: true, type: String }) effectiveAt: string | null;
  @ApiProperty() dutiesUntil: string;
  @ApiProperty() effected: boolean;
  @ApiPropertyOptional({ description: 'a removal: its short public explanation (art. 77)' }) explanation?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'a removal' }) decidedAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'a withdrawal' }) givenAt?: string | null;
}

export class MembershipHeadlinesDto {
  @ApiProperty({ type: [MembershipHeadlineDto] }) items: MembershipHeadlineDto[];
}

export class PublicRemovalDto {
  @ApiProperty() organisation: string;
  @ApiProperty() explanation: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) effectiveAt: string | null;
  @ApiProperty() dutiesUntil: string;
}

export class PublicRemovalsDto {
  @ApiProperty({ type: [PublicRemovalDto] }) items: PublicRemovalDto[];
}

export class ReminderViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: OrganisationNameDto }) organisation: OrganisationNameDto;
  @ApiProperty() rulingCaseId: string;
  @ApiProperty() text: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ nullable: true, type: String }) recordedBy: string | null;
}

export class ReminderRecordedDto {
  @ApiProperty() id: string;
  @ApiProperty() recordedAt: string;
}

export class RemovalProposedDto {
  @ApiProperty({ description: 'the case that puts the removal before the Kerngroep' }) caseId: string;
}

export class AccessionFiledDto {
  @ApiProperty() id: string;
  @ApiProperty() status: string;
}

export class AccessionContactDto {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() language: string;
}

export class AccessionQuestionViewDto {
  @ApiProperty() id: number;
  @ApiProperty() organisation: string;
  @ApiProperty() question: string;
  @ApiProperty() askedAt: string;
}

/** A request to join as the caller may see it: the fields of the rule that lets them read it (policies/accession-requests.yaml). */
export class AccessionViewDto {
  @ApiPropertyOptional() id?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() kind?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) country?: string | null;
  @ApiPropertyOptional({ enum: ['received', 'informed', 'approved', 'rejected'] }) status?: 'received' | 'informed' | 'approved' | 'rejected';
  @ApiPropertyOptional({ nullable: true, type: String }) motivation?: string | null;
  @ApiPropertyOptional({ description: 'a motivation letter (PDF) is on file' }) hasLetter?: boolean;
  @ApiPropertyOptional() receivedAt?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) informedAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) caseId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) organisationId?: string | null;
  @ApiPropertyOptional({ description: 'questions the parties asked' }) questions?: number;
  @ApiPropertyOptional({ type: AccessionContactDto, description: 'the secretariat and the chair only' }) contact?: AccessionContactDto;
  @ApiPropertyOptional({ enum: ['public-form', 'secretariat'] }) receivedVia?: 'public-form' | 'secretariat';
  @ApiPropertyOptional({ type: [AccessionQuestionViewDto], description: 'the secretariat and the chair only' }) questionList?: AccessionQuestionViewDto[];
}

export class AccessionListDto {
  @ApiProperty({ type: [AccessionViewDto] }) items: AccessionViewDto[];
}

export class QuestionAskedDto {
  @ApiProperty() id: number;
}
