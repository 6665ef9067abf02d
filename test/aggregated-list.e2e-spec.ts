import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { DEMO_LIST_COMPANIES } from '../src/database/seed/production-locations.seed.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;
const K = 3;

interface Cell { country: string; region: string | null; activityType: string; material: string | null; locations: number; companies: number }
interface Raw { company: string; supplier?: string; country: string; region: string | null; activityType: string; materials: string[]; restriction: string }

/**
 * Art. 19-20 checked against the raw rows: every published cell has ≥ k distinct companies and its counts are
 * right; subtracting a country's published children from the country cell leaves a part that is empty or
 * supported by ≥ k companies (the subtraction attack fails). Restrictions: hidden rows never count, country-level
 * rows never count in a region.
 */
function checkNotTraceable(raw: Raw[], cells: Cell[]) {
  const counted = raw.filter((r) => r.restriction !== 'hidden').map((r) => ({ ...r, region: r.restriction === 'country' ? null : r.region }));
  const distinct = (rs: Raw[]) => new Set(rs.map((r) => r.company)).size;
  // Issue 16 item 3: a location is one supplier identity, however many companies list it.
  const suppliers = (rs: Raw[]) => new Set(rs.map((r) => r.supplier)).size;
  for (const c of cells) {
    const inCell = counted.filter((r) => r.country === c.country && r.activityType === c.activityType
      && (c.region === null || r.region === c.region) && (c.material === null || r.materials.includes(c.material)));
    expect(distinct(inCell), JSON.stringify(c)).toBeGreaterThanOrEqual(K);
    expect(c.companies).toBe(distinct(inCell));
    expect(c.locations).toBe(suppliers(inCell));
  }
  for (const t of cells.filter((c) => c.region === null && c.material === null)) {
    const inT = counted.filter((r) => r.country === t.country && r.activityType === t.activityType);
    const regions = cells.filter((c) => c.country === t.country && c.activityType === t.activityType && c.region !== null);
    const left = inT.filter((r) => !regions.some((c) => c.region === r.region));
    if (left.length) expect(distinct(left)).toBeGreaterThanOrEqual(K);
    const mats = new Set(cells.filter((c) => c.country === t.country && c.activityType === t.activityType && c.material !== null).map((c) => c.material));
    const behind = inT.filter((r) => r.materials.some((m) => !mats.has(m)));
    if (behind.length) expect(distinct(behind)).toBeGreaterThanOrEqual(K);
  }
}

