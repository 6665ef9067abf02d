import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
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
        await this.appendGroup(batch.map((p) => p.entry));
        for (const p of batch) p.resolve();
      } catch (error) {
        this.logger.error(`audit batch of ${batch.length} failed: ${(error as Error).message}`);
        for (const p of batch) p.reject(error);
      }
    }
  }

  /** Locks the head, chains and inserts `entries` in order, moves the head. Runs in the given transaction. */
  private async appendBatch(manager: EntityManager, entries: AuditEntryInput[]): Promise<void> {
    const [head] = (await manager.query(LOCK_HEAD)) as Head[];
    await manager.query(INSERT_AND_MOVE_HEAD, chainRows(head, entries));
  }

  /**
   * One group-committed batch in its own transaction, in three round trips (issue 18; it was five): `BEGIN` with the
   * head lock in one simple-protocol message, the inserts and the head move in one prepared statement, `COMMIT`.
   */
  private async appendGroup(entries: AuditEntryInput[]): Promise<void> {
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const results = (await client.query(`BEGIN; ${LOCK_HEAD}`)) as unknown as Array<{ rows: Head[] }>;
      await client.query({ name: 'kk_audit_insert_and_move_head', text: INSERT_AND_MOVE_HEAD, values: chainRows(results[1]?.rows[0], entries) });
      await client.query('COMMIT');
    } catch (error) {
      // whatever failed (the lock, the insert, the commit), the connection goes back to the pool outside a transaction
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Waits for queued entries to be written before the app closes. */
  async onModuleDestroy(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
  }
}

interface Head {
  seq: string;
  hash: Buffer;
}

const LOCK_HEAD = `SELECT seq, hash FROM audit_head WHERE id FOR UPDATE`;

/** Inserts the chained rows ($1-$12, column arrays) and moves the head to the last ($13 seq, $14 hash), in one statement. */
const INSERT_AND_MOVE_HEAD = `WITH inserted AS (
    INSERT INTO audit_log (seq, occurred_at, actor_person_id, actor_organisation_id, action, object_type, object_id,
                           grant_type, grant_id, details, prev_hash, hash)
    SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                         $8::text[], $9::text[], $10::jsonb[], $11::bytea[], $12::bytea[]))
  UPDATE audit_head SET seq = $13, hash = $14 WHERE id`;

/** Chains `entries` after `head` and returns the parameters of INSERT_AND_MOVE_HEAD. */
function chainRows(head: Head | undefined, entries: AuditEntryInput[]): unknown[] {
  if (!head) throw new Error('audit_head row is missing');
  let seq = BigInt(head.seq);
  let prev: Buffer = head.hash;
  const at = microsecondIso(new Date());
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
    row.forEach((v, i) => cols[i]!.push(v));
    prev = hash;
  }
  return [...cols, seq.toString(), prev];
}
