import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { Conflict, NotFound } from '../common/errors.js';
import { MasterResealers } from '../crypto/master-seal.js';
import { CompanyKeyringService } from '../crypto/keyring.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { type KeyOperationKind, KeyOperationsRepository, type OperationRow } from './key-operations.repository.js';
import { resealRow } from './location-fields.js';
import { LocationKeysRepository } from './location-keys.repository.js';

export type { KeyOperationKind } from './key-operations.repository.js';

export interface KeyOperationResult {
  operationId: string;
  /** the operation was already running (a crash or a stop part-way) and was continued */
  resumed: boolean;
  /** items handled by this run (data keys re-wrapped, rows re-encrypted) */
  done: number;
  /** false when `maxBatches` stopped it before the end: run it again to continue */
  finished: boolean;
  targetVersion: number;
}

export interface KeyOperationOptions {
  batchSize?: number;
  /** stop after this many batches (the operation stays `running` and resumes on the next run) */
  maxBatches?: number;
  /** called after each committed batch with the number of batches so far (progress output) */
  afterBatch?: (batches: number, done: number) => void | Promise<void>;
}

/**
 * Key management of the registry (issue 5 item 6; DESIGN.md, Security design), run by operators through
 * `npm run cli -- rotate-master-key | rotate-data-key <company> | shred-company <company>`.
 *
 * Every operation is a row of `key_operations` and works in batches, each its own transaction that also advances
 * the row: a crash loses at most the batch in flight (rolled back), and the next run finds the `running` row and
 * continues where it stopped. Rows carry the data-key version they are sealed with (header of every ciphertext
 * and `key_version`), and both versions exist while a rotation runs, so reads never fail during one. Each start,
 * resume and finish is audited (actor: the operator's system identity, `null`).
 */