describe('aggregated list (art. 19-20, issue 5 item 7)', () => {
  let t: TestApp;
  let companies: string[];
  const tokens: Record<string, string> = {};
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await startTestApp();
    for (const slug of ['staalwerk-twente', 'mensenrechten-monitor', 'branche-metaal', 'kivu-mining-watch', 'kenniscentrum-metalen', 'secretariaat']) {
      tokens[slug] = await t.login(email(slug));
    }
    companies = [];
    for (const slug of DEMO_LIST_COMPANIES) companies.push((await t.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id);
  });
  afterAll(() => t?.close());

  const get = (slug: string, y: number | string) => t.http().get(`/api/v1/aggregated-list?year=${y}`).set('authorization', `Bearer ${tokens[slug]}`);
  // The live computation (the secretariat's preview): parties read only the published version (issue 15, item 4).
  const live = (y: number) => t.http().get(`/api/v1/aggregated-list/preview?year=${y}`).set('authorization', `Bearer ${tokens.secretariaat}`);
  const rawOf = async (y: number): Promise<Raw[]> =>
    (await t.db.query(
      `SELECT organisation_id::text AS company, supplier_id::text AS supplier, trim(country) AS country, region, activity_type AS "activityType",
              raw_materials AS materials, restriction_level AS restriction
         FROM production_locations WHERE year = $1 AND is_current`,
      [y],
    )) as Raw[];

  it('all parties read the demo list; every cell has ≥ k companies; small demo cells are left out; audited', async () => {
    // The demo seed published the current year's list as the secretariat does (issue 15, item 4).
    for (const slug of ['staalwerk-twente', 'mensenrechten-monitor', 'branche-metaal', 'secretariaat']) {
      const res = await get(slug, year);
      expect(res.status, slug).toBe(200);
      expect(res.body.minCompanies).toBe(K);
    }
    const { body } = await get('mensenrechten-monitor', year);
    const cells: Cell[] = body.cells;
    checkNotTraceable(await rawOf(year), cells);
    // Widely listed: Tata Steel and the Duisburg works (all six companies).
    expect(cells).toContainEqual(expect.objectContaining({ country: 'NL', region: null, activityType: 'smelting', material: null }));
    expect(cells).toContainEqual(expect.objectContaining({ country: 'DE', region: 'DE-NW', activityType: 'smelting', material: null }));
    // Minera Cerro Rico (BO mining) is listed by two companies only: below k, suppressed.
    expect(cells.some((c) => c.country === 'BO' && c.activityType === 'mining')).toBe(false);
    // Kivu Cobalt & Tin (CD-NK) by three companies, but CD-HK has four other companies in CD mining.
    const cdMining = cells.filter((c) => c.country === 'CD' && c.activityType === 'mining');
    expect(cdMining.length).toBeGreaterThan(0);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'aggregated-list.read'`);
    expect(n).toBeGreaterThanOrEqual(5);
  });

  it('local partners and supporters are not parties (art. 19: "alle partijen"): 403; a bad year is 400', async () => {
    expect((await get('kivu-mining-watch', year)).status).toBe(403);
    expect((await get('kenniscentrum-metalen', year)).status).toBe(403);
    const bad = await get('staalwerk-twente', 'soon');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('year');
  });

  async function replaceYear(y: number, raw: Raw[]) {
    await t.db.query(`DELETE FROM production_locations WHERE year = $1`, [y]);
    await t.db.query(`DELETE FROM production_location_lists WHERE year = $1`, [y]);
    const lists = new Map<string, string>();
    for (const c of companies) {
      const [{ id }] = await t.db.query(
        `INSERT INTO production_location_lists (organisation_id, year, revision, entry_count, source_format) VALUES ($1, $2, 1, 0, 'seed') RETURNING id`,
        [c, y],
      );
      lists.set(c, id);
    }
    if (raw.length === 0) return;
    // Sealed columns hold dummy bytes: the aggregated list never reads them.
    await t.db.query(
      `INSERT INTO production_locations (list_id, organisation_id, year, row_number, country, region, activity_type, raw_materials, tier,
          restriction_level, supplier_name, address, city, key_version, supplier_index)
       SELECT u.list, u.org, $1, u.rn, u.country, u.region, u.activity, string_to_array(u.materials, ';'), 1, u.restriction,
              '\\x00', '\\x00', '\\x00', 1, decode(md5(u.rn::text), 'hex')
         FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS u(list, org, rn, country, region, activity, materials, restriction)`,
      [y, raw.map((r) => lists.get(r.company)), raw.map((r) => r.company), raw.map((_, i) => i + 1), raw.map((r) => r.country),
        raw.map((r) => r.region), raw.map((r) => r.activityType), raw.map((r) => r.materials.join(';')), raw.map((r) => r.restriction)],
    );
  }

  it('property over random registries in PostgreSQL: no published cell below k, the subtraction attack fails', async () => {
    const y = 2040;
    const row = fc.record({
      company: fc.integer({ min: 0, max: 5 }),
      country: fc.constantFrom('CD', 'BO', 'NL'),
      region: fc.constantFrom(null, 'R1', 'R2', 'R3'),
      activityType: fc.constantFrom('mining', 'smelting'),
      materials: fc.uniqueArray(fc.constantFrom('tin', 'cobalt', 'gold'), { minLength: 1, maxLength: 2 }),
      restriction: fc.constantFrom('none', 'none', 'none', 'region', 'country', 'hidden'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), async (rows) => {
        const raw: Raw[] = rows.map((r) => ({ ...r, company: companies[r.company] }));
        await replaceYear(y, raw);
        const res = await live(y);
        expect(res.status).toBe(200);
        checkNotTraceable((await rawOf(y)), res.body.cells);
      }),
      { numRuns: 30 },
    );
  });

  it('restrictions (art. 23-24): a hidden entry is never counted; a country-level entry never in its region', async () => {
    const y = 2041;
    const e = (i: number, region: string, restriction = 'none'): Raw => ({ company: companies[i], country: 'CD', region, activityType: 'mining', materials: ['cobalt'], restriction });
    await replaceYear(y, [e(0, 'CD-NK'), e(1, 'CD-NK'), e(2, 'CD-NK'), e(3, 'CD-LU'), e(4, 'CD-LU'), e(5, 'CD-LU')]);
    const before: Cell[] = (await live(y)).body.cells;
    expect(before.filter((c) => c.material === null).map((c) => [c.region, c.locations])).toEqual([[null, 6], ['CD-LU', 3], ['CD-NK', 3]]);
    // Company 0's entry becomes country-level: CD-NK falls below k and is generalised into CD; the hidden part
    // (CD-NK's two companies plus company 0) has 3 companies, so CD-LU may still be shown.
    await t.db.query(`UPDATE production_locations SET restriction_level = 'country' WHERE year = $1 AND organisation_id = $2`, [y, companies[0]]);
    const country: Cell[] = (await live(y)).body.cells;
    expect(country.filter((c) => c.material === null).map((c) => [c.region, c.locations])).toEqual([[null, 6], ['CD-LU', 3]]);
    // Hidden: company 0's entry no longer counts at all.
    await t.db.query(`UPDATE production_locations SET restriction_level = 'hidden' WHERE year = $1 AND organisation_id = $2`, [y, companies[0]]);
    const hidden: Cell[] = (await live(y)).body.cells;
    expect(hidden.find((c) => c.region === null && c.material === null)).toMatchObject({ locations: 5, companies: 5 });
    checkNotTraceable(await rawOf(y), hidden);
  });

  it('k is configurable (AGGREGATION_MIN_COMPANIES)', async () => {
    const t5 = await startTestApp({ databaseUrl: t.databaseUrl, env: { AGGREGATION_MIN_COMPANIES: '6' } });
    try {
      const token = await t5.login(email('secretariaat'));
      const res = await t5.http().get(`/api/v1/aggregated-list/preview?year=${year}`).set('authorization', `Bearer ${token}`);
      expect(res.body.minCompanies).toBe(6);
      expect(res.body.cells.length).toBeGreaterThan(0);
      expect(res.body.cells.every((c: Cell) => c.companies >= 6)).toBe(true);
    } finally {
      await t5.close();
    }
  });
});
