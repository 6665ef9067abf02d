import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditCheckpointsService } from '../audit/audit-checkpoints.service.js';
import { checkpointJsonLine } from '../audit/audit-checkpoint.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { DeadlineScheduler } from './deadline-scheduler.js';

/**
 * Signed checkpoints of the audit chain (issue 12, item 7) in the scheduler's one loop: every poll asks whether a
 * checkpoint is due (AUDIT_CHECKPOINT_INTERVAL_MINUTES since the last, and the chain moved); if so, one transaction
 * takes the signing lock, signs the head, stores the checkpoint and puts a mail for each Kerngroep member and each
 * secretariat staff member in the outbox. The checkpoint and its mails commit together; however many instances
 * poll, one signs (the lock, and the head's seq as primary key).
 */
@Injectable()
export class AuditCheckpointJob implements OnModuleInit {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(
    private readonly scheduler: DeadlineScheduler,
    private readonly checkpoints: AuditCheckpointsService,
    private readonly organisations: OrganisationsService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    if (!this.checkpoints.enabled) return;
    this.scheduler.addSource({
      name: 'audit-checkpoints',
      due: async (step) => (step === 'expire' && (await this.checkpoints.isDue()) ? ['head'] : []),
      run: (m) => this.signAndMail(m),
      // Nothing to back off: the next poll simply tries again.
      failed: async (_step, _id, message) => this.logger.error(`signing an audit checkpoint failed: ${message}`),
    });
  }

  /** Signs the head if due and mails it; false when nothing was due (another instance signed first). */
  async signAndMail(m: EntityManager): Promise<boolean> {
    const signed = await this.checkpoints.signIfDue(m);
    if (!signed) return false;
    const params = {
      seq: signed.seq,
      statement: signed.statement,
      signature: signed.signature.toString('base64'),
      fingerprint: this.checkpoints.fingerprint,
      jsonLine: checkpointJsonLine(signed),
    };
    for (const to of await this.organisations.auditCheckpointRecipients(m)) {
      await this.outbox.enqueue(m, { to, template: 'audit.checkpoint', params });
    }
    return true;
  }
}
