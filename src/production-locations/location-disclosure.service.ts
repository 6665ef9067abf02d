import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { InvalidInput } from '../common/errors.js';
import { CompanyKeyringService } from '../crypto/keyring.service.js';
import { openNaw, rowKeyVersion, type SealedRow } from './location-fields.js';
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
  activityType: ActivityType;
  rawMaterials: string[];
  tier: Tier;
  shredded: boolean;
}

export interface SameSupplierMatch {
  /** the entry given */
  entryId: string;
  /** every company (including the entry's own) whose current list contains the same supplier (blind index) */
  organisationIds: string[];
  /** the matching entries of those companies */
  matchingEntryIds: string[];
}

/** Who views and under which grant, for the audit entry of a disclosure (DESIGN.md: every view is audited). */
export interface DisclosureAudit {
  actor: { personId: string; organisationId: string } | null;
  grant: { type: string; id: string };
}

type Row = SealedRow & {
  country: string;
  region: string | null;
  activity_type: ActivityType;
  raw_materials: string[];
  tier: Tier;
  restriction_level: RestrictionLevel;
};

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
  ) {}

  /** Which of `ids` are entries of the company's current lists (art. 23: a company restricts only its own). */
  async entriesOfCompany(companyId: string, ids: string[], manager: EntityManager = this.db.manager): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT pl.id FROM production_locations pl
        WHERE pl.organisation_id = $1 AND pl.id = ANY($2::uuid[]) AND pl.is_current`,
      [companyId, ids],
    );
    return rows.map((r) => r.id);
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
    const rows: Row[] = await manager.query(
      `SELECT pl.id, pl.organisation_id, pl.country, pl.region, pl.activity_type, pl.raw_materials, pl.tier, pl.restriction_level
         FROM production_locations pl
        WHERE pl.is_current AND pl.restriction_level <> 'hidden'
          AND ($1::int IS NULL OR pl.year = $1)
          AND ($1::int IS NOT NULL OR pl.year = (SELECT max(year) FROM production_location_lists l
                                                  WHERE l.organisation_id = pl.organisation_id AND l.is_current))
          AND ((cardinality($2::text[]) = 0 AND cardinality($3::text[]) = 0)
               OR pl.country = ANY($2::text[]) OR lower(pl.region) = ANY($3::text[]))
          AND (cardinality($4::text[]) = 0 OR pl.raw_materials && $4::text[])
          AND (cardinality($5::text[]) = 0 OR pl.activity_type = ANY($5::text[]))
        ORDER BY pl.organisation_id, pl.row_number`,
      [scope.year ?? null, countries, regions, materials, activities],
    );
    const byCompany = new Map<string, ScopedEntry[]>();
    for (const r of rows) {
      let list = byCompany.get(r.organisation_id);
      if (!list) byCompany.set(r.organisation_id, (list = []));
      list.push({
        id: r.id,
        country: r.country,
        region: r.region,
        activityType: r.activity_type,
        rawMaterials: r.raw_materials,
        tier: r.tier,
        restrictionLevel: r.restriction_level,
      });
    }
    return [...byCompany].map(([organisationId, entries]) => ({ organisationId, entries }));
  }

  /**
   * Decrypts entries for an authorised disclosure view (art. 22, DOMAIN.md step 5), each at the level asked
   * (`full` / `region` / `country`, `hidden` omits it), made stricter by any restriction on the entry
   * (art. 23-24). The buying company is never returned. Unknown ids are left out. One audit entry per call
   * names the entries viewed and the grant (the case); it is written in `manager`'s transaction when given,
   * otherwise group-committed before this resolves.
   */
  async disclosedEntries(
    requests: Array<{ id: string; level: DisclosureLevel | 'hidden' }>,
    audit: DisclosureAudit,
    manager?: EntityManager,
  ): Promise<DisclosedEntry[]> {
    const m = manager ?? this.db.manager;
    const wanted = new Map(requests.filter((r) => r.level !== 'hidden').map((r) => [r.id, r.level as DisclosureLevel]));
    if (wanted.size === 0) return [];
    const rows: Row[] = await m.query(
      `SELECT id, organisation_id, country, region, activity_type, raw_materials, tier, restriction_level,
              supplier_name, address, postcode, city
         FROM production_locations WHERE id = ANY($1::uuid[]) ORDER BY country, region, id`,
      [[...wanted.keys()]],
    );
    const out: DisclosedEntry[] = [];
    const needKeys = rows.filter((r) => effectiveDisclosureLevel(wanted.get(r.id)!, r.restriction_level) === 'full');
    let keys = await this.keyring.keysFor(m, needKeys.map((r) => r.organisation_id));
    // A data-key rotation may have finished (and deleted the old version) between reading the rows and the keys:
    // re-read those rows under the new version instead of showing a live company's entries as shredded.
    const stale = needKeys.filter((r) => !keys.get(r.organisation_id)?.has(rowKeyVersion(r))).map((r) => r.id);
    if (stale.length > 0) {
      const fresh: Row[] = await m.query(
        `SELECT id, organisation_id, country, region, activity_type, raw_materials, tier, restriction_level,
                supplier_name, address, postcode, city
           FROM production_locations WHERE id = ANY($1::uuid[])`,
        [stale],
      );
      const byId = new Map(fresh.map((r) => [r.id, r]));
      for (let i = 0; i < rows.length; i++) rows[i] = byId.get(rows[i].id) ?? rows[i];
      keys = await this.keyring.keysFor(m, needKeys.map((r) => r.organisation_id));
    }
    for (const r of rows) {
      const level = effectiveDisclosureLevel(wanted.get(r.id)!, r.restriction_level);
      if (!level) continue;
      const naw = level === 'full' ? openNaw(keys.get(r.organisation_id), r) : null;
      out.push({
        id: r.id,
        level,
        supplierName: naw?.supplierName ?? null,
        address: naw?.address ?? null,
        postcode: naw?.postcode ?? null,
        city: naw?.city ?? null,
        country: r.country,
        region: level === 'country' ? null : r.region,
        activityType: r.activity_type,
        rawMaterials: r.raw_materials,
        tier: r.tier,
        shredded: level === 'full' && naw === null,
      });
    }
    const entry = {
      actor: audit.actor,
      action: 'production-locations.disclose',
      grant: audit.grant,
      details: { entries: out.map((e) => ({ id: e.id, level: e.level })) },
    };
    if (manager) await this.audit.appendInTransaction(manager, entry);
    else await this.audit.record(entry);
    return out;
  }

  /**
   * Applies an approved restriction (art. 23-24) or a company's restricted consent to entries, inside the
   * caller's transaction. Never loosens: an entry keeps the stricter of its current and the new level. The
   * level is carried to the same supplier in later uploads of the company's list (matched by blind index).
   * Returns the ids updated; unknown ids are an error (nothing is written: the caller's transaction aborts).
   */
  async applyRestriction(
    manager: EntityManager,
    entryIds: string[],
    level: Exclude<RestrictionLevel, 'none'>,
    caseId: string,
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `WITH u AS (UPDATE production_locations
          SET restriction_level = CASE
                WHEN array_position(ARRAY['none','region','country','hidden'], restriction_level)
                   >= array_position(ARRAY['none','region','country','hidden'], $2::text) THEN restriction_level
                ELSE $2::text END,
              restriction_case_id = $3
        WHERE id = ANY($1::uuid[])
        RETURNING id) SELECT id FROM u`,
      [entryIds, level, caseId],
    );
    if (rows.length !== new Set(entryIds).size) {
      throw new InvalidInput('Unknown production-location entries', [{ field: 'locations', problem: 'contains unknown entry ids' }]);
    }
    return rows.map((r) => r.id);
  }

  /**
   * For each given entry, every company whose current list contains the same supplier (art. 22 step 7,
   * brokering), found through the blind index without decrypting any list. Unknown ids are left out.
   */
  async companiesListingSameSupplier(entryIds: string[], manager: EntityManager = this.db.manager): Promise<SameSupplierMatch[]> {
    const rows: Array<{ entry_id: string; organisation_ids: string[]; matching_entry_ids: string[] }> = await manager.query(
      `SELECT src.id AS entry_id,
              array_agg(DISTINCT other.organisation_id) AS organisation_ids,
              array_agg(DISTINCT other.id) AS matching_entry_ids
         FROM production_locations src
         JOIN production_locations other ON other.supplier_index = src.supplier_index AND other.is_current
        WHERE src.id = ANY($1::uuid[])
        GROUP BY src.id`,
      [entryIds],
    );
    return rows.map((r) => ({ entryId: r.entry_id, organisationIds: r.organisation_ids, matchingEntryIds: r.matching_entry_ids }));
  }
}
