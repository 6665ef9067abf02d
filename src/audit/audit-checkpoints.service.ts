import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import {
  checkpointDue,
  checkpointKeys,
  publicKeyFingerprint,
  publicKeyPem,
  signCheckpoint,
  type CheckpointKeys,
  type CheckpointToCheck,
  type SignedCheckpoint,
} from './audit-checkpoint.js';
import { AuditCheckpointRepository, type StoredCheckpoint } from './audit-checkpoint.repository.js';
import { verifyAuditChain, type VerifyResult } from './audit-verify.js';

/**
 * Signed checkpoints of the audit chain (issue 12, item 7): signs the chain head at the configured interval with
 * the key from the configuration (never the database), keeps the checkpoints, and verifies the chain against them.
 * Who is mailed each checkpoint is the scheduler's job (src/scheduler/audit-checkpoints.ts), in the same transaction.
 */
@Injectable()
export class AuditCheckpointsService {
  private readonly keys: CheckpointKeys;
  readonly fingerprint: string;
  readonly publicKeyPem: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly checkpoints: AuditCheckpointRepository,
  ) {
    this.keys = checkpointKeys(config.audit.signingKey);
    this.fingerprint = publicKeyFingerprint(this.keys.publicKey);
    this.publicKeyPem = publicKeyPem(this.keys.publicKey);
  }

  get enabled(): boolean {
    return this.config.audit.checkpointsEnabled;
  }

  /** The cheap check each scheduler poll makes before opening a signing transaction. */
  isDue(): Promise<boolean> {
    return this.checkpoints.isDue(this.config.audit.checkpointIntervalMinutes);
  }

  /**
   * In `m`'s transaction: takes the signing lock, decides again (another instance may just have signed), signs the
   * head and stores the checkpoint. Returns it, or undefined when none was due. The lock and the head's seq as
   * primary key keep two instances from signing two checkpoints of one interval or one head.
   */
  async signIfDue(m: EntityManager): Promise<SignedCheckpoint | undefined> {
    const head = await this.checkpoints.lockAndReadHead(m);
    if (!checkpointDue(head.seq, head.last, head.now, this.config.audit.checkpointIntervalMinutes)) return undefined;
    const signed = signCheckpoint({ seq: head.seq, hash: head.hash, time: head.now }, this.keys.privateKey);
    return (await this.checkpoints.insert(m, signed, this.fingerprint)) ? signed : undefined;
  }

  stored(): Promise<StoredCheckpoint[]> {
    return this.checkpoints.all();
  }

  latest(limit: number): Promise<StoredCheckpoint[]> {
    return this.checkpoints.latest(limit);
  }

  /** Recomputes the chain and checks it against the stored checkpoints and any `extra` ones a party kept. */
  async verify(options: { extra?: CheckpointToCheck[]; batchSize?: number; publicKey?: CheckpointKeys['publicKey'] } = {}): Promise<VerifyResult> {
    const stored = (await this.checkpoints.all()).map((c) => ({ statement: c.statement, signature: c.signature, origin: 'stored' }));
    return verifyAuditChain(this.db, {
      batchSize: options.batchSize,
      checkpoints: { list: [...stored, ...(options.extra ?? [])], publicKey: options.publicKey ?? this.keys.publicKey },
    });
  }
}
