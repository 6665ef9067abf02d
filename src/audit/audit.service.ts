import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { chainHash, microsecondIso } from './audit-chain.js';
import { assertValidEntry, type AuditEntryInput } from './audit.types.js';

interface Pending {
  entry: AuditEntryInput;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The most entries one group-committed batch writes; the rest wait for the next batch. */
const MAX_BATCH = 1000;

/**
 * Appends to the hash-chained audit log (issue 3, item 5). The chain is serialised by PostgreSQL: every append
 * locks the single `audit_head` row (`SELECT … FOR UPDATE`), reads the last seq and hash, inserts the new
 * entries and moves the head — never an in-process lock, so several app instances share one chain.
 */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly logger = new Logger('Audit');
  /** requests still waiting for durability (not state: each one's caller is awaiting it) */
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Appends `entry` inside the caller's transaction, so it commits or rolls back with the change it records.
   * It takes the chain-head row lock, which serialises every other audit writer until the caller's transaction
   * ends: make this the last statement of the transaction (just before commit) to keep that window short.
   */
  async appendInTransaction(manager: EntityManager, entry: AuditEntryInput): Promise<void> {
    assertValidEntry(entry);
    await this.appendBatch(manager, [entry]);
  }

  /**
   * Appends `entry` in its own transaction, group-committed: concurrent calls are queued and written together
   * (one head lock and one commit per batch). Resolves only after the batch holding this entry has committed;
   * rejects if it could not be written. Use it for reads, where there is no transaction to join.
   */
  record(entry: AuditEntryInput): Promise<void> {
    try {
      assertValidEntry(entry);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.startDrain();
    });
  }

  /**
   * Starts a drain unless one runs. An entry queued after the running drain saw an empty queue but before its
   * promise settled would otherwise wait forever, so a finished drain starts the next one when entries remain.
   */
  private startDrain(): void {
    if (this.flushing) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.startDrain();
    });
  }

  /** Flushes batches until the queue is empty; only one drain runs per process at a time. */
  private async drain(): Promise<void> {
    // Let the current tick's callers join the first batch.
    await new Promise<void>((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.db.transaction((manager) =>
          this.appendBatch(
            manager,
            batch.map((p) => p.entry),
          ),
        );
        for (const p of batch) p.resolve();
      } catch (error) {
        this.logger.error(`audit batch of ${batch.length} failed: ${(error as Error).message}`);
        for (const p of batch) p.reject(error);
      }
    }
  }

  /** Locks the head, chains and inserts `entries` in order, moves the head. Runs in the given transaction. */
  private async appendBatch(manager: EntityManager, entries: AuditEntryInput[]): Promise<void> {
    const [head] = (await manager.query(`SELECT seq, hash FROM audit_head WHERE id FOR UPDATE`)) as { seq: string; hash: Buffer }[];
    if (!head) throw new Error('audit_head row is missing');
    let seq = BigInt(head.seq);
    let prev: Buffer = head.hash;
    const occurredAt = new Date();
    const at = microsecondIso(occurredAt);
    const cols: unknown[][] = Array.from({ length: 12 }, () => []);
    for (const e of entries) {
      seq += 1n;
      const fields = {
        seq,
        occurredAt: at,
        actorPersonId: e.actor?.personId ?? null,
        actorOrganisationId: e.actor?.organisationId ?? null,
        action: e.action,
        objectType: e.object?.type ?? null,
        objectId: e.object ? String(e.object.id) : null,
        grantType: e.grant?.type ?? null,
        grantId: e.grant ? String(e.grant.id) : null,
        details: e.details ?? {},
      };
      const hash = chainHash(prev, fields);
      const row = [
        seq.toString(),
        at,
        fields.actorPersonId,
        fields.actorOrganisationId,
        fields.action,
        fields.objectType,
        fields.objectId,
        fields.grantType,
        fields.grantId,
        JSON.stringify(fields.details),
        prev,
        hash,
      ];
      row.forEach((v, i) => cols[i].push(v));
      prev = hash;
    }
    await manager.query(
      `INSERT INTO audit_log (seq, occurred_at, actor_person_id, actor_organisation_id, action, object_type, object_id,
                              grant_type, grant_id, details, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::jsonb[], $11::bytea[], $12::bytea[])`,
      cols,
    );
    await manager.query(`UPDATE audit_head SET seq = $1, hash = $2 WHERE id`, [seq.toString(), prev]);
  }

  /** Waits for queued entries to be written before the app closes. */
  async onModuleDestroy(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
  }
}
