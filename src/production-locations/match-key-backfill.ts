import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CompanyKeyringService } from '../crypto/keyring.service.js';
import { openNaw } from './location-fields.js';
import { ProductionLocationRepository } from './production-location.repository.js';
import { MatchKeyring } from './supplier-matching/match-keys.js';
import { profileOf } from './supplier-matching/match-profile.js';

export interface BackfillResult {
  /** rows given fuzzy indexes in this run */
  done: number;
  /** of those, rows of shredded companies (nothing left to index: marked done with empty indexes) */
  shredded: number;
  /** rows still without (another instance holds them, or the batch limit was reached) */
  left: number;
  batches: number;
}

const DEFAULT_BATCH = 500;

/**
 * The fuzzy blind indexes (issue 16) of entries stored before they existed (issue 18): such rows have
 * `match_keys_version IS NULL`, so brokering and the match review cannot find them by a re-spelled name until they
 * get them. Computing them needs the app's key material (each company's data key to open the NAW, the blind-index
 * key to hash it), so no SQL migration can: this job does, at start-up in the background (MATCH_KEY_BACKFILL=on,
 * the default) and from the CLI (`npm run cli -- backfill-match-keys`). Each batch is one transaction over rows
 * locked `FOR UPDATE SKIP LOCKED` (two instances share the work; a data-key rotation waits for the batch), and a
 * row is marked only with its indexes, so a crash or a stop loses at most the batch in flight: the next run goes on
 * from the rows still unmarked. Nothing plaintext leaves the process or is logged; only counts are.
 */
@Injectable()
export class MatchKeyBackfill implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MatchKeyBackfill');
  private readonly matchKeys: MatchKeyring;
  private stopped = false;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ProductionLocationRepository,
    private readonly keyring: CompanyKeyringService,
  ) {
    this.matchKeys = new MatchKeyring(config.blindIndexKey);
  }

  onApplicationBootstrap(): void {
    // Operator commands (schedulerEnabled off) leave it to the running service, or run it themselves (the CLI command).
    if (!this.config.matchKeyBackfill || !this.config.schedulerEnabled) return;
    this.running = this.run().then(
      (r) => {
        if (r.done > 0) this.logger.log(`fuzzy indexes computed for ${r.done} rows stored before issue 16 (${r.shredded} shredded), ${r.left} left`);
      },
      (error: Error) => this.logger.error(`the match-key backfill stopped: ${error.message}; it goes on at the next start`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Runs batches until no row is left (or `maxBatches`); see the class comment. */
  async run(options: { batchSize?: number; maxBatches?: number; afterBatch?: (batch: number, done: number) => void } = {}): Promise<BackfillResult> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const result = { done: 0, shredded: 0, left: 0, batches: 0 };
    let afterId: string | null = null;
    while (!this.stopped && (options.maxBatches === undefined || result.batches < options.maxBatches)) {
      const batch = await this.db.transaction(async (m) => {
        const rows = await this.repo.lockRowsWithoutMatchKeys(m, afterId, batchSize);
        if (rows.length === 0) return null;
        const keys = await this.keyring.keysFor(m, [...new Set(rows.map((r) => r.organisation_id))]);
        let shredded = 0;
        const updates = rows.map((r) => {
          const naw = openNaw(keys.get(r.organisation_id), r);
          if (!naw) {
            shredded++;
            return { id: r.id, keys: null, osIdIndex: null };
          }
          const profile = profileOf({ name: naw.supplierName, address: naw.address, postcode: naw.postcode, city: naw.city, country: r.country, osId: naw.osId });
          return { id: r.id, keys: this.matchKeys.keysOf(profile), osIdIndex: this.matchKeys.osIdIndex(profile.osId) };
        });
        await this.repo.setMatchKeys(m, updates);
        return { last: rows[rows.length - 1].id, done: rows.length, shredded };
      });
      if (!batch) break;
      afterId = batch.last;
      result.done += batch.done;
      result.shredded += batch.shredded;
      result.batches++;
      options.afterBatch?.(result.batches, result.done);
      await yieldToEventLoop();
    }
    result.left = await this.repo.countWithoutMatchKeys(this.db.manager);
    return result;
  }
}
