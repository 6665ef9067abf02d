import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SealedRow } from './location-fields.js';
import { MATCH_KEY_COLUMNS } from './production-location.repository.js';
import { MATCH_KEY_KINDS, type MatchKeyKind, type MatchKeys, MIN_SHARED_KEYS } from './supplier-matching/match-keys.js';

/** A registry entry as the matcher reads it: sealed NAW, its indexes and identity; never more. */
export interface MatchRow extends SealedRow {
  country: string;
  region: string | null;
  activity_type: string;
  supplier_id: string;
  os_id_index: Buffer | null;
  keys: MatchKeys;
  /** of a candidate: how it was found */
  same_identity?: boolean;
  same_os_id?: boolean;
}

const KEY_SELECT = MATCH_KEY_KINDS.map((k) => `pl.${MATCH_KEY_COLUMNS[k]} AS "k_${k}"`).join(', ');
const SELECT = `SELECT pl.id, pl.organisation_id, pl.country, pl.region, pl.activity_type, pl.supplier_id, pl.os_id_index,
                       pl.supplier_name, pl.address, pl.postcode, pl.city, pl.os_id, ${KEY_SELECT}`;

/** A row as `SELECT` reads it: the fuzzy indexes still in their `k_<kind>` columns. */
type SelectedRow = Omit<MatchRow, 'keys'> & Record<`k_${MatchKeyKind}`, number | null>;

function withKeys(r: SelectedRow): MatchRow {
  const keys = Object.fromEntries(MATCH_KEY_KINDS.map((k) => [k, r[`k_${k}`] ?? null])) as MatchKeys;
  return { ...r, keys };
}

/**
 * The queries of supplier matching (issue 16, art. 22 step 7): candidates through the blind indexes only, the
 * rows to decrypt for scoring, and the link of two entries to one supplier identity. Unscoped: only the
 * secretariat's brokering use cases call them, each behind its policy rule and audited.
 */
@Injectable()
export class SupplierMatchRepository {
  async entries(m: EntityManager, ids: string[]): Promise<MatchRow[]> {
    if (ids.length === 0) return [];
    return (await m.query<SelectedRow[]>(`${SELECT} FROM production_locations pl WHERE pl.id = ANY($1::uuid[])`, [ids])).map(withKeys);
  }

  /**
   * Current entries of OTHER companies that still take part (art. 73-77) which share the reported entry's identity,
   * its OS ID, or at least MIN_SHARED_KEYS fuzzy indexes. One indexed lookup per index (a bitmap OR), so the cost
   * grows with the entries sharing a value, not with the registry.
   */
  async candidatesOf(m: EntityManager, src: MatchRow): Promise<MatchRow[]> {
    const keyed = MATCH_KEY_KINDS.filter((k) => src.keys[k] !== null);
    const params: unknown[] = [src.organisation_id, src.supplier_id, src.os_id_index];
    const eq = keyed.map((k) => {
      params.push(src.keys[k]);
      return `pl.${MATCH_KEY_COLUMNS[k]} = $${params.length}`;
    });
    const shared = eq.length ? eq.map((e) => `coalesce((${e})::int, 0)`).join(' + ') : '0';
    const rows = await m.query<SelectedRow[]>(
      `${SELECT}, pl.supplier_id = $2 AS same_identity, coalesce(pl.os_id_index = $3, false) AS same_os_id
         FROM production_locations pl
        WHERE pl.is_current AND pl.organisation_id <> $1
          AND pl.organisation_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))
          AND (pl.supplier_id = $2 OR pl.os_id_index = $3 ${eq.length ? `OR ((${eq.join(' OR ')}) AND ${shared} >= ${MIN_SHARED_KEYS})` : ''})`,
      params,
    );
    return rows.map(withKeys);
  }

  /** Every entry, of every year, with the candidate's identity takes the reported entry's (issue 16 item 3). */
  async linkIdentities(m: EntityManager, reportedId: string, candidateId: string): Promise<number> {
    const rows = await m.query<Array<{ n: number }>>(
      `WITH u AS (UPDATE production_locations SET supplier_id = (SELECT supplier_id FROM production_locations WHERE id = $1)
                   WHERE supplier_id = (SELECT supplier_id FROM production_locations WHERE id = $2)
                     AND supplier_id <> (SELECT supplier_id FROM production_locations WHERE id = $1)
                   RETURNING 1) SELECT count(*)::int AS n FROM u`,
      [reportedId, candidateId],
    );
    return rows[0].n;
  }
}
