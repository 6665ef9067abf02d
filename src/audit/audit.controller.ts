import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { actorOf } from './audit.types.js';
import { verifyAuditChain } from './audit-verify.js';
import { AuditPageDto, AuditQueryDto, AuditVerificationDto } from './dto/audit-query.dto.js';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly entries: AuditRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  @Policy('read', 'AuditEntry')
  @ApiOperation({ summary: 'Audit entries, newest first, filterable and keyset-paged (secretariat only)' })
  @ApiOkResponse({ type: AuditPageDto })
  search(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.entries.search(query);
  }

  /**
   * Recomputes the whole chain now, the check `npm run cli -- verify-audit` makes (streaming, constant memory, one
   * REPEATABLE READ snapshot), so the secretariat sees the chain's status on its audit page. The check is audited.
   */
  @Get('verification')
  @Policy('verify', 'AuditEntry')
  @ApiOperation({ summary: "Verify the audit chain now: intact, or the first broken entry (secretariat only)" })
  @ApiOkResponse({ type: AuditVerificationDto })
  async verify(@CurrentCaller() caller: Caller): Promise<AuditVerificationDto> {
    const result = await verifyAuditChain(this.db);
    await this.audit.record({
      actor: actorOf(caller),
      action: 'audit.verify',
      details: { ok: result.ok, count: result.count, ...(result.problem ? { brokenSeq: result.problem.seq } : {}) },
    });
    return { ...result, checkedAt: new Date().toISOString() };
  }
}
