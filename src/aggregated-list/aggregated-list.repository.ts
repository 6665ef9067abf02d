import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Contributions } from './differencing.js';
import { cellId, type GroupCount, type PublishedCell } from './suppression.js';

/**
 * The entries the aggregated list counts (art. 19-20). Restrictions (art. 23-24) are honoured: a `hidden` entry
 * is never counted at all, a `country` entry only at country level (its region is not used), a `region` entry
 * normally (the list never names suppliers). Only organisations that still take part are counted: once a
 * withdrawal or removal takes effect (art. 73-77) the company's entries leave every aggregated output from the next
 * one computed (README, "Membership").
 */
const ENTRIES = (org: string) => `
  SELECT ${org} AS org, pl.supplier_id, pl.country, pl.activity_type, pl.raw_materials,
         CASE WHEN pl.restriction_level = 'country' THEN NULL ELSE pl.region END AS region
    FROM production_locations pl
   WHERE pl.is_current AND pl.year = $1 AND pl.restriction_level <> 'hidden'
     AND pl.organisation_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))`;

export interface Groups {
  totals: GroupCount[];
  regions: GroupCount[];
  materials: GroupCount[];
}

export interface PublicationRow {
  id: string;
  year: number;
  min_companies: number;
  cells: PublishedCell[];
  suppression: { method: string; withheld: string[]; hiddenCells: number };
  sha256: string;
  published_at: Date;
}

type Kind = 't' | 'r' | 'm';
const cellOf = (g: { country: string; activity_type: string; locations: number; companies: Array<string | number> }): GroupCount => ({
  country: g.country.trim(),
  activityType: g.activity_type,
  locations: g.locations,
  companies: g.companies,
});

/** SQL of the aggregated list (art. 19-20): the live grouping and its published, frozen versions (issue 15, item 4). */
@Injectable()
export class AggregatedListRepository {
  /**
   * Grouped counts with their distinct companies — a location is one supplier identity (issue 16 item 3: the same
   * supplier listed by five companies is one location) — straight from the plain classification columns (no
   * decryption), in one scan: companies are numbered within the query (dense_rank), so only small integers leave
   * PostgreSQL, never company ids.
   */
  async groups(m: EntityManager, year: number): Promise<Groups> {
    const rows: Array<{ kind: Kind; country: string; activity_type: string; region: string | null; material: string | null; locations: number; companies: number[] }> =
      await m.query(
        `WITH e AS MATERIALIZED (${ENTRIES('dense_rank() OVER (ORDER BY pl.organisation_id)::int')})
         SELECT CASE WHEN GROUPING(region) = 1 THEN 't' ELSE 'r' END AS kind, country, activity_type, region, NULL AS material,
                count(DISTINCT supplier_id)::int AS locations, array_agg(DISTINCT org) AS companies
           FROM e GROUP BY GROUPING SETS ((country, activity_type), (country, activity_type, region))
         UNION ALL
         SELECT 'm', country, activity_type, NULL, m, count(DISTINCT supplier_id)::int, array_agg(DISTINCT org)
           FROM e CROSS JOIN LATERAL unnest(e.raw_materials) AS m GROUP BY country, activity_type, m`,
        [year],
      );
    return {
      totals: rows.filter((g) => g.kind === 't').map(cellOf),
      regions: rows.filter((g) => g.kind === 'r').map((g) => ({ ...cellOf(g), region: g.region })),
      materials: rows.filter((g) => g.kind === 'm').map((g) => ({ ...cellOf(g), material: g.material! })),
    };
  }

