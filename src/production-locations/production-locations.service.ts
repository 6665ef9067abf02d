import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { regionName } from '../aggregated-list/region-names.js';
import { actorOf, AuditService } from '../audit/index.js';
import { PostgresThrottlerStorage } from '../auth/rate-limit/postgres-throttler.storage.js';
import type { Caller } from '../common/caller.js';
import { Conflict, NotFound, TooManyRequests } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CompanyKeyringService, type DataKey } from '../crypto/keyring.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { openNaw, openSensitive, plainClassification, plainNaw, rowKeyVersion } from './location-fields.js';
import type { LocationInput } from './location.types.js';
import { type ListRow, type LocationRow, ProductionLocationRepository } from './production-location.repository.js';
import { UploadParsingService } from './upload-parsing.service.js';
import { isCompany } from '../organisations/organisation-rules.js';
import { UploadProgressService } from './upload-progress.js';
import { ListPreparer, type PreparedEntry } from './upload-rows.js';
import type { DuplicateWarning } from './supplier-matching/duplicates.js';

export interface LocationView {
  id: string;
  listId: string;
  organisationId: string;
  year: number;
  isCurrent: boolean;
  rowNumber: number;
  supplierName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  country: string;
  region: string | null;
  /** the region's ISO 3166-2 subdivision name (issue 14, item 5: names, not codes); the stored text when it is no code */
  regionName: string | null;
  activityType: string;
  rawMaterials: string[];
  tier: number;
  restrictionLevel: string;
  volume: string | null;
  contractNotes: string | null;
  /** the company's data key was destroyed (art. 73-77): NAW and competition-sensitive data are gone for good */
  shredded: boolean;
}

/**
 * One entry as a case shows it to a participant (issue 14): the facts of the matter (country, region, activity,
 * raw materials, tier) for whoever the case's policy lets see the entries, the supplier's identity (NAW) only when
 * the caller may also read that entry itself (policies/production-locations.yaml: its own list, or the secretariat).
 */
export type CaseEntryView = Pick<
  LocationView,
  'id' | 'supplierName' | 'address' | 'postcode' | 'city' | 'country' | 'region' | 'regionName' | 'activityType' | 'rawMaterials' | 'tier' | 'restrictionLevel'
> & { identityShown: boolean };

export interface ListView {
  id: string;
  organisationId: string;
  year: number;
  revision: number;
  isCurrent: boolean;
  entryCount: number;
  sourceFormat: string;
  uploadedAt: string;
  supersededAt: string | null;
}

export interface UploadResult {
  accepted: number;
  listId: string;
  year: number;
  revision: number;
  format: 'csv' | 'xlsx';
  /** rows of this list that look like the same supplier (issue 16 item 5): accepted, shown to the company */
  warnings: DuplicateWarning[];
}

const UPLOAD_WINDOW_MS = 60 * 60 * 1000;
/** rows sealed between two turns of the event loop */
const SEAL_SLICE = 200;

/**
 * The registry's use cases (issue 5 items 1, 4, 5): a company uploads its supplier list for a year, reads its own
 * entries; the secretariat reads every list and earlier revisions. NAW is decrypted only for callers the policy
 * allows, and every such read is audited (art. 17-19).
 */
