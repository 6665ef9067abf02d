import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { Conflict, NotFound } from '../common/errors.js';
import { MasterResealers } from '../crypto/master-seal.js';
import { CompanyKeyringService } from '../crypto/keyring.service.js';
import { resealRow, type SealedRow } from './location-fields.js';

export type KeyOperationKind = 'rotate-master-key' | 'rotate-data-key' | 'shred-company';

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

interface OperationRow {
  id: string;
  kind: KeyOperationKind;
  organisation_id: string | null;
  target_version: number;
  status: 'running' | 'done';
  rows_done: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  ) {}

  /** A company by id or slug; 404 when there is none. */
  async resolveCompany(ref: string): Promise<{ id: string; slug: string }> {
    const [org] = await this.db.query(
      `SELECT id, slug FROM organisations WHERE kind = 'company' AND (slug = $1 OR ($2::boolean AND id::text = $1))`,
      [ref, UUID.test(ref)],
    );
    if (!org) throw new NotFound('company', ref);
    return org;
  }

  async running(): Promise<Array<{ id: string; kind: KeyOperationKind; organisationId: string | null; targetVersion: number; rowsDone: number; startedAt: string }>> {
    const rows = await this.db.query(
      `SELECT id, kind, organisation_id, target_version, rows_done, started_at FROM key_operations WHERE status = 'running' ORDER BY started_at`,
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      kind: r.kind as KeyOperationKind,
      organisationId: r.organisation_id as string | null,
      targetVersion: r.target_version as number,
      rowsDone: Number(r.rows_done),
      startedAt: new Date(r.started_at as string).toISOString(),
    }));
  }

  /** The running operation of this kind (and company), or a new one made by `start` in the same transaction. */
  private async startOrResume(
    kind: KeyOperationKind,
    organisationId: string | null,
    start: (m: EntityManager) => Promise<number>,
  ): Promise<{ op: OperationRow; resumed: boolean }> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('key-operations'), hashtext($1 || ':' || coalesce($2::text, '')))`, [kind, organisationId]);
      const [existing] = await m.query(
        `SELECT * FROM key_operations WHERE kind = $1 AND organisation_id IS NOT DISTINCT FROM $2 AND status = 'running'`,
        [kind, organisationId],
      );
      if (existing) {
        await this.audit.appendInTransaction(m, {
          actor: null,
          action: `keys.${kind}.resume`,
          object: { type: 'KeyOperation', id: existing.id },
          details: { organisationId, targetVersion: existing.target_version, rowsDone: Number(existing.rows_done) },
        });
        return { op: existing as OperationRow, resumed: true };
      }
      const target = await start(m);
      const [op] = await m.query(
        `INSERT INTO key_operations (kind, organisation_id, target_version) VALUES ($1, $2, $3) RETURNING *`,
        [kind, organisationId, target],
      );
      await this.audit.appendInTransaction(m, {
        actor: null,
        action: `keys.${kind}.start`,
        object: { type: 'KeyOperation', id: op.id },
        details: { organisationId, targetVersion: target },
      });
      return { op: op as OperationRow, resumed: false };
    });
  }

  private async finish(m: EntityManager, op: OperationRow, details: Record<string, unknown>): Promise<void> {
    await m.query(`UPDATE key_operations SET status = 'done', finished_at = now() WHERE id = $1`, [op.id]);
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
        if (k > 0) await m.query(`UPDATE key_operations SET rows_done = rows_done + $2 WHERE id = $1`, [op.id, k]);
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
      await this.db.query(`UPDATE key_operations SET target_version = $2 WHERE id = $1`, [op.id, current]);
      op.target_version = current;
    }
    const { done, exhausted } = await this.batches(op, options, async (m, size) => {
      const keys: Array<{ organisation_id: string; version: number }> = await m.query(
        `SELECT organisation_id, version FROM company_data_keys WHERE master_version <> $1
          ORDER BY organisation_id, version LIMIT $2 FOR UPDATE`,
        [current, size],
      );
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
      const rows: SealedRow[] = await m.query(
        `SELECT id, organisation_id, supplier_name, address, postcode, city, volume, contract_notes, os_id
           FROM production_locations WHERE organisation_id = $1 AND key_version < $2
          ORDER BY id LIMIT $3 FOR UPDATE`,
        [company.id, target, size],
      );
      if (rows.length === 0) return 0;
      const keys = (await this.keyring.keysFor(m, [company.id])).get(company.id);
      const next = keys?.get(target);
      if (!keys || !next) throw new Conflict('The target data key of this rotation no longer exists');
      const sealed = rows.map((r) => resealRow(keys, { version: target, key: next }, r));
      await m.query(
        `UPDATE production_locations p
            SET supplier_name = u.name, address = u.address, postcode = u.postcode, city = u.city,
                volume = u.volume, contract_notes = u.notes, os_id = u.os_id, key_version = $1
           FROM unnest($2::uuid[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[], $7::bytea[], $8::bytea[], $9::bytea[])
             AS u(id, name, address, postcode, city, volume, notes, os_id)
          WHERE p.id = u.id`,
        [
          target,
          rows.map((r) => r.id),
          sealed.map((x) => x.supplier_name),
          sealed.map((x) => x.address),
          sealed.map((x) => x.postcode),
          sealed.map((x) => x.city),
          sealed.map((x) => x.volume),
          sealed.map((x) => x.contract_notes),
          sealed.map((x) => x.os_id),
        ],
      );
      return rows.length;
    };
    let done = 0;
    for (let attempt = 0; ; attempt++) {
      const run = await this.batches(op, options, batch);
      done += run.done;
      if (!run.exhausted) return { operationId: op.id, resumed, done, finished: false, targetVersion: target };
      const finished = await this.db.transaction(async (m) => {
        // Waits for uploads still writing rows under an older version (they hold their key row FOR SHARE).
        await m.query(`SELECT 1 FROM company_data_keys WHERE organisation_id = $1 FOR UPDATE`, [company.id]);
        const [{ left }] = await m.query(
          `SELECT count(*)::int AS left FROM production_locations WHERE organisation_id = $1 AND key_version < $2`,
          [company.id, target],
        );
        if (left > 0) return false; // rows committed meanwhile under the old key: re-encrypt them first
        const deleted = await m.query(
          `WITH d AS (DELETE FROM company_data_keys WHERE organisation_id = $1 AND version < $2 RETURNING version) SELECT version FROM d`,
          [company.id, target],
        );
        const [{ n }] = await m.query(`SELECT rows_done::bigint AS n FROM key_operations WHERE id = $1`, [op.id]);
        await this.finish(m, op, { reencrypted: Number(n), deletedVersions: deleted.map((d: { version: number }) => d.version) });
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
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('key-operations'), hashtext($1 || ':' || $2::text))`, ['rotate-data-key', company.id]);
    const [op] = await m.query(
      `INSERT INTO key_operations (kind, organisation_id, target_version) VALUES ('shred-company', $1, 0) RETURNING *`,
      [company.id],
    );
    await m.query(`INSERT INTO crypto_shredded_companies (organisation_id) VALUES ($1) ON CONFLICT DO NOTHING`, [company.id]);
    const keys = await m.query(`WITH d AS (DELETE FROM company_data_keys WHERE organisation_id = $1 RETURNING version) SELECT version FROM d`, [company.id]);
    const [{ n }] = await m.query(
      // Issue 16: the fuzzy indexes, the OS ID index and the supplier identity go too, so nothing links it any more.
      `WITH u AS (UPDATE production_locations SET supplier_index = decode(md5(random()::text || id::text), 'hex'),
                          os_id_index = NULL, supplier_id = gen_random_uuid(), mk_name = NULL, mk_phonetic = NULL,
                          mk_city_prefix = NULL, mk_number_postcode = NULL, mk_street_number = NULL, mk_city_number = NULL
                   WHERE organisation_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`,
      [company.id],
    );
    // A rotation of this company that was running has nothing left to do.
    await m.query(
      `UPDATE key_operations SET status = 'done', finished_at = now() WHERE kind = 'rotate-data-key' AND organisation_id = $1 AND status = 'running'`,
      [company.id],
    );
    await m.query(`UPDATE key_operations SET rows_done = $2 WHERE id = $1`, [op.id, n]);
    await this.finish(m, op as OperationRow, { destroyedKeyVersions: keys.map((k: { version: number }) => k.version), entries: n });
    return { operationId: op.id, resumed: false, done: keys.length, finished: true, targetVersion: 0, entries: n };
  }
}
