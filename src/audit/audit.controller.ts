import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse } from '../common/api-file-response.js';
import type { FastifyReply } from 'fastify';
import { type Caller, CurrentCaller } from '../common/caller.js';
import { Policy } from '../policies/policy.decorator.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { actorOf } from './audit.types.js';
import { AuditCheckpointsService } from './audit-checkpoints.service.js';
import { AuditCheckpointListDto, AuditPublicKeyDto } from './dto/audit-checkpoint.dto.js';
import { AuditExportQueryDto, AuditPageDto, AuditQueryDto, AuditVerificationDto } from './dto/audit-query.dto.js';
import { ExportAuditLog } from './export-audit-log.js';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly entries: AuditRepository,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointsService,
    private readonly exporter: ExportAuditLog,
  ) {}

  @Get()
  @Policy('read', 'AuditEntry')
  @ApiOperation({ summary: 'Audit entries, newest first, filterable and keyset-paged (secretariat only)' })
  @ApiOkResponse({ type: AuditPageDto })
  search(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.entries.search(query);
  }

  /**
   * The log with the page's filters as CSV or XLSX (issue 14, item 5): the entries and names the page shows, up to the
   * head at the moment of the request, streamed in keyset batches; the export's own audit entry names the filters and
   * the number of entries.
   */
  @Get('export')
  @Policy('export', 'AuditEntry')
  @ApiOperation({ summary: 'Export the audit log with the page\'s filters as CSV or XLSX; audited (secretariat only)' })
  @ApiFileResponse('the entries the page shows with the same filters, with people and organisations by name', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentCaller() caller: Caller, @Query() query: AuditExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.exporter.execute(caller, query);
    await reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  }

  /**
   * Recomputes the whole chain now, the check `npm run cli -- verify-audit` makes (streaming, constant memory, one
   * REPEATABLE READ snapshot), and checks it against every stored signed checkpoint (issue 12, item 7), so a rewrite
   * that recomputed every hash is reported as broken, naming the first checkpoint it contradicts. Audited.
   */
  @Get('verification')
  @Policy('verify', 'AuditEntry')
  @ApiOperation({ summary: 'Verify the audit chain now, against every signed checkpoint: intact, or the first broken entry (secretariat, Kerngroep)' })
  @ApiOkResponse({ type: AuditVerificationDto })
  async verify(@CurrentCaller() caller: Caller): Promise<AuditVerificationDto> {
    const result = await this.checkpoints.verify();
    const contradicted = result.problem && 'checkpoint' in result.problem ? result.problem.checkpoint : undefined;
    await this.audit.record({
      actor: actorOf(caller),
      action: 'audit.verify',
      details: {
        ok: result.ok,
        count: result.count,
        checkpoints: result.checkpoints?.given ?? 0,
        ...(result.problem ? { brokenSeq: result.problem.seq } : {}),
        ...(contradicted ? { contradictedCheckpointSeq: contradicted.seq } : {}),
      },
    });
    return { ...result, checkedAt: new Date().toISOString() };
  }

  /** The public key that verifies every checkpoint; a party checks a checkpoint mail with it and openssl. */
  @Get('public-key')
  @Policy('read-key', 'AuditCheckpoint')
  @ApiOperation({ summary: 'The Ed25519 public key of the audit checkpoints (PEM) and its fingerprint' })
  @ApiOkResponse({ type: AuditPublicKeyDto })
  publicKey(): AuditPublicKeyDto {
    return { algorithm: 'Ed25519', publicKeyPem: this.checkpoints.publicKeyPem, fingerprint: this.checkpoints.fingerprint };
  }

  /** The latest signed checkpoints (head and signature only, no entry content), as mailed to the Kerngroep. */
  @Get('checkpoints')
  @Policy('list', 'AuditCheckpoint')
  @ApiOperation({ summary: 'The latest 100 signed checkpoints of the audit chain, newest first (secretariat, Kerngroep)' })
  @ApiOkResponse({ type: AuditCheckpointListDto })
  async listCheckpoints(): Promise<AuditCheckpointListDto> {
    const rows = await this.checkpoints.latest(100);
    return {
      items: rows.map((c) => ({
        seq: c.seq,
        hash: c.hash.toString('hex'),
        signedAt: c.signedAt.toISOString(),
        statement: c.statement,
        signature: c.signature.toString('base64'),
        publicKeyFingerprint: c.publicKeyFingerprint,
      })),
    };
  }
}
