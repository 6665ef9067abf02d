import { ApiProperty } from '@nestjs/swagger';

/** Answers of the yearly-report routes (art. 33, 51; issue 14, item 8). Every figure is a protected aggregate. */
export class ProtectedCountsDto {
  @ApiProperty({ nullable: true, type: Number, description: 'null: below the threshold' }) total: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } }) counts: Record<string, number | null>;
}

export class MonitoringSpreadDto extends ProtectedCountsDto {
  @ApiProperty({ enum: ['baseline', 'year2', 'year4'] }) round: 'baseline' | 'year2' | 'year4';
}

export class PlanCellDto {
  @ApiProperty() key: string;
  @ApiProperty({ nullable: true, type: Number }) measures: number | null;
  @ApiProperty({ nullable: true, type: Number }) companies: number | null;
  @ApiProperty() suppressed: boolean;
}

export class ReportPlanDto {
  @ApiProperty() year: number;
  @ApiProperty() companiesSubmitted: number;
  @ApiProperty() threshold: number;
  @ApiProperty({ type: [PlanCellDto] }) byStep: PlanCellDto[];
  @ApiProperty({ type: [PlanCellDto] }) byTheme: PlanCellDto[];
}

export class CountryLocationsDto {
  @ApiProperty() country: string;
  @ApiProperty() locations: number;
}

export class ReportAggregatedListDto {
  @ApiProperty() published: boolean;
  @ApiProperty({ nullable: true, type: String }) sha256: string | null;
  @ApiProperty() cells: number;
  @ApiProperty({ type: [CountryLocationsDto] }) countries: CountryLocationsDto[];
}

export class ReportCasesDto {
  @ApiProperty({ type: ProtectedCountsDto }) disclosure: ProtectedCountsDto;
  @ApiProperty({ type: ProtectedCountsDto }) restriction: ProtectedCountsDto;
  @ApiProperty({ type: ProtectedCountsDto }) complaint: ProtectedCountsDto;
}

export class ReportMembershipDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byKind: Record<string, number>;
  @ApiProperty() joined: number;
  @ApiProperty() left: number;
}

export class YearlyReportContentDto {
  @ApiProperty() year: number;
  @ApiProperty() minCompanies: number;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [MonitoringSpreadDto] }) monitoring: MonitoringSpreadDto[];
  @ApiProperty({ type: ReportPlanDto }) plan: ReportPlanDto;
  @ApiProperty({ type: ReportAggregatedListDto }) aggregatedList: ReportAggregatedListDto;
  @ApiProperty({ type: ReportCasesDto }) cases: ReportCasesDto;
  @ApiProperty({ type: ReportMembershipDto }) membership: ReportMembershipDto;
}

export class YearlyReportSummaryDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'draft, submitted, published or rejected' }) status: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) generatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
}

export class YearlyReportListDto {
  @ApiProperty({ type: [YearlyReportSummaryDto] }) items: YearlyReportSummaryDto[];
}

export class YearlyReportDto extends YearlyReportSummaryDto {
  @ApiProperty({ type: YearlyReportContentDto }) content: YearlyReportContentDto;
}

export class YearlyReportSubmittedDto {
  @ApiProperty() year: number;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'the case that puts the report before the Kerngroep' }) caseId: string;
  @ApiProperty() sha256: string;
}

export class PublishedReportSummaryDto {
  @ApiProperty() year: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
}

export class PublishedReportListDto {
  @ApiProperty({ type: [PublishedReportSummaryDto] }) items: PublishedReportSummaryDto[];
}

export class PublishedReportDto extends PublishedReportSummaryDto {
  @ApiProperty({ type: YearlyReportContentDto }) content: YearlyReportContentDto;
}
