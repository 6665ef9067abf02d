import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NATIONAL_CONTACT_POINT } from '../grievance-mechanisms.service.js';

/** Answers of the grievance-mechanism routes (art. 85-86; issue 14, item 8). */
export class CompanyRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ContactPointDto {
  @ApiProperty({ example: NATIONAL_CONTACT_POINT.name }) name: string;
  @ApiProperty({ example: NATIONAL_CONTACT_POINT.url }) url: string;
  @ApiProperty({ example: NATIONAL_CONTACT_POINT.article }) article: string;
}

export class GrievanceMechanismViewDto {
  @ApiProperty({ type: CompanyRefDto }) organisation: CompanyRefDto;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
  @ApiProperty() updatedAt: string;
}

/** What a party reads: the company's mechanism (description null when it recorded none) and the NCP (art. 86). */
export class GrievanceMechanismReadDto {
  @ApiProperty({ type: CompanyRefDto }) organisation: CompanyRefDto;
  @ApiProperty({ nullable: true, type: String, description: 'null: the company has recorded none yet' }) description: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) url?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) contact?: string | null;
  @ApiPropertyOptional() updatedAt?: string;
  @ApiProperty({ type: ContactPointDto }) nationalContactPoint: ContactPointDto;
}
