import { Body, Controller, Get, HttpCode, Param, type PipeTransform, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { NotFound } from '../common/errors.js';
import { Policy } from '../policies/policy.decorator.js';
import { ADMISSIBILITY_REASONS, ComplaintAdmissibility } from './complaint-admissibility.js';
import { CommitmentDto } from './dto/case-requests.dto.js';
import { AdmissibilityViewDto } from './dto/case-responses.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid: PipeTransform<string, string> = {
  transform(value: string) {
    if (!UUID.test(value)) throw new NotFound('case');
    return value.toLowerCase();
  },
};

export class AdmissibilityDto {
  @ApiProperty({ description: 'true: the complaint is about lack of progress and goes before the Kerngroep (art. 83-84)' })
  @IsBoolean()
  admissible!: boolean;

  @ApiProperty({ enum: ADMISSIBILITY_REASONS })
  @IsIn(ADMISSIBILITY_REASONS)
  reason!: string;

  @ApiProperty({ description: 'the reason in words, shown to the complainant' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  explanation!: string;

  @ApiPropertyOptional({ type: CommitmentDto, description: 'the commitment, when the complaint did not name it (or named it wrongly)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CommitmentDto)
  commitment?: CommitmentDto;
}

/** Art. 83-86: a complaint is declared admissible or not before the Kerngroep votes on it. */
@ApiTags('cases')
@Controller('api/v1/cases/:id/admissibility')
export class ComplaintAdmissibilityController {
  constructor(private readonly admissibility: ComplaintAdmissibility) {}

  @Post()
  @HttpCode(200)
  @Policy('declare-admissibility', 'Case')
  @ApiOkResponse({ type: AdmissibilityViewDto })
  declare(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() body: AdmissibilityDto): Promise<AdmissibilityViewDto> {
    return this.admissibility.declare(caller, id, body);
  }

  @Get()
  @Policy('read', 'Case')
  @ApiOkResponse({ type: AdmissibilityViewDto })
  read(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string): Promise<AdmissibilityViewDto> {
    return this.admissibility.read(caller, id);
  }
}
