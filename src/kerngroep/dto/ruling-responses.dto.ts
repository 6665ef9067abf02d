import { ApiProperty } from '@nestjs/swagger';

/** Headline minutes of a ruling (art. 48): what every party sees. No votes, no names, no reasons. */
export class RulingHeadlineDto {
  @ApiProperty() caseId: string;
  @ApiProperty({ description: 'the case type' }) type: string;
  @ApiProperty({ enum: ['kerngroep', 'assembly', 'decided'] }) stage: 'kerngroep' | 'assembly' | 'decided';
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what the Kerngroep rules on' }) proposal: Record<string, unknown>;
  @ApiProperty({ enum: ['approved', 'rejected'], nullable: true, type: String }) outcome: 'approved' | 'rejected' | null;
  @ApiProperty({ enum: ['consensus', 'majority', 'assembly'], nullable: true, type: String }) basis: 'consensus' | 'majority' | 'assembly' | null;
  @ApiProperty() escalated: boolean;
  @ApiProperty() openedAt: string;
  @ApiProperty({ nullable: true, type: String }) escalatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: "when the current stage's vote closes (art. 49; null once decided)" }) voteDueAt: string | null;
}

export class RulingHeadlinesDto {
  @ApiProperty({ type: [RulingHeadlineDto] }) items: RulingHeadlineDto[];
}