  /**
   * The same grouping with each company's share, for a publication: per cell the locations of every company in it
   * (`contributions`, kept with the version so the next one can be checked for differencing). Companies are
   * numbered within the query (dense_rank) and the numbers mapped to ids once, so one row per cell leaves
   * PostgreSQL with two small integer arrays. Read in the publishing transaction: one snapshot.
   */
  async groupsWithContributions(m: EntityManager, year: number): Promise<Groups & { contributions: Contributions }> {
    const rows: Array<{ kind: Kind; country: string; activity_type: string; region: string | null; material: string | null; orgs: number[]; ns: number[]; locations: number }> = await m.query(
      `WITH e AS MATERIALIZED (${ENTRIES('dense_rank() OVER (ORDER BY pl.organisation_id)::int')}),
       s AS (
         SELECT CASE WHEN GROUPING(region) = 1 THEN 't' ELSE 'r' END AS kind, country, activity_type, region, NULL::text AS material, org, count(DISTINCT supplier_id)::int AS n
           FROM e GROUP BY GROUPING SETS ((country, activity_type, org), (country, activity_type, region, org))
         UNION ALL
         SELECT 'm', country, activity_type, NULL, m, org, count(DISTINCT supplier_id)::int
           FROM e CROSS JOIN LATERAL unnest(e.raw_materials) AS m GROUP BY country, activity_type, m, org),
       -- a cell's locations are its distinct supplier identities (issue 16): one supplier of two companies counts once
       d AS (
         SELECT CASE WHEN GROUPING(region) = 1 THEN 't' ELSE 'r' END AS kind, country, activity_type, region, NULL::text AS material, count(DISTINCT supplier_id)::int AS locations
           FROM e GROUP BY GROUPING SETS ((country, activity_type), (country, activity_type, region))
         UNION ALL
         SELECT 'm', country, activity_type, NULL, m, count(DISTINCT supplier_id)::int
           FROM e CROSS JOIN LATERAL unnest(e.raw_materials) AS m GROUP BY country, activity_type, m)
       SELECT s.kind, s.country, s.activity_type, s.region, s.material, array_agg(s.org ORDER BY s.org) AS orgs, array_agg(s.n ORDER BY s.org) AS ns, d.locations
         FROM s JOIN d ON d.kind = s.kind AND d.country = s.country AND d.activity_type = s.activity_type
                      AND d.region IS NOT DISTINCT FROM s.region AND d.material IS NOT DISTINCT FROM s.material
        GROUP BY s.kind, s.country, s.activity_type, s.region, s.material, d.locations`,
      [year],
    );
    const orgs: Array<{ id: string }> = await m.query(
      `SELECT DISTINCT pl.organisation_id::text AS id FROM production_locations pl
        WHERE pl.is_current AND pl.year = $1 AND pl.restriction_level <> 'hidden'
          AND pl.organisation_id IN (SELECT id FROM organisations WHERE status IN ('active', 'withdrawing'))
        ORDER BY 1`,
      [year],
    );
    const cells: Array<{ kind: Kind; cell: GroupCount; share: [number[], number[]] }> = rows.map((r) => ({
      kind: r.kind,
      cell: { ...cellOf({ ...r, companies: r.orgs }), ...(r.kind === 'r' ? { region: r.region } : {}), ...(r.kind === 'm' ? { material: r.material! } : {}) },
      share: [r.orgs, r.ns],
    }));
    const contributions: Contributions = { orgs: orgs.map((o) => o.id), cells: {} };
    // A region-less region cell has the country cell's id but is never published; the country cell's shares win.
    for (const c of cells.filter((x) => x.kind !== 't')) contributions.cells[cellId(c.cell)] = c.share;
    for (const c of cells.filter((x) => x.kind === 't')) contributions.cells[cellId(c.cell)] = c.share;
    return {
      totals: cells.filter((c) => c.kind === 't').map((c) => c.cell),
      regions: cells.filter((c) => c.kind === 'r').map((c) => c.cell),
      materials: cells.filter((c) => c.kind === 'm').map((c) => c.cell),
      contributions,
    };
  }

  /** Publications are serialised: the check against every previous version and the insert see the same versions. */
  async lockPublications(m: EntityManager): Promise<void> {
    await m.query(`LOCK TABLE aggregated_list_publications IN SHARE ROW EXCLUSIVE MODE`);
  }

  async versionsForCheck(m: EntityManager): Promise<Array<{ year: number; cells: PublishedCell[]; contributions: Contributions }>> {
    return m.query(`SELECT year, cells, contributions FROM aggregated_list_publications ORDER BY year`);
  }

  async insertPublication(
    m: EntityManager,
    row: { year: number; k: number; cells: PublishedCell[]; suppression: PublicationRow['suppression']; sha256: string; contributions: Contributions; by: string | null },
  ): Promise<PublicationRow> {
    const [out] = await m.query<PublicationRow[]>(
      `INSERT INTO aggregated_list_publications (year, min_companies, cells, suppression, sha256, contributions, published_by)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::jsonb, $7)
       RETURNING id, year, min_companies, cells, suppression, sha256, published_at`,
      [row.year, row.k, JSON.stringify(row.cells), JSON.stringify(row.suppression), row.sha256, JSON.stringify(row.contributions), row.by],
    );
    return out;
  }

  async publication(m: EntityManager, year: number): Promise<PublicationRow | null> {
    const [row] = await m.query<PublicationRow[]>(
      `SELECT id, year, min_companies, cells, suppression, sha256, published_at FROM aggregated_list_publications WHERE year = $1`,
      [year],
    );
    return row ?? null;
  }

  async publications(m: EntityManager): Promise<Array<Omit<PublicationRow, 'cells'> & { cell_count: number }>> {
    return m.query(
      `SELECT id, year, min_companies, suppression, sha256, published_at, jsonb_array_length(cells)::int AS cell_count
         FROM aggregated_list_publications ORDER BY year DESC`,
    );
  }
}
