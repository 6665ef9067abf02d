import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { GrievanceMechanismsService } from './grievance-mechanisms.service.js';
import { GrievanceMechanismReadDto, GrievanceMechanismViewDto } from './dto/grievance-mechanism-responses.dto.js';

export class GrievanceMechanismDto {
  @ApiProperty({ description: 'how third parties can file a complaint with the company (art. 85)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description!: string;

  @ApiPropertyOptional({ example: 'https://example.com/grievances' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) address' })
  url?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;
}

/** Art. 85: each company's own grievance mechanism, recorded in its profile and visible to every party. */
@ApiTags('organisations')
@Controller('api/v1/organisations/:id/grievance-mechanism')
export class GrievanceMechanismsController {
  constructor(private readonly mechanisms: GrievanceMechanismsService) {}

  @Get()
  @Policy('read', 'GrievanceMechanism')
  @ApiOkResponse({ type: GrievanceMechanismReadDto })
  read(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<GrievanceMechanismReadDto> {
    return this.mechanisms.read(caller, id);
  }

  @Put()
  @Policy('update', 'GrievanceMechanism')
  @ApiOkResponse({ type: GrievanceMechanismViewDto })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: GrievanceMechanismDto): Promise<GrievanceMechanismViewDto> {
    return this.mechanisms.update(caller, id, body);
  }
}
