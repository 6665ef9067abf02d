import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuditEntryInput, AuditService } from '../audit/index.js';
import { regionName } from '../aggregated-list/region-names.js';
import { InvalidInput } from '../common/errors.js';
import { CompanyKeyringService } from '../crypto/keyring.service.js';
import { openNaw, plainClassification, plainNaw, rowKeyVersion } from './location-fields.js';
import { type DisclosureRow, LocationDisclosureRepository } from './location-disclosure.repository.js';
import {
  type ActivityType,
  type DisclosureLevel,
  effectiveDisclosureLevel,
  type RestrictionLevel,
  type Tier,
} from './location.types.js';

/** The scope of an art. 22 request (DOMAIN.md, step 1): every list given narrows it (AND); within a list, OR. */
export interface DisclosureScope {
  /** ISO 3166-1 alpha-2; an entry matches when its country is listed or its region is listed */
  countries?: string[];
  /** subdivision codes or region names, compared case-insensitively */
  regions?: string[];
  rawMaterials?: string[];
  activityTypes?: ActivityType[];
  /** the list year; default: the latest year each company has a current list for */
  year?: number;
}

/** One entry in scope, without NAW and without competition-sensitive data: enough to ask for consent. */
export interface ScopedEntry {
  id: string;
  country: string;
  region: string | null;
  activityType: ActivityType;
  rawMaterials: string[];
  tier: Tier;
  restrictionLevel: RestrictionLevel;
}

export interface CompanyInScope {
  organisationId: string;
  entries: ScopedEntry[];
}

/**
 * One entry as an authorised requester sees it (DOMAIN.md step 5): supplier identity only at `full`, region only
 * at `full`/`region`; never the buying company, never competition-sensitive data (art. 22-23). `shredded` is true
 * when the company's key was destroyed (art. 73-77) — then no identity can be shown whatever the level.
 */
export interface DisclosedEntry {
  id: string;
  level: Exclude<DisclosureLevel, 'hidden'>;
  supplierName: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  country: string;
  region: string | null;
  /** the region's ISO 3166-2 name (issue 14 item 5), null where no region is shown */
  regionName: string | null;
  activityType: ActivityType;
  rawMaterials: string[];
  tier: Tier;
  shredded: boolean;
}

export interface SameSupplierMatch {
  /** the entry given */
  entryId: string;
  /** every company (including the entry's own) whose current list contains the same supplier (identity) */
  organisationIds: string[];
  /** the matching entries of those companies */
  matchingEntryIds: string[];
}

/** Who views and under which grant, for the audit entry of a disclosure (DESIGN.md: every view is audited). */
export interface DisclosureAudit {
  actor: { personId: string; organisationId: string } | null;
  grant: { type: string; id: string };
  /** the caller's own entries about the same read, appended after the disclosure's in the same batch (issue 18) */
  along?: AuditEntryInput[];
}

/** A row with its supplier identity (issue 16 item 3), used only to group inside this service; it never leaves it. */
type IndexedRow = DisclosureRow;

/** How much a disclosure level reveals; a merged supplier row takes the most revealing level of its entries. */
const REVEAL: Record<DisclosureLevel, number> = { country: 0, region: 1, full: 2 };

/** null sorts last, like PostgreSQL's ascending order. */
const cmp = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * What the cases module (art. 22-24) needs from the registry, and nothing more: it never reaches the tables.
 * Every method takes an optional `manager` so it runs inside the caller's transaction.
 */
