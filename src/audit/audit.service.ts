import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainHash, microsecondIso } from './audit-chain.js';
import { AuditRepository, type ChainedRow, type ChainHead } from './audit.repository.js';
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
  /**
   * The head as this process last left it: the next batch is chained after it and written in one round trip, which
   * the database accepts only if the head is still that one (`AuditRepository.appendAfter`); otherwise the batch is
   * chained again after the locked head. A guess the database checks, never the chain's truth, so two instances
   * behave as one.
   */
  private lastHead: ChainHead | undefined;

  constructor(private readonly log: AuditRepository) {}

  /**
   * Appends `entry` inside the caller's transaction, so it commits or rolls back with the change it records.
   * It takes the chain-head row lock, which serialises every other audit writer until the caller's transaction
   * ends: make this the last statement of the transaction (just before commit) to keep that window short.
   */
  async appendInTransaction(manager: EntityManager, entry: AuditEntryInput): Promise<void> {
    await this.appendAllInTransaction(manager, [entry]);
  }

  /** `appendInTransaction` for several entries, chained in this order under one head lock. */
  async appendAllInTransaction(manager: EntityManager, entries: AuditEntryInput[]): Promise<void> {
    for (const entry of entries) assertValidEntry(entry);
    if (entries.length > 0) await this.appendBatch(manager, entries);
  }

  /**
   * Appends `entry` in its own transaction, group-committed: concurrent calls are queued and written together
   * (one head lock and one commit per batch). Resolves only after the batch holding this entry has committed;
   * rejects if it could not be written. Use it for reads, where there is no transaction to join.
   */
  record(entry: AuditEntryInput): Promise<void> {
    return this.recordAll([entry]);
  }

  /**
   * `record` for several entries of one request, queued together and in this order, so they share one group-committed
   * batch (one head lock, one commit) instead of one each (issue 18). Resolves once every one of them has committed.
   */
  async recordAll(entries: AuditEntryInput[]): Promise<void> {
    // an invalid entry rejects the returned promise (async), as a failed write does, and nothing is queued
    for (const entry of entries) assertValidEntry(entry);
    const written = entries.map(
      (entry) =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({ entry, resolve, reject });
        }),
    );
    this.startDrain();
    await Promise.all(written);
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
    let rows: ChainedRow[] = [];
    await this.log.appendInTransaction(manager, (head) => (rows = chainRows(head, entries)));
    // the head once the caller's transaction commits: the next batch waits for that commit on the head's row lock,
    // then finds its guess right (after a rollback, wrong: it is then chained after the locked head)
    this.lastHead = headAfter(rows);
  }

  /**
   * One group-committed batch in its own transaction: in one round trip after the head this process last left
   * (`AuditRepository.appendAfter`), else, when another writer moved it or none is known, under the head's lock
   * (`AuditRepository.appendInOwnTransaction`, three round trips).
   */
  private async appendGroup(entries: AuditEntryInput[]): Promise<void> {
    const guess = this.lastHead;
    this.lastHead = undefined;
    if (guess) {
      const rows = chainRows(guess, entries);
      if (await this.log.appendAfter(guess, rows)) {
        this.lastHead ??= headAfter(rows);
        return;
      }
    }
    let rows: ChainedRow[] = [];
    await this.log.appendInOwnTransaction((head) => (rows = chainRows(head, entries)));
    this.lastHead ??= headAfter(rows);
  }

  /** Waits for queued entries to be written before the app closes. */
  async onModuleDestroy(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
  }
}

/** The head after `rows` (the last one). */
function headAfter(rows: ChainedRow[]): ChainHead | undefined {
  const last = rows[rows.length - 1];
  return last && { seq: last.seq, hash: last.hash };
}

/** Chains `entries` after `head`, in order, all with the same time (one batch, one commit). */
function chainRows(head: ChainHead | undefined, entries: AuditEntryInput[]): ChainedRow[] {
  if (!head) throw new Error('audit_head row is missing');
  let seq = BigInt(head.seq);
  let prev: Buffer = head.hash;
  const at = microsecondIso(new Date());
  return entries.map((e) => {
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
    const row: ChainedRow = { ...fields, seq: seq.toString(), prevHash: prev, hash };
    prev = hash;
    return row;
  });
}
