import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SignedCheckpoint } from './audit-checkpoint.js';

/** One advisory lock for checkpoint signing: instances on one database sign one after the other. */
const SIGNING_LOCK = `pg_advisory_xact_lock(hashtext('ketenkluis-audit-checkpoint'))`;

export interface StoredCheckpoint {
  seq: string;
  hash: Buffer;
  signedAt: Date;
  statement: string;
  signature: Buffer;
  publicKeyFingerprint: string;
}

export interface LockedHead {
  seq: string;
  hash: Buffer;
  now: Date;
  last: { seq: string; signedAt: Date } | null;
}

interface Row {
  seq: string;
  hash: Buffer;
  signed_at: Date;
  statement: string;
  signature: Buffer;
  public_key_fingerprint: string;
}

const toStored = (r: Row): StoredCheckpoint => ({
  seq: r.seq,
  hash: r.hash,
  signedAt: new Date(r.signed_at),
  statement: r.statement,
  signature: r.signature,
  publicKeyFingerprint: r.public_key_fingerprint,
});

/** Every query of `audit_checkpoints` (and the chain head it signs). */
@Injectable()
export class AuditCheckpointRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Whether a checkpoint is due: the chain has moved past the last checkpoint and that one is at least
   * `intervalMinutes` old (or there is none yet). A cheap read every poll; the decision is taken again under the lock.
   */
  async isDue(intervalMinutes: number, m: EntityManager = this.db.manager): Promise<boolean> {
    const [row]: Array<{ due: boolean }> = await m.query(
      `SELECT h.seq > 0 AND h.seq > coalesce(c.seq, 0)
              AND (c.signed_at IS NULL OR c.signed_at <= now() - make_interval(mins => $1)) AS due
         FROM audit_head h
         LEFT JOIN LATERAL (SELECT seq, signed_at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1) c ON true
        WHERE h.id`,
      [intervalMinutes],
    );
    return row?.due === true;
  }

  /** Takes the signing lock in `m`'s transaction, then reads the head, the last checkpoint and the database's clock. */
  async lockAndReadHead(m: EntityManager): Promise<LockedHead> {
    await m.query(`SELECT ${SIGNING_LOCK}`);
    const [row]: Array<{ seq: string; hash: Buffer; now: Date; last_seq: string | null; last_signed_at: Date | null }> = await m.query(
      `SELECT h.seq::text, h.hash, date_trunc('milliseconds', clock_timestamp()) AS now,
              c.seq::text AS last_seq, c.signed_at AS last_signed_at
         FROM audit_head h
         LEFT JOIN LATERAL (SELECT seq, signed_at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1) c ON true
        WHERE h.id`,
    );
    return {
      seq: row.seq,
      hash: row.hash,
      now: new Date(row.now),
      last: row.last_seq === null ? null : { seq: row.last_seq, signedAt: new Date(row.last_signed_at!) },
    };
  }

  /** Stores a signed checkpoint; false when one of this head already exists (the primary key is the head's seq). */
  async insert(m: EntityManager, c: SignedCheckpoint, fingerprint: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO audit_checkpoints (seq, hash, signed_at, statement, signature, public_key_fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (seq) DO NOTHING RETURNING seq`,
      [c.seq, c.hash, c.time, c.statement, c.signature, fingerprint],
    );
    return rows.length === 1;
  }

  /** Every stored checkpoint, oldest first (a few a day: no paging needed for verification). */
  async all(): Promise<StoredCheckpoint[]> {
    const rows: Row[] = await this.db.query(
      `SELECT seq::text, hash, signed_at, statement, signature, public_key_fingerprint FROM audit_checkpoints ORDER BY seq`,
    );
    return rows.map(toStored);
  }

  async latest(limit: number): Promise<StoredCheckpoint[]> {
    const rows: Row[] = await this.db.query(
      `SELECT seq::text, hash, signed_at, statement, signature, public_key_fingerprint FROM audit_checkpoints ORDER BY seq DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toStored);
  }
}