@Injectable()
export class LocationDisclosureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keyring: CompanyKeyringService,
    private readonly audit: AuditService,
    private readonly locations: LocationDisclosureRepository,
  ) {}

  /** Which of `ids` are entries of the company's current lists (art. 23: a company restricts only its own). */
  async entriesOfCompany(companyId: string, ids: string[], manager: EntityManager = this.db.manager): Promise<string[]> {
    if (ids.length === 0) return [];
    return this.locations.currentEntriesOf(manager, companyId, ids);
  }

  /**
   * Current entries in an art. 22 scope, grouped by company, without NAW (for consent requests, art. 19).
   * Entries under a `hidden` restriction are never in scope (art. 23-24).
   */
  async entriesInScope(scope: DisclosureScope, manager: EntityManager = this.db.manager): Promise<CompanyInScope[]> {
    const countries = (scope.countries ?? []).map((c) => c.toUpperCase());
    const regions = (scope.regions ?? []).map((r) => r.toLowerCase());
    const materials = (scope.rawMaterials ?? []).map((m) => m.toLowerCase());
    const activities = scope.activityTypes ?? [];
    const rows = await this.locations.inScope(manager, { year: scope.year ?? null, countries, regions, materials, activities });
    const byCompany = new Map<string, ScopedEntry[]>();
    for (const r of rows) {
      let list = byCompany.get(r.organisation_id);
      if (!list) byCompany.set(r.organisation_id, (list = []));
      list.push({ id: r.id, ...plainClassification(r) });
    }
    return [...byCompany].map(([organisationId, entries]) => ({ organisationId, entries }));
  }

  /**
   * The disclosure view of an art-22 case (art. 19, 22-24, DOMAIN.md step 5): ONE ROW PER SUPPLIER, never one per
   * company entry. Each entry is first taken at the level asked for (the company's consent: `full` / `region` /
   * `country`; `hidden` omits it) made stricter by any restriction on the entry (art. 23-24: each company's answer
   * and restriction apply to its own entry only). Entries left `hidden` stay out entirely: they neither form nor
   * join a row. The rest is grouped by the supplier identity (issue 16 item 3: one per exact blind index, joined by
   * the secretariat's confirmed matches and kept across uploads), and each group becomes one row:
   * - shown at the MOST revealing level any entry of the group is disclosed at: an entry consented at `full` already
   *   reveals the supplier, the others reveal nothing more once merged (art. 19, 22);
   * - country/region rows are grouped the same way, so the requester can never count how many member companies buy
   *   from a supplier (art. 22: "never which company buys from the supplier"; a row count per supplier would be a
   *   partial buyer–supplier link). Neither the blind index nor the group size leaves this method;
   * - `id` (the ref a report names, `POST /cases/:id/reports` `locationRefs`) is the smallest id among the group's
   *   entries at the shown level: stable between calls, and an entry of the case, so brokering
   *   (`companiesListingSameSupplier`, art. 22 step 7) still finds every company listing the supplier;
   * - NAW, location, activity type and tier are that entry's (region only at `full`/`region`); raw materials are the
   *   union over the group's entries at the shown level only — an entry restricted to a lower level lends nothing
   *   to a more revealing row (its materials would otherwise be tied to a supplier identity its company did not
   *   consent to show). The buying company is never returned.
   * Unknown ids are left out. One audit entry per call names every entry of the shown groups (what the view
   * discloses), each with its own level and the row it was shown in, and the grant (the case); it is written in
   * `manager`'s transaction when given, otherwise group-committed before this resolves.
   */
  async disclosedEntries(
    requests: Array<{ id: string; level: DisclosureLevel | 'hidden' }>,
    audit: DisclosureAudit,
    manager?: EntityManager,
  ): Promise<DisclosedEntry[]> {
    const m = manager ?? this.db.manager;
    const along = audit.along ?? [];
    const append = (entries: AuditEntryInput[]) => (manager ? this.audit.appendAllInTransaction(manager, entries) : this.audit.recordAll(entries));
    const wanted = new Map(requests.filter((r) => r.level !== 'hidden').map((r) => [r.id, r.level as DisclosureLevel]));
    if (wanted.size === 0) {
      await append(along);
      return [];
    }
    // the entries and their companies' keys in one statement (issue 18)
    const read = await this.locations.forDisclosure(m, [...wanted.keys()], this.keyring.keysPart());

    // Art. 23-24: each entry at its own effective level first; hidden entries never join a group.
    const shown = read
      .map((r) => ({ row: r, level: effectiveDisclosureLevel(wanted.get(r.id)!, r.restriction_level) }))
      .filter((e): e is { row: (typeof read)[number]; level: DisclosureLevel } => e.level !== null);
    // One group per supplier (identity), at the most revealing level of its entries; the ref is the smallest id
    // at that level (uuids compare as their lower-case text, as in PostgreSQL).
    const groups = new Map<string, { level: DisclosureLevel; ref: IndexedRow; members: typeof shown }>();
    for (const e of shown) {
      const g = groups.get(e.row.supplier_key);
      if (!g) {
        groups.set(e.row.supplier_key, { level: e.level, ref: e.row, members: [e] });
        continue;
      }
      g.members.push(e);
      const more = REVEAL[e.level] > REVEAL[g.level];
      if (more || (e.level === g.level && e.row.id < g.ref.id)) {
        g.level = e.level;
        g.ref = e.row;
      }
    }

    const needKeys = [...groups.values()].filter((g) => g.level === 'full').map((g) => g.ref);
    const needOrgs = new Set(needKeys.map((r) => r.organisation_id));
    let keys = this.keyring.unwrapAll(read.flatMap((r) => (needOrgs.has(r.organisation_id) ? (r.data_keys ?? []) : [])));
    // The rows and their keys come from one snapshot, so a row's version is missing only when its company's keys
    // are gone (shredded, art. 73-77). Should a rotation ever delete a version before its rows are re-sealed, the rows
    // are read again under the new version instead of a live company's entries being shown as shredded.
    const stale = needKeys.filter((r) => !keys.get(r.organisation_id)?.has(rowKeyVersion(r))).map((r) => r.id);
    if (stale.length > 0) {
      const fresh = await this.locations.forDisclosure(m, stale);
      const byId = new Map(fresh.map((r) => [r.id, r]));
      for (const g of groups.values()) g.ref = byId.get(g.ref.id) ?? g.ref;
      keys = await this.keyring.keysFor(m, needKeys.map((r) => r.organisation_id));
    }

    const out: Array<DisclosedEntry & { members: Array<{ id: string; level: DisclosureLevel }> }> = [];
    for (const { level, ref: r, members } of groups.values()) {
      const naw = level === 'full' ? openNaw(keys.get(r.organisation_id), r) : null;
      out.push({
        id: r.id,
        level,
        ...plainNaw(naw),
        country: r.country,
        region: level === 'country' ? null : r.region,
        regionName: level === 'country' ? null : regionName(r.region),
        activityType: r.activity_type,
        rawMaterials: [...new Set(members.filter((e) => e.level === level).flatMap((e) => e.row.raw_materials))].sort(),
        tier: r.tier,
        shredded: level === 'full' && naw === null,
        members: members.map((e) => ({ id: e.row.id, level: e.level })),
      });
    }
    // Ordered by what is shown only (country, shown region, ref), so the order says nothing about hidden detail.
    out.sort((a, b) => cmp(a.country, b.country) || cmp(a.region, b.region) || cmp(a.id, b.id));
    const entry = {
      actor: audit.actor,
      action: 'production-locations.disclose',
      grant: audit.grant,
      details: { entries: out.flatMap((row) => row.members.map((e) => ({ id: e.id, level: e.level, row: row.id }))) },
    };
    await append([entry, ...along]);
    return out.map(({ members: _members, ...row }) => row);
  }

  /**
   * Applies an approved restriction (art. 23-24) or a company's restricted consent to entries, inside the
   * caller's transaction. Never loosens: an entry keeps the stricter of its current and the new level. The
   * level is carried to the same supplier in later uploads of the company's list (its supplier identity).
   * Returns the ids updated; unknown ids are an error (nothing is written: the caller's transaction aborts).
   */
  async applyRestriction(
    manager: EntityManager,
    entryIds: string[],
    level: Exclude<RestrictionLevel, 'none'>,
    caseId: string,
  ): Promise<string[]> {
    const rows = await this.locations.restrict(manager, entryIds, level, caseId);
    if (rows.length !== new Set(entryIds).size) {
      throw new InvalidInput('Unknown production-location entries', [{ field: 'locations', problem: 'contains unknown entry ids' }]);
    }
    return rows;
  }

  /**
   * For each given entry, every company whose current list contains the same supplier (art. 22 step 7,
   * brokering), found through the supplier identity (one per exact blind index, joined by confirmed matches) without
   * decrypting any list. Unknown ids are left out. The fuzzy search with its review is SupplierMatchingService.
   */
  async companiesListingSameSupplier(entryIds: string[], manager: EntityManager = this.db.manager): Promise<SameSupplierMatch[]> {
    const rows = await this.locations.sameSupplier(manager, entryIds);
    return rows.map((r) => ({ entryId: r.entry_id, organisationIds: r.organisation_ids, matchingEntryIds: r.matching_entry_ids }));
  }
}
