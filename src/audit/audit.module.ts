import { Global, Module } from '@nestjs/common';
import { AuditCheckpointRepository } from './audit-checkpoint.repository.js';
import { AuditCheckpointsService } from './audit-checkpoints.service.js';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { ExportAuditLog } from './export-audit-log.js';

/**
 * The hash-chained audit log (issue 3, item 5) and its signed checkpoints (issue 12, item 7). Global: every module
 * appends through `AuditService`; the scheduler signs through `AuditCheckpointsService`.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRepository, AuditCheckpointRepository, AuditCheckpointsService, ExportAuditLog],
  exports: [AuditService, AuditCheckpointsService],
})
export class AuditModule {}
