import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Conflict } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { SqlPart } from '../common/sql-part.js';
import { companyKeysPart, type DataKeyRow, KeyringRepository } from './keyring.repository.js';
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

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: KeyringRepository,
  ) {}

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

  private static toWrapped(r: DataKeyRow): WrappedDataKey {
    return { organisationId: r.organisation_id, version: r.version, masterVersion: r.master_version, wrapped: new Uint8Array(r.wrapped) };
  }

  async isShredded(manager: EntityManager, organisationId: string): Promise<boolean> {
    return this.keys.isShredded(manager, organisationId);
  }

  /**
   * The key new ciphertexts of this company are sealed with: its highest version, made (version 1) on first use.
   * A shredded company gets no new key (art. 73-77): writing for it is refused.
   */
  async currentKey(manager: EntityManager, organisationId: string): Promise<DataKey> {
    // FOR SHARE: a data-key rotation cannot delete this version while rows sealed with it are still being written.
    let row = await this.keys.current(manager, organisationId);
    if (!row) {
      if (await this.isShredded(manager, organisationId)) throw new Conflict('This company has left and its data was shredded');
      const w = wrapDataKey(this.config.masterKeyring, organisationId, 1, newDataKey());
      await this.keys.insert(manager, { organisationId, version: 1, masterVersion: w.masterVersion, wrapped: w.wrapped }, true);
      row = await this.keys.current(manager, organisationId);
    }
    const wrapped = CompanyKeyringService.toWrapped(row!);
    return { version: wrapped.version, key: this.unwrap(wrapped) };
  }

  /** Every data key version of these companies that still exists (a shredded company has none). */
  async keysFor(manager: EntityManager, organisationIds: string[]): Promise<Map<string, Map<number, Uint8Array>>> {
    if (organisationIds.length === 0) return new Map();
    return this.unwrapAll(await this.keys.allOf(manager, [...new Set(organisationIds)]));
  }

  /**
   * The key versions of one company as a part of another module's statement (`companyKeysPart`), read in that
   * statement's snapshot; `unwrapAll` turns what it read into `keysFor`'s answer.
   */
  keysPart(): SqlPart<DataKeyRow[]> {
    return companyKeysPart;
  }

  /** Stored key rows (as `keysPart` or `allOf` read them) unwrapped, by company and version. */
  unwrapAll(rows: DataKeyRow[]): Map<string, Map<number, Uint8Array>> {
    const out = new Map<string, Map<number, Uint8Array>>();
    for (const r of rows) {
      const w = CompanyKeyringService.toWrapped(r);
      let m = out.get(w.organisationId);
      if (!m) out.set(w.organisationId, (m = new Map<number, Uint8Array>()));
      m.set(w.version, this.unwrap(w));
    }
    return out;
  }

  /** Adds the next data-key version for a rotation and returns it. */
  async addVersion(manager: EntityManager, organisationId: string): Promise<DataKey> {
    const next = await this.keys.nextVersion(manager, organisationId);
    const key = newDataKey();
    const w = wrapDataKey(this.config.masterKeyring, organisationId, next, key);
    await this.keys.insert(manager, { organisationId, version: next, masterVersion: w.masterVersion, wrapped: w.wrapped });
    return { version: next, key };
  }

  /** Re-wraps one stored data key with the current master key (master-key rotation). */
  async rewrap(manager: EntityManager, organisationId: string, version: number): Promise<void> {
    const row = await this.keys.lockOne(manager, organisationId, version);
    if (!row) return;
    const old = CompanyKeyringService.toWrapped(row);
    if (old.masterVersion === this.config.masterKeyring.current) return;
    const w = wrapDataKey(this.config.masterKeyring, organisationId, version, unwrapDataKey(this.config.masterKeyring, old));
    await this.keys.rewrapped(manager, organisationId, version, w.wrapped, w.masterVersion);
  }

  /** For a master-key rotation: up to `limit` keys still wrapped with another master version, locked FOR UPDATE. */
  keysToRewrap(manager: EntityManager, masterVersion: number, limit: number): Promise<Array<{ organisation_id: string; version: number }>> {
    return this.keys.wrappedWithOtherMaster(manager, masterVersion, limit);
  }

  /** For a data-key rotation: locks every key version of the company (waits for uploads holding one FOR SHARE). */
  lockKeysOf(manager: EntityManager, organisationId: string): Promise<void> {
    return this.keys.lockAllOf(manager, organisationId);
  }

  /** For a data-key rotation: deletes the versions below `version`, once no row uses them; the versions deleted. */
  deleteVersionsBelow(manager: EntityManager, organisationId: string, version: number): Promise<number[]> {
    return this.keys.deleteBelow(manager, organisationId, version);
  }

  /** Crypto-shredding (art. 73-77): the company is marked shredded (no new key ever) and every key of it destroyed; the versions destroyed. */
  shred(manager: EntityManager, organisationId: string): Promise<number[]> {
    return this.keys.shred(manager, organisationId);
  }

  get masterVersion(): number {
    return this.config.masterKeyring.current;
  }
}
