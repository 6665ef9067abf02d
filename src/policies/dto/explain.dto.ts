import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';

export class ExplainQueryDto {
  @ApiProperty({ example: 'read' })
  @IsString()
  @Matches(/^[a-z]+(-[a-z]+)*(:[a-z]+(-[a-z]+)*)?$/, { message: 'must be an action name such as read, read-key or transition:open-access' })
  action: string;

  @ApiProperty({ example: 'MonitoringResult' })
  @IsString()
  @Matches(/^[A-Z][A-Za-z]+$/, { message: 'must be a subject name such as MonitoringResult' })
  subject: string;

  @ApiPropertyOptional({ description: 'the id of one record (a UUID)', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a record id (a UUID)' })
  id?: string;
}

export class DecisionDto {
  @ApiProperty({ example: 'monitoring-results.yaml' }) policy: string;
  @ApiProperty({ example: 'cso-reads-risk-and-plan' }) rule: string;
  @ApiProperty({ example: '13' }) article: string;
}

export class ExplanationDto {
  @ApiProperty() allowed: boolean;
  @ApiProperty({ type: [DecisionDto] }) decidedBy: DecisionDto[];
  @ApiProperty({ type: [String], example: ['nda:cso-monitoring'] }) missing: string[];
}
