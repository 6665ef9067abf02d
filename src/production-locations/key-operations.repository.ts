import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type KeyOperationKind = 'rotate-master-key' | 'rotate-data-key' | 'shred-company';

export interface OperationRow {
  id: string;
  kind: KeyOperationKind;
  organisation_id: string | null;
  target_version: number;
  status: 'running' | 'done';
  /** bigint: the driver gives it as text */
  rows_done: string;
  started_at: Date;
  finished_at: Date | null;
}

/** Every query of `key_operations`: one row per key operation, its target version and its progress (issue 5, item 6). */
@Injectable()
export class KeyOperationsRepository {
  /**
   * Serialises operations of one kind and company: an advisory lock held until the transaction ends. A shredding
   * takes the `rotate-data-key` lock of its company, so it never runs beside a rotation of that company.
   */
  async lock(m: EntityManager, kind: KeyOperationKind, organisationId: string | null): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('key-operations'), hashtext($1 || ':' || coalesce($2::text, '')))`, [kind, organisationId]);
  }

  async running(m: EntityManager): Promise<OperationRow[]> {
    return m.query<OperationRow[]>(
      `SELECT id, kind, organisation_id, target_version, rows_done, started_at FROM key_operations WHERE status = 'running' ORDER BY started_at`,
    );
  }

  async runningOf(m: EntityManager, kind: KeyOperationKind, organisationId: string | null): Promise<OperationRow | null> {
    const [row] = await m.query<OperationRow[]>(
      `SELECT * FROM key_operations WHERE kind = $1 AND organisation_id IS NOT DISTINCT FROM $2 AND status = 'running'`,
      [kind, organisationId],
    );
    return row ?? null;
  }

  async insert(m: EntityManager, kind: KeyOperationKind, organisationId: string | null, targetVersion: number): Promise<OperationRow> {
    const [row] = await m.query<OperationRow[]>(
      `INSERT INTO key_operations (kind, organisation_id, target_version) VALUES ($1, $2, $3) RETURNING *`,
      [kind, organisationId, targetVersion],
    );
    return row;
  }

  async finish(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE key_operations SET status = 'done', finished_at = now() WHERE id = $1`, [id]);
  }

  /** A running rotation of this company's data key has nothing left to do (the company was shredded). */
  async finishRunningRotationOf(m: EntityManager, organisationId: string): Promise<void> {
    await m.query(
      `UPDATE key_operations SET status = 'done', finished_at = now() WHERE kind = 'rotate-data-key' AND organisation_id = $1 AND status = 'running'`,
      [organisationId],
    );
  }

  async addRowsDone(m: EntityManager, id: string, n: number): Promise<void> {
    await m.query(`UPDATE key_operations SET rows_done = rows_done + $2 WHERE id = $1`, [id, n]);
  }

  async setRowsDone(m: EntityManager, id: string, n: number): Promise<void> {
    await m.query(`UPDATE key_operations SET rows_done = $2 WHERE id = $1`, [id, n]);
  }

  async rowsDone(m: EntityManager, id: string): Promise<number> {
    const [{ n }] = await m.query<Array<{ n: string }>>(`SELECT rows_done::bigint AS n FROM key_operations WHERE id = $1`, [id]);
    return Number(n);
  }

  async setTarget(m: EntityManager, id: string, targetVersion: number): Promise<void> {
    await m.query(`UPDATE key_operations SET target_version = $2 WHERE id = $1`, [id, targetVersion]);
  }
}