@Injectable()
export class ProductionLocationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ProductionLocationRepository,
    private readonly keyring: CompanyKeyringService,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly throttle: PostgresThrottlerStorage,
    private readonly parsing: UploadParsingService,
    private readonly progress: UploadProgressService,
  ) {}

  get uploadMaxBytes(): number {
    return this.config.uploadMaxBytes;
  }

  /** The company a caller uploads for: its own, or (secretariat) the one named. */
  async targetCompany(caller: Caller, organisationId: string | undefined): Promise<string> {
    const target = organisationId ?? caller.organisation.id;
    const org = await this.repo.organisation(this.db.manager, target);
    await this.policies.authorizeRecord(caller, 'upload', 'ProductionLocation', { organisationId: target }, { visibleAs: 'upload' });
    // Art. 17-18: only a company has a list (`isCompany`): any other target is the 404 of an unknown company.
    if (!org || !isCompany(org)) throw new NotFound('company', target);
    if (await this.keyring.isShredded(this.db.manager, target)) throw new Conflict('This company has left and its data was shredded');
    return target;
  }

  /**
   * Stores a year's list from an uploaded file, all rows or none (issue 18): the upload's transaction opens first
   * (the list lock, the replaced revision, the company's data key held `FOR SHARE`), then a worker reads the file
   * and seals and indexes its rows while the batches it hands over are inserted here, so reading and inserting
   * overlap. Any refused row, a limit reached or a failed insert rolls the whole transaction back. `progress` (a
   * UUID the page picked) records the rows checked for the page to poll (issue 14 item 4).
   */
  async upload(caller: Caller, args: { year: number; organisationId?: string; replaces?: string; progress?: string }, file: Buffer): Promise<UploadResult> {
    const organisationId = await this.targetCompany(caller, args.organisationId);
    // Rate limit per organisation, in PostgreSQL so every instance shares it (DESIGN.md, Scaling out).
    const hit = await this.throttle.increment(organisationId, UPLOAD_WINDOW_MS, this.config.uploadRateLimit, UPLOAD_WINDOW_MS, 'uploads');
    if (hit.isBlocked) throw new TooManyRequests(Math.max(1, hit.timeToBlockExpire));
    const progress = await this.progress.track(caller, args.progress, organisationId, 'upload');
    try {
      const result = await this.db.transaction(async (m) => {
        const expectCurrent = args.replaces === undefined ? undefined : args.replaces.toLowerCase() === 'none' ? null : args.replaces.toLowerCase();
        const dataKey = await this.keyring.currentKey(m, organisationId);
        const begun = await this.repo.beginList(m, { organisationId, year: args.year, format: 'xlsx', uploadedBy: caller.personId, expectCurrent });
        // Batches are inserted one after the other while the worker reads on; the first failure stops the rest.
        let inserting: Promise<void> = Promise.resolve();
        let stored = 0;
        const parsed = await this.parsing
          .parseAndSeal(
            file,
            { organisationId, dataKey, blindIndexKey: this.config.blindIndexKey, matchReviewThreshold: this.config.matchReviewThreshold },
            {
              batch: (columns) => {
                inserting = inserting.then(async () => {
                  await this.repo.insertBatch(m, begun.listId, organisationId, args.year, columns, begun.supersededListId);
                  stored += columns.rows;
                });
              },
              progress: (checked, total) => progress.checked(checked, total),
            },
          )
          .finally(() => inserting.catch(() => undefined));
        progress.phase('storing');
        await inserting;
        if (stored !== parsed.rows) throw new Error(`an upload stored ${stored} of ${parsed.rows} rows`);
        await this.repo.finishList(m, { listId: begun.listId, organisationId, supersededListId: begun.supersededListId, entries: parsed.rows, format: parsed.format });
        await this.audit.appendInTransaction(m, {
          actor: actorOf(caller),
          action: 'production-locations.upload',
          object: { type: 'ProductionLocationList', id: begun.listId },
          details: { organisationId, year: args.year, revision: begun.revision, entries: parsed.rows, format: parsed.format, supersedes: begun.supersededListId },
        });
        return { ...begun, ...parsed };
      });
      await progress.finish('done');
      return { accepted: result.rows, listId: result.listId, year: args.year, revision: result.revision, format: result.format, warnings: result.warnings };
    } catch (error) {
      await progress.finish('refused');
      throw error;
    }
  }

  /**
   * Seals a whole list with the company's current data key and makes it the current revision for the year, in
   * the caller's transaction (the demo seed). Not audited here: the caller audits its use case.
   */
  async storeList(
    m: EntityManager,
    args: { organisationId: string; year: number; format: 'csv' | 'xlsx' | 'seed'; uploadedBy: string | null; inputs: LocationInput[]; expectCurrent?: string | null },
  ): Promise<{ listId: string; revision: number; supersededListId: string | null; warnings: DuplicateWarning[] }> {
    const dataKey = await this.keyring.currentKey(m, args.organisationId);
    const preparer = this.preparer(args.organisationId, dataKey);
    const entries: PreparedEntry[] = [];
    for (const input of args.inputs) {
      entries.push(preparer.add(input));
      // Sealing a list of 50,000 rows takes seconds of CPU: let other requests in between (issue 12).
      if (entries.length % SEAL_SLICE === 0) await yieldToEventLoop();
    }
    const saved = await this.repo.replaceList(m, { organisationId: args.organisationId, year: args.year, format: args.format, uploadedBy: args.uploadedBy, entries, expectCurrent: args.expectCurrent });
    return { ...saved, warnings: preparer.warnings() };
  }

  /** Seals and indexes the entries of one list of this company (see `ListPreparer`; the upload runs it in its worker). */
  preparer(organisationId: string, dataKey: DataKey): ListPreparer {
    return new ListPreparer({ organisationId, dataKey, blindIndexKey: this.config.blindIndexKey, matchReviewThreshold: this.config.matchReviewThreshold });
  }

  /** Decrypts rows the caller was allowed to read (NAW and competition-sensitive data); not audited here. */
  async view(input: LocationRow[]): Promise<LocationView[]> {
    let rows = input;
    let keys = await this.keyring.keysFor(this.db.manager, rows.map((r) => r.organisation_id));
    // A data-key rotation may finish between reading the rows and reading the keys, deleting the old version the
    // rows were read under: re-read those rows (now under the new version) rather than show them as shredded.
    const stale = rows.filter((r) => !keys.get(r.organisation_id)?.has(rowKeyVersion(r)));
    if (stale.length > 0) {
      const live = new Set<string>();
      for (const org of new Set(stale.map((r) => r.organisation_id))) {
        if (!(await this.keyring.isShredded(this.db.manager, org))) live.add(org);
      }
      const reread = stale.filter((r) => live.has(r.organisation_id)).map((r) => r.id);
      if (reread.length > 0) {
        const fresh = new Map((await this.repo.findByIds(this.db.manager, reread)).map((r) => [r.id, r]));
        rows = rows.map((r) => fresh.get(r.id) ?? r);
        keys = await this.keyring.keysFor(this.db.manager, rows.map((r) => r.organisation_id));
      }
    }
    return rows.map((r) => {
      const k = keys.get(r.organisation_id);
      const naw = openNaw(k, r);
      const sensitive = openSensitive(k, r);
      return {
        id: r.id,
        listId: r.list_id,
        organisationId: r.organisation_id,
        year: r.year,
        isCurrent: r.is_current,
        rowNumber: r.row_number,
        ...plainNaw(naw),
        ...plainClassification(r),
        regionName: regionName(r.region),
        volume: sensitive?.volume ?? null,
        contractNotes: sensitive?.contractNotes ?? null,
        shredded: naw === null,
      };
    });
  }

  /**
   * A page of entries the caller may read (art. 17-19: own list, or every list for the secretariat), current
   * revision unless a `listId` of an earlier revision is asked (secretariat only: action `history`). Audited.
   */
  async listForCaller(
    caller: Caller,
    q: { year: number; organisationId?: string; listId?: string; country?: string; activityType?: string; rawMaterial?: string; page: number; pageSize: number },
    options: { audited: boolean } = { audited: true },
  ): Promise<{ items: LocationView[]; total: number; page: number; pageSize: number }> {
    if (q.listId) {
      const list = await this.repo.listById(this.db.manager, q.listId);
      if (!list) throw new NotFound('production-location list', q.listId);
      await this.policies.authorizeRecord(caller, list.is_current ? 'list' : 'history', 'ProductionLocation', { organisationId: list.organisation_id }, { visibleAs: 'list', id: q.listId });
    }
    const scope = await this.policies.scope(caller, 'list', 'ProductionLocation', { organisationId: 'pl.organisation_id' });
    const { rows, total } = await this.repo.findPage(this.db.manager, scope, {
      year: q.year,
      organisationId: q.organisationId,
      listId: q.listId,
      country: q.country,
      activityType: q.activityType,
      rawMaterial: q.rawMaterial,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const items = await this.view(rows);
    if (items.length > 0 && options.audited) {
      await this.audit.record({
        actor: actorOf(caller),
        action: 'production-locations.list',
        object: { type: 'ProductionLocationList', id: q.listId ?? `${q.organisationId ?? 'all'}:${q.year}` },
        details: { year: q.year, page: q.page, entries: items.length, organisationIds: [...new Set(items.map((i) => i.organisationId))] },
      });
    }
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async readFor(caller: Caller, id: string): Promise<LocationView> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new NotFound('production-location', id);
    const scope = await this.policies.scope(caller, 'read', 'ProductionLocation', { organisationId: 'pl.organisation_id' });
    const row = await this.repo.findOne(this.db.manager, scope, id);
    if (!row) throw new NotFound('production-location', id);
    if (!row.is_current) {
      await this.policies.authorizeRecord(caller, 'history', 'ProductionLocation', { organisationId: row.organisation_id }, { visibleAs: 'history', id });
    }
    const [view] = await this.view([row]);
    await this.audit.record({ actor: actorOf(caller), action: 'production-locations.read', object: { type: 'ProductionLocation', id } });
    return view;
  }

  /**
   * The entries a case is about (a consent request, a restriction matter, a report), as `CaseEntryView`: the case's
   * read policy already opened the field; NAW is decrypted only for the entries the caller may read
   * (ProductionLocation `read`), and that confidential read is audited once, naming the case and the entries.
   */
  async describeForCase(caller: Caller, caseId: string, ids: string[], purpose: string): Promise<CaseEntryView[]> {
    if (ids.length === 0) return [];
    const m = this.db.manager;
    const scope = await this.policies.scope(caller, 'read', 'ProductionLocation', { organisationId: 'pl.organisation_id' });
    const readable = await this.repo.idsInScope(m, scope, ids);
    const rows = await this.repo.findByIds(m, ids);
    const opened = new Map((await this.view(rows.filter((r) => readable.has(r.id)))).map((v) => [v.id, v]));
    const out = rows.map((r): CaseEntryView => {
      const own = opened.get(r.id);
      return {
        id: r.id,
        identityShown: !!own && !own.shredded,
        ...plainNaw(own),
        ...plainClassification(r),
        regionName: regionName(r.region),
      };
    });
    if (opened.size > 0) {
      await this.audit.record({
        actor: actorOf(caller),
        action: 'production-locations.read',
        object: { type: 'case', id: caseId },
        details: { purpose, entries: [...opened.keys()].sort() },
      });
    }
    return out.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }

  async listsFor(caller: Caller, q: { year?: number; organisationId?: string }): Promise<ListView[]> {
    const scope = await this.policies.scope(caller, 'list', 'ProductionLocation', { organisationId: 'l.organisation_id' });
    const history = (await this.policies.abilityFor(caller)).canEver('history', 'ProductionLocation');
    const rows: ListRow[] = await this.repo.lists(this.db.manager, scope, q);
    return rows
      .filter((r) => r.is_current || history)
      .map((r) => ({
        id: r.id,
        organisationId: r.organisation_id,
        year: r.year,
        revision: r.revision,
        isCurrent: r.is_current,
        entryCount: r.entry_count,
        sourceFormat: r.source_format,
        uploadedAt: new Date(r.uploaded_at).toISOString(),
        supersededAt: r.superseded_at ? new Date(r.superseded_at).toISOString() : null,
      }));
  }
}