@Injectable()
export class KeyOperationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keyring: CompanyKeyringService,
    private readonly audit: AuditService,
    private readonly resealers: MasterResealers,
    private readonly organisations: OrganisationsService,
    private readonly operations: KeyOperationsRepository,
    private readonly locations: LocationKeysRepository,
  ) {}

  /** A company by id or slug; 404 when there is none. */
  async resolveCompany(ref: string): Promise<{ id: string; slug: string }> {
    const org = await this.organisations.companyByRef(this.db.manager, ref);
    if (!org) throw new NotFound('company', ref);
    return org;
  }

  async running(): Promise<Array<{ id: string; kind: KeyOperationKind; organisationId: string | null; targetVersion: number; rowsDone: number; startedAt: string }>> {
    const rows = await this.operations.running(this.db.manager);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      organisationId: r.organisation_id,
      targetVersion: r.target_version,
      rowsDone: Number(r.rows_done),
      startedAt: new Date(r.started_at).toISOString(),
    }));
  }

  /** The running operation of this kind (and company), or a new one made by `start` in the same transaction. */
  private async startOrResume(
    kind: KeyOperationKind,
    organisationId: string | null,
    start: (m: EntityManager) => Promise<number>,
  ): Promise<{ op: OperationRow; resumed: boolean }> {
    return this.db.transaction(async (m) => {
      await this.operations.lock(m, kind, organisationId);
      const existing = await this.operations.runningOf(m, kind, organisationId);
      if (existing) {
        await this.audit.appendInTransaction(m, {
          actor: null,
          action: `keys.${kind}.resume`,
          object: { type: 'KeyOperation', id: existing.id },
          details: { organisationId, targetVersion: existing.target_version, rowsDone: Number(existing.rows_done) },
        });
        return { op: existing, resumed: true };
      }
      const target = await start(m);
      const op = await this.operations.insert(m, kind, organisationId, target);
      await this.audit.appendInTransaction(m, {
        actor: null,
        action: `keys.${kind}.start`,
        object: { type: 'KeyOperation', id: op.id },
        details: { organisationId, targetVersion: target },
      });
      return { op, resumed: false };
    });
  }

  private async finish(m: EntityManager, op: OperationRow, details: Record<string, unknown>): Promise<void> {
    await this.operations.finish(m, op.id);
    await this.audit.appendInTransaction(m, {
      actor: null,
      action: `keys.${op.kind}.finish`,
      object: { type: 'KeyOperation', id: op.id },
      details: { organisationId: op.organisation_id, targetVersion: op.target_version, ...details },
    });
  }

  /**
   * Runs `batch` until it reports 0 items or `maxBatches` is reached; each batch commits with the progress
   * counter. Returns the items done and whether the work ran out.
   */
  private async batches(
    op: OperationRow,
    options: KeyOperationOptions,
    batch: (m: EntityManager, size: number) => Promise<number>,
  ): Promise<{ done: number; exhausted: boolean }> {
    const size = options.batchSize ?? 500;
    let done = 0;
    let count = 0;
    for (;;) {
      if (options.maxBatches !== undefined && count >= options.maxBatches) return { done, exhausted: false };
      const n = await this.db.transaction(async (m) => {
        const k = await batch(m, size);
        if (k > 0) await this.operations.addRowsDone(m, op.id, k);
        return k;
      });
      if (n === 0) return { done, exhausted: true };
      done += n;
      count++;
      await options.afterBatch?.(count, done);
    }
  }

  /**
   * Re-wraps every company data key with the current master key (the highest version in KETENKLUIS_MASTER_KEY).
   * The old master key must stay configured until this has finished; then it can be removed.
   */
  async rotateMasterKey(options: KeyOperationOptions = {}): Promise<KeyOperationResult> {
    const current = this.keyring.masterVersion;
    const { op, resumed } = await this.startOrResume('rotate-master-key', null, async () => current);
    if (op.target_version !== current) {
      // Resumed with a newer master key configured than the one it started for: aim at the newest.
      await this.operations.setTarget(this.db.manager, op.id, current);
      op.target_version = current;
    }
    const { done, exhausted } = await this.batches(op, options, async (m, size) => {
      const keys = await this.keyring.keysToRewrap(m, current, size);
      for (const k of keys) await this.keyring.rewrap(m, k.organisation_id, k.version);
      return keys.length;
    });
    if (exhausted) {
      // secrets sealed directly with the master keyring (TOTP secrets, issue 17) follow, each resealer in batches
      const resealed = await this.resealers.resealAll(current);
      await this.db.transaction((m) => this.finish(m, op, { rewrapped: done, resealed }));
    }
    return { operationId: op.id, resumed, done, finished: exhausted, targetVersion: current };
  }

  /**
   * Gives a company a new data key and re-encrypts all its rows (current and earlier revisions) under it, in
   * batches, while the service keeps serving; when no row uses an older version any more, the older keys are
   * deleted. New uploads during the rotation already use the new key (the highest version).
   */
  async rotateDataKey(companyRef: string, options: KeyOperationOptions = {}): Promise<KeyOperationResult> {
    const company = await this.resolveCompany(companyRef);
    if (await this.keyring.isShredded(this.db.manager, company.id)) throw new Conflict('This company was crypto-shredded: it has no data key to rotate');
    const { op, resumed } = await this.startOrResume('rotate-data-key', company.id, async (m) => (await this.keyring.addVersion(m, company.id)).version);
    const target = op.target_version;
    const batch = async (m: EntityManager, size: number) => {
      const rows = await this.locations.sealedBelow(m, company.id, target, size);
      if (rows.length === 0) return 0;
      const keys = (await this.keyring.keysFor(m, [company.id])).get(company.id);
      const next = keys?.get(target);
      if (!keys || !next) throw new Conflict('The target data key of this rotation no longer exists');
      const sealed = rows.map((r) => resealRow(keys, { version: target, key: next }, r));
      await this.locations.resealed(m, target, rows.map((r) => r.id), sealed);
      return rows.length;
    };
    let done = 0;
    for (let attempt = 0; ; attempt++) {
      const run = await this.batches(op, options, batch);
      done += run.done;
      if (!run.exhausted) return { operationId: op.id, resumed, done, finished: false, targetVersion: target };
      const finished = await this.db.transaction(async (m) => {
        // Waits for uploads still writing rows under an older version (they hold their key row FOR SHARE).
        await this.keyring.lockKeysOf(m, company.id);
        const left = await this.locations.countSealedBelow(m, company.id, target);
        if (left > 0) return false; // rows committed meanwhile under the old key: re-encrypt them first
        const deletedVersions = await this.keyring.deleteVersionsBelow(m, company.id, target);
        const reencrypted = await this.operations.rowsDone(m, op.id);
        await this.finish(m, op, { reencrypted, deletedVersions });
        return true;
      });
      if (finished) return { operationId: op.id, resumed, done, finished: true, targetVersion: target };
      if (attempt >= 5) throw new Conflict('Rows keep arriving under an older key; run the rotation again');
    }
  }

  /**
   * Crypto-shreds a company that leaves (art. 73-77): its data keys are destroyed, so its NAW and
   * competition-sensitive data can never be decrypted again (entries then read as `shredded`), no new key is ever
   * made for it, and its blind indexes are overwritten with random bytes, so brokering (art. 22, step 7) no
   * longer links its former suppliers to it. Classification columns stay: the aggregated lists of the years it
   * took part keep their counts (README, "Crypto-shredding"). One transaction: it happens entirely or not at all.
   */
  async shredCompany(companyRef: string): Promise<KeyOperationResult & { entries: number }> {
    const company = await this.resolveCompany(companyRef);
    return this.db.transaction((m) => this.shredCompanyIn(m, company.id));
  }

  /**
   * The same shredding inside the caller's transaction (the membership module's scheduler step, after the retention
   * period of an organisation that left, art. 73-77): it commits or rolls back with that step.
   */
  async shredCompanyIn(m: EntityManager, companyId: string): Promise<KeyOperationResult & { entries: number }> {
    const company = { id: companyId };
    // the lock of a rotation of this company: a shredding never runs beside one
    await this.operations.lock(m, 'rotate-data-key', company.id);
    const op = await this.operations.insert(m, 'shred-company', company.id, 0);
    const destroyedKeyVersions = await this.keyring.shred(m, company.id);
    // Issue 16: the fuzzy indexes, the OS ID index and the supplier identity go too, so nothing links it any more.
    const n = await this.locations.unlinkAll(m, company.id);
    // A rotation of this company that was running has nothing left to do.
    await this.operations.finishRunningRotationOf(m, company.id);
    await this.operations.setRowsDone(m, op.id, n);
    await this.finish(m, op, { destroyedKeyVersions, entries: n });
    return { operationId: op.id, resumed: false, done: destroyedKeyVersions.length, finished: true, targetVersion: 0, entries: n };
  }
}
