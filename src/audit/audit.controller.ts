import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '../policies/policy.decorator.js';
import { AuditRepository } from './audit.repository.js';
import { AuditPageDto, AuditQueryDto } from './dto/audit-query.dto.js';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly entries: AuditRepository) {}

  @Get()
  @Policy('read', 'AuditEntry')
  @ApiOperation({ summary: 'Audit entries, newest first, filterable and keyset-paged (secretariat only)' })
  @ApiOkResponse({ type: AuditPageDto })
  search(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.entries.search(query);
  }
}
