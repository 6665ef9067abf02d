import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Conflict } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { newDataKey, unwrapDataKey, wrapDataKey, type WrappedDataKey } from './keyring.js';

export interface DataKey {
  version: number;
  key: Uint8Array;
}

const UNWRAP_CACHE_LIMIT = 1000;

/**
 * The per-company data keys as rows of `company_data_keys`, unwrapped on use with the configured master keyring.
 *
 * Key material is read from PostgreSQL on every use, never kept as state: a second instance sees a rotation or a
 * shredding at once. The only in-process memory is a bounded cache from *wrapped* bytes to the unwrapped key —
 * content-addressed, so a shredded key (its row deleted) can no longer be looked up, and a re-wrapped key is a
 * different cache entry. It saves one AEAD open per request, nothing more.
 */
@Injectable()
export class CompanyKeyringService {
  private readonly unwrapped = new Map<string, Uint8Array>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private unwrap(row: WrappedDataKey): Uint8Array {
    const id = `${row.organisationId}/${row.version}/${row.masterVersion}/${Buffer.from(row.wrapped).toString('base64')}`;
    let key = this.unwrapped.get(id);
    if (!key) {
      key = unwrapDataKey(this.config.masterKeyring, row);
      if (this.unwrapped.size >= UNWRAP_CACHE_LIMIT) this.unwrapped.delete(this.unwrapped.keys().next().value!);
      this.unwrapped.set(id, key);
    }
    return key;
  }

  private static toWrapped(r: { organisation_id: string; version: number; master_version: number; wrapped: Buffer }): WrappedDataKey {
    return { organisationId: r.organisation_id, version: r.version, masterVersion: r.master_version, wrapped: new Uint8Array(r.wrapped) };
  }

  async isShredded(manager: EntityManager, organisationId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM crypto_shredded_companies WHERE organisation_id = $1`, [organisationId]);
    return rows.length > 0;
  }

  /**
   * The key new ciphertexts of this company are sealed with: its highest version, made (version 1) on first use.
   * A shredded company gets no new key (art. 73-77): writing for it is refused.
   */
  async currentKey(manager: EntityManager, organisationId: string): Promise<DataKey> {
    const read = async () =>
      (await manager.query(
        // FOR SHARE: held until the caller's transaction ends, so a data-key rotation cannot delete this version
        // while rows sealed with it are still being written (it waits, then finds and re-encrypts them).
        `SELECT organisation_id, version, master_version, wrapped FROM company_data_keys
          WHERE organisation_id = $1 ORDER BY version DESC LIMIT 1 FOR SHARE`,
        [organisationId],
      )) as Array<{ organisation_id: string; version: number; master_version: number; wrapped: Buffer }>;
    let rows = await read();
    if (rows.length === 0) {
      if (await this.isShredded(manager, organisationId)) throw new Conflict('This company has left and its data was shredded');
      const w = wrapDataKey(this.config.masterKeyring, organisationId, 1, newDataKey());
      await manager.query(
        `INSERT INTO company_data_keys (organisation_id, version, master_version, wrapped) VALUES ($1, 1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [organisationId, w.masterVersion, Buffer.from(w.wrapped)],
      );
      rows = await read();
    }
    const row = CompanyKeyringService.toWrapped(rows[0]);
    return { version: row.version, key: this.unwrap(row) };
  }

  /** Every data key version of these companies that still exists (a shredded company has none). */
  async keysFor(manager: EntityManager, organisationIds: string[]): Promise<Map<string, Map<number, Uint8Array>>> {
    const out = new Map<string, Map<number, Uint8Array>>();
    if (organisationIds.length === 0) return out;
    const rows = await manager.query(
      `SELECT organisation_id, version, master_version, wrapped FROM company_data_keys WHERE organisation_id = ANY($1::uuid[])`,
      [[...new Set(organisationIds)]],
    );
    for (const r of rows) {
      const w = CompanyKeyringService.toWrapped(r);
      let m = out.get(w.organisationId);
      if (!m) out.set(w.organisationId, (m = new Map()));
      m.set(w.version, this.unwrap(w));
    }
    return out;
  }

  /** Adds the next data-key version for a rotation and returns it. */
  async addVersion(manager: EntityManager, organisationId: string): Promise<DataKey> {
    const [{ next }] = await manager.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM company_data_keys WHERE organisation_id = $1`,
      [organisationId],
    );
    const key = newDataKey();
    const w = wrapDataKey(this.config.masterKeyring, organisationId, next, key);
    await manager.query(
      `INSERT INTO company_data_keys (organisation_id, version, master_version, wrapped) VALUES ($1, $2, $3, $4)`,
      [organisationId, next, w.masterVersion, Buffer.from(w.wrapped)],
    );
    return { version: next, key };
  }

  /** Re-wraps one stored data key with the current master key (master-key rotation). */
  async rewrap(manager: EntityManager, organisationId: string, version: number): Promise<void> {
    const rows = await manager.query(
      `SELECT organisation_id, version, master_version, wrapped FROM company_data_keys
        WHERE organisation_id = $1 AND version = $2 FOR UPDATE`,
      [organisationId, version],
    );
    if (rows.length === 0) return;
    const old = CompanyKeyringService.toWrapped(rows[0]);
    if (old.masterVersion === this.config.masterKeyring.current) return;
    const w = wrapDataKey(this.config.masterKeyring, organisationId, version, unwrapDataKey(this.config.masterKeyring, old));
    await manager.query(
      `UPDATE company_data_keys SET wrapped = $3, master_version = $4 WHERE organisation_id = $1 AND version = $2`,
      [organisationId, version, Buffer.from(w.wrapped), w.masterVersion],
    );
  }

  get masterVersion(): number {
    return this.config.masterKeyring.current;
  }
}
