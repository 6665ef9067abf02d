import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { managerQuery } from '../common/prepared-query.js';
import type { SqlPart } from '../common/sql-part.js';

/** A stored data key: wrapped (sealed) with the master key of `master_version`. */
export interface DataKeyRow {
  organisation_id: string;
  version: number;
  master_version: number;
  wrapped: Buffer;
}

/**
 * Every key version of the company `key` (an SQL expression), as one json value, for another module's statement
 * (issue 18: the disclosed-locations read gets its entries and their keys in one round trip and one snapshot); `read`
 * gives the rows `allOf` would have read. Handed out by `CompanyKeyringService.keysPart`.
 */
export const companyKeysPart: SqlPart<DataKeyRow[]> = {
  sql: (key) => `(SELECT coalesce(json_agg(json_build_object('organisation_id', k.organisation_id, 'version', k.version,
      'master_version', k.master_version, 'wrapped', encode(k.wrapped, 'base64'))), '[]'::json)
      FROM company_data_keys k WHERE k.organisation_id = ${key})`,
  read: (json) =>
    ((json ?? []) as Array<Omit<DataKeyRow, 'wrapped'> & { wrapped: string }>).map((k) => ({
      organisation_id: k.organisation_id,
      version: k.version,
      master_version: k.master_version,
      wrapped: Buffer.from(k.wrapped, 'base64'),
    })),
};

/**
 * Every query of `company_data_keys` and `crypto_shredded_companies` (DESIGN.md, Security design: per-company data
 * keys wrapped by the master key; a shredded company keeps no key and never gets a new one).
 */
@Injectable()
export class KeyringRepository {
  async isShredded(m: EntityManager, organisationId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM crypto_shredded_companies WHERE organisation_id = $1`, [organisationId]);
    return rows.length > 0;
  }

  /**
   * The company's highest key version, FOR SHARE: held until the caller's transaction ends, so a data-key rotation
   * cannot delete this version while rows sealed with it are still being written (it waits, then finds and
   * re-encrypts them).
   */
  async current(m: EntityManager, organisationId: string): Promise<DataKeyRow | null> {
    const [row] = await m.query<DataKeyRow[]>(
      `SELECT organisation_id, version, master_version, wrapped FROM company_data_keys
        WHERE organisation_id = $1 ORDER BY version DESC LIMIT 1 FOR SHARE`,
      [organisationId],
    );
    return row ?? null;
  }

  /** Stores a new key version; `ifAbsent`: quietly not when another transaction stored that version first. */
  async insert(m: EntityManager, k: { organisationId: string; version: number; masterVersion: number; wrapped: Uint8Array }, ifAbsent = false): Promise<void> {
    await m.query(
      `INSERT INTO company_data_keys (organisation_id, version, master_version, wrapped) VALUES ($1, $2, $3, $4)${ifAbsent ? '\n         ON CONFLICT DO NOTHING' : ''}`,
      [k.organisationId, k.version, k.masterVersion, Buffer.from(k.wrapped)],
    );
  }

  /** Every key version of these companies; prepared outside a transaction (read by every decrypting read, issue 18). */
  async allOf(m: EntityManager, organisationIds: string[]): Promise<DataKeyRow[]> {
    return managerQuery<DataKeyRow>(
      m,
      `SELECT organisation_id, version, master_version, wrapped FROM company_data_keys WHERE organisation_id = ANY($1::uuid[])`,
      [organisationIds],
    );
  }

  async nextVersion(m: EntityManager, organisationId: string): Promise<number> {
    const [{ next }] = await m.query<Array<{ next: number }>>(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM company_data_keys WHERE organisation_id = $1`,
      [organisationId],
    );
    return next;
  }

  /** One key version, locked FOR UPDATE (to re-wrap it). */
  async lockOne(m: EntityManager, organisationId: string, version: number): Promise<DataKeyRow | null> {
    const [row] = await m.query<DataKeyRow[]>(
      `SELECT organisation_id, version, master_version, wrapped FROM company_data_keys
        WHERE organisation_id = $1 AND version = $2 FOR UPDATE`,
      [organisationId, version],
    );
    return row ?? null;
  }

  async rewrapped(m: EntityManager, organisationId: string, version: number, wrapped: Uint8Array, masterVersion: number): Promise<void> {
    await m.query(
      `UPDATE company_data_keys SET wrapped = $3, master_version = $4 WHERE organisation_id = $1 AND version = $2`,
      [organisationId, version, Buffer.from(wrapped), masterVersion],
    );
  }

  /** Up to `limit` keys still wrapped with another master version than `masterVersion`, locked FOR UPDATE. */
  async wrappedWithOtherMaster(m: EntityManager, masterVersion: number, limit: number): Promise<Array<{ organisation_id: string; version: number }>> {
    return m.query<Array<{ organisation_id: string; version: number }>>(
      `SELECT organisation_id, version FROM company_data_keys WHERE master_version <> $1
        ORDER BY organisation_id, version LIMIT $2 FOR UPDATE`,
      [masterVersion, limit],
    );
  }

  /** Locks every key row of the company (waits for writers holding one FOR SHARE). */
  async lockAllOf(m: EntityManager, organisationId: string): Promise<void> {
    await m.query(`SELECT 1 FROM company_data_keys WHERE organisation_id = $1 FOR UPDATE`, [organisationId]);
  }

  /** Deletes the company's versions below `version`; the versions deleted. */
  async deleteBelow(m: EntityManager, organisationId: string, version: number): Promise<number[]> {
    const rows = await m.query<Array<{ version: number }>>(
      `WITH d AS (DELETE FROM company_data_keys WHERE organisation_id = $1 AND version < $2 RETURNING version) SELECT version FROM d`,
      [organisationId, version],
    );
    return rows.map((r) => r.version);
  }

  /** Marks the company shredded and deletes every key of it; the versions destroyed. */
  async shred(m: EntityManager, organisationId: string): Promise<number[]> {
    await m.query(`INSERT INTO crypto_shredded_companies (organisation_id) VALUES ($1) ON CONFLICT DO NOTHING`, [organisationId]);
    const rows = await m.query<Array<{ version: number }>>(
      `WITH d AS (DELETE FROM company_data_keys WHERE organisation_id = $1 RETURNING version) SELECT version FROM d`,
      [organisationId],
    );
    return rows.map((r) => r.version);
  }
}
