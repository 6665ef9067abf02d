import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import { PostgresThrottlerStorage } from '../auth/rate-limit/postgres-throttler.storage.js';
import type { Caller } from '../common/caller.js';
import { TooManyRequests } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { supplierBlindIndex } from '../crypto/blind-index.js';
import { PoliciesService } from '../policies/policies.service.js';
import { changedFields, type FieldChange, matchBySupplier } from './list-diff.js';
import type { LocationInput } from './location.types.js';
import { ProductionLocationRepository } from './production-location.repository.js';
import { ProductionLocationsService } from './production-locations.service.js';
import type { ParsedUpload } from './upload-parser.js';
import { UploadParsingService } from './upload-parsing.service.js';
import { UploadProgressService } from './upload-progress.js';

/** One entry as the replacement summary names it (the company's own data, in its own request only). */
export interface SummaryEntry {
  id?: string;
  row: number;
  supplierName: string | null;
  city: string | null;
  country: string;
  region: string | null;
  activityType: string;
  rawMaterials: string[];
}

export interface ReplacementPreview {
  year: number;
  /** the list the upload would replace; pass its id as `replaces` on the upload (null: a first list, `replaces=none`) */
  current: { listId: string; revision: number; entries: number } | null;
  incoming: number;
  counts: { added: number; removed: number; changed: number; unchanged: number };
  /** at most `SHOWN` of each; the counts are complete */
  added: SummaryEntry[];
  removed: SummaryEntry[];
  changed: Array<SummaryEntry & { fields: FieldChange[] }>;
}

const SHOWN = 200;
const WINDOW_MS = 60 * 60 * 1000;

const summary = (row: number, e: { supplierName: string | null; city: string | null; country: string; region: string | null; activityType: string; rawMaterials: string[] }, id?: string): SummaryEntry => ({
  ...(id ? { id } : {}),
  row,
  supplierName: e.supplierName,
  city: e.city,
  country: e.country,
  region: e.region,
  activityType: e.activityType,
  rawMaterials: e.rawMaterials,
});

/**
 * Before a new list replaces a year's list (issue 14 item 3): what it adds, removes and changes, computed on the
 * server and stored nowhere. The file is parsed as an upload is (same worker, limits and rate limit), matched to
 * the current list by blind index; only the current entries that are removed or changed are decrypted, for the
 * company's own request (or the secretariat's for it), and that read is audited.
 */
@Injectable()
export class ListReplacementPreview {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly locations: ProductionLocationsService,
    private readonly repo: ProductionLocationRepository,
    private readonly parsing: UploadParsingService,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly throttle: PostgresThrottlerStorage,
    private readonly progress: UploadProgressService,
  ) {}

  async execute(caller: Caller, args: { year: number; organisationId?: string; progress?: string }, file: Buffer): Promise<ReplacementPreview> {
    const organisationId = await this.locations.targetCompany(caller, args.organisationId);
    const hit = await this.throttle.increment(organisationId, WINDOW_MS, this.config.uploadRateLimit, WINDOW_MS, 'upload-previews');
    if (hit.isBlocked) throw new TooManyRequests(Math.max(1, hit.timeToBlockExpire));
    const progress = await this.progress.track(caller, args.progress, organisationId, 'preview');
    try {
      const preview = await this.compare(caller, organisationId, args.year, await this.parsing.parse(file, (checked, total) => progress.checked(checked, total)));
      await progress.finish('done');
      return preview;
    } catch (error) {
      await progress.finish('refused');
      throw error;
    }
  }

  private async compare(caller: Caller, organisationId: string, year: number, parsed: ParsedUpload): Promise<ReplacementPreview> {
    const args = { year };
    const m = this.db.manager;
    const scope = await this.policies.scope(caller, 'list', 'ProductionLocation', { organisationId: 'pl.organisation_id' });
    const current = await this.repo.currentWithIndex(m, scope, organisationId, args.year);
    const listScope = await this.policies.scope(caller, 'list', 'ProductionLocation', { organisationId: 'l.organisation_id' });
    const list = (await this.repo.lists(m, listScope, { year: args.year, organisationId })).find((l) => l.is_current) ?? null;
    const key = (e: Pick<LocationInput, 'supplierName' | 'address' | 'country'>) => supplierBlindIndex(this.config.blindIndexKey, { name: e.supplierName, address: e.address, country: e.country }).toString('hex');
    const { added, removed, pairs } = matchBySupplier(
      current.map((r) => ({ key: r.supplier_key, ref: r })),
      parsed.entries.map((e, i) => ({ key: key(e), ref: { input: e, row: i + 1 } })),
    );
    // Only the company's own current entries are opened (removed ones, to name them; matched ones, to compare).
    const opened = new Map((await this.locations.view([...removed, ...pairs.map((p) => p.current)])).map((v) => [v.id, v]));
    const changed = pairs.map((p) => ({ ...p, fields: changedFields(opened.get(p.current.id)!, p.incoming.input) })).filter((p) => p.fields.length > 0);
    if (opened.size > 0) {
      await this.audit.record({
        actor: actorOf(caller),
        action: 'production-locations.list',
        object: { type: 'ProductionLocationList', id: list?.id ?? `${organisationId}:${args.year}` },
        details: { purpose: 'replacement-preview', year: args.year, entries: opened.size, organisationIds: [organisationId] },
      });
    }
    const view = (id: string) => opened.get(id)!;
    return {
      year: args.year,
      current: list ? { listId: list.id, revision: list.revision, entries: list.entry_count } : null,
      incoming: parsed.entries.length,
      counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged: pairs.length - changed.length },
      added: added.slice(0, SHOWN).map((a) => summary(a.row, a.input)),
      removed: removed.slice(0, SHOWN).map((r) => summary(r.row_number, view(r.id), r.id)),
      changed: changed.slice(0, SHOWN).map((c) => ({ ...summary(c.incoming.row, c.incoming.input, c.current.id), fields: c.fields })),
    };
  }
}
