import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { DEMO_LIST_COMPANIES } from '../src/database/seed/production-locations.seed.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;

interface Raw { company: number; country: string; region: string | null; activityType: string; materials: string[] }
interface Cell { country: string; region: string | null; regionName: string | null; activityType: string; material: string | null; locations: number; companies: number }

/**
 * Issue 15, item 4: the aggregated list is published once a year as a frozen version; parties read that version;
 * the next version is checked against the earlier ones so no cell can be traced to a company by differencing.
 */
describe('published aggregated list (art. 19-20, issue 15 item 4)', () => {
  let t: TestApp;
  let companies: string[];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const slug of ['staalwerk-twente', 'mensenrechten-monitor', 'kenniscentrum-metalen', 'secretariaat']) tokens[slug] = await t.login(email(slug));
    companies = [];
    for (const slug of DEMO_LIST_COMPANIES) companies.push((await t.db.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id);
    // The demo seed published the current year; these tests build their own history of versions.
    await t.db.query(`DELETE FROM aggregated_list_publications`);
  });
  afterAll(() => t?.close());

  const as = (slug: string) => ({
    get: (path: string) => t.http().get(path).set('authorization', `Bearer ${tokens[slug]}`),
    post: (path: string, body: object) => t.http().post(path).set('authorization', `Bearer ${tokens[slug]}`).send(body),
  });
  const publish = (year: number, withhold?: string[]) => as('secretariaat').post('/api/v1/aggregated-list/publications', { year, ...(withhold ? { withhold } : {}) });

  /** Replaces a year's rows of the six demo companies (sealed columns hold dummy bytes: the list never reads them). */
  async function replaceYear(y: number, raw: Raw[]) {
    await t.db.query(`DELETE FROM production_locations WHERE year = $1`, [y]);
    await t.db.query(`DELETE FROM production_location_lists WHERE year = $1`, [y]);
    const lists: string[] = [];
    for (const c of companies) {
      const [{ id }] = await t.db.query(
        `INSERT INTO production_location_lists (organisation_id, year, revision, entry_count, source_format) VALUES ($1, $2, 1, 0, 'seed') RETURNING id`,
        [c, y],
      );
      lists.push(id);
    }
    await t.db.query(
      `INSERT INTO production_locations (list_id, organisation_id, year, row_number, country, region, activity_type, raw_materials, tier,
          restriction_level, supplier_name, address, city, key_version, supplier_index)
       SELECT u.list, u.org, $1::int, u.rn, u.country, u.region, u.activity, string_to_array(u.materials, ';'), 1, 'none',
              '\\x00', '\\x00', '\\x00', 1, decode(md5(u.rn::text || $1::int::text), 'hex')
         FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
           AS u(list, org, rn, country, region, activity, materials)`,
      [y, raw.map((r) => lists[r.company]), raw.map((r) => companies[r.company]), raw.map((_, i) => i + 1), raw.map((r) => r.country),
        raw.map((r) => r.region), raw.map((r) => r.activityType), raw.map((r) => r.materials.join(';'))],
    );
  }

  const cd = (company: number, region: string): Raw => ({ company, country: 'CD', region, activityType: 'mining', materials: ['cobalt'] });
  const nl = (company: number): Raw => ({ company, country: 'NL', region: null, activityType: 'smelting', materials: ['steel'] });
  const base = (): Raw[] => [cd(0, 'CD-NK'), cd(1, 'CD-NK'), cd(2, 'CD-NK'), cd(3, 'CD-LU'), cd(4, 'CD-LU'), cd(5, 'CD-LU'), ...[0, 1, 2, 3, 4, 5].map(nl)];

  it('parties read the frozen version: a re-upload changes nothing they see until the next publication; the secretariat previews the live one', async () => {
    const y = 2050;
    await replaceYear(y, base());
    expect((await as('staalwerk-twente').get(`/api/v1/aggregated-list?year=${y}`)).status).toBe(404);
    const pub = await publish(y);
    expect(pub.status).toBe(201);
    expect(pub.body).toMatchObject({ year: y, minCompanies: 3, suppression: { withheldCells: 0 } });
    expect(pub.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const before = await as('mensenrechten-monitor').get(`/api/v1/aggregated-list?year=${y}`);
    expect(before.status).toBe(200);
    expect(before.body.sha256).toBe(pub.body.sha256);
    expect(before.body.cells).toContainEqual({ country: 'CD', region: 'CD-NK', regionName: 'Nord-Kivu', activityType: 'mining', material: null, locations: 3, companies: 3 });

    // A company re-uploads: two more CD-NK rows. The published version stays as it was, byte for byte.
    await replaceYear(y, [...base(), cd(0, 'CD-NK'), cd(1, 'CD-NK')]);
    const after = await as('mensenrechten-monitor').get(`/api/v1/aggregated-list?year=${y}`);
    expect(after.body).toEqual(before.body);
    const live = await as('secretariaat').get(`/api/v1/aggregated-list/preview?year=${y}`);
    expect(live.status).toBe(200);
    expect(live.body.published).toBe(true);
    expect(live.body.cells).toContainEqual(expect.objectContaining({ region: 'CD-NK', locations: 5 }));
    // One version a year: a second publication of the year is refused, nothing changes.
    const again = await publish(y);
    expect(again.status).toBe(409);
    expect((await as('mensenrechten-monitor').get(`/api/v1/aggregated-list?year=${y}`)).body.sha256).toBe(pub.body.sha256);
    const versions = await as('staalwerk-twente').get('/api/v1/aggregated-list/versions');
    expect(versions.body.items.find((v: { year: number }) => v.year === y)).toMatchObject({ sha256: pub.body.sha256, minCompanies: 3 });
  });

  it('the next year\'s version where one company\'s change would show by differencing is refused naming the cells; withholding them publishes the rest', async () => {
    await replaceYear(2051, base());
    expect((await publish(2051)).status).toBe(201);
    // 2052: the same, except that company 0 adds a second CD-NK mine. CD-NK goes from 3 to 4 locations, and the
    // difference between the two versions is company 0's new mine: traceable to one company.
    await replaceYear(2052, [...base(), cd(0, 'CD-NK')]);
    const preview = await as('secretariaat').get('/api/v1/aggregated-list/preview?year=2052');
    const derivable = preview.body.derivable.map((d: { cell: string }) => d.cell).sort();
    expect(derivable).toEqual(['CD/mining/*/*', 'CD/mining/*/cobalt', 'CD/mining/CD-NK/*']);

    const refused = await publish(2052);
    expect(refused.status).toBe(422);
    expect(refused.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['cells[CD/mining/*/*]', 'cells[CD/mining/*/cobalt]', 'cells[CD/mining/CD-NK/*]']);
    expect(refused.body.details[0].problem).toMatch(/since the 20(50|51) version comes from 1 company, fewer than k = 3/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM aggregated_list_publications WHERE year = 2052`);
    expect(n).toBe(0);

    // An unknown cell in `withhold` is named too.
    const unknown = await publish(2052, ['CD/mining/CD-XX/*']);
    expect(unknown.status).toBe(422);
    expect(unknown.body.details).toEqual([{ field: 'withhold[0]', problem: expect.stringContaining('is not a cell of the 2052 list') }]);

    // Withholding CD mining (the country cell takes its children with it) publishes NL, unchanged, only.
    const ok = await publish(2052, derivable);
    expect(ok.status).toBe(201);
    expect(ok.body.suppression.withheldCells).toBe(3);
    expect(ok.body.cells.some((c: Cell) => c.country === 'CD')).toBe(false);
    expect(ok.body.cells).toContainEqual(expect.objectContaining({ country: 'NL', activityType: 'smelting', material: null, locations: 6, companies: 6 }));
    // Readers learn that cells were withheld, never which.
    const read = await as('staalwerk-twente').get('/api/v1/aggregated-list?year=2052');
    expect(JSON.stringify(read.body)).not.toContain('CD/mining');
    const [{ audited }] = await t.db.query(`SELECT count(*)::int AS audited FROM audit_log WHERE action = 'aggregated-list.publish'`);
    expect(audited).toBeGreaterThanOrEqual(2);
  });

  it('a change that comes from k or more companies may be published', async () => {
    await replaceYear(2053, [...base(), cd(0, 'CD-NK'), cd(1, 'CD-NK'), cd(2, 'CD-NK')]);
    const res = await publish(2053);
    // Against 2050/2051 (3 in CD-NK) the change comes from three companies; against 2052 nothing of CD was published.
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.cells).toContainEqual(expect.objectContaining({ region: 'CD-NK', locations: 6, companies: 3 }));
  });

  it('filters by country, region, activity and material; CSV and XLSX export exactly the filtered page; audited', async () => {
    const page = await as('staalwerk-twente').get('/api/v1/aggregated-list?year=2051&country=CD&activityType=mining');
    expect(page.status).toBe(200);
    expect(page.body.cells.length).toBeGreaterThan(0);
    expect(page.body.cells.every((c: Cell) => c.country === 'CD' && c.activityType === 'mining')).toBe(true);
    const region = await as('staalwerk-twente').get('/api/v1/aggregated-list?year=2051&region=CD-LU');
    expect(region.body.cells).toEqual([expect.objectContaining({ region: 'CD-LU', regionName: 'Lualaba' })]);
    const material = await as('staalwerk-twente').get('/api/v1/aggregated-list?year=2051&material=steel');
    expect(material.body.cells.map((c: Cell) => c.material)).toEqual(['steel']);

    const csv = await as('staalwerk-twente').get('/api/v1/aggregated-list/export?year=2051&country=CD&activityType=mining&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('country,region,region name,activity type,raw material,locations,companies');
    expect(lines.slice(1)).toEqual(page.body.cells.map((c: Cell) => [c.country, c.region ?? '', c.regionName ?? '', c.activityType, c.material ?? '', c.locations, c.companies].join(',')));

    const xlsx = await as('mensenrechten-monitor').get('/api/v1/aggregated-list/export?year=2051&format=xlsx').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const all = await as('mensenrechten-monitor').get('/api/v1/aggregated-list?year=2051');
    expect(wb.worksheets[0].rowCount).toBe(all.body.cells.length + 1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'aggregated-list.export.read'`);
    expect(n).toBe(2);
  });

  it('who: supporters (art. 40) and parties cannot preview or publish; supporters do not read the list (art. 19: parties only)', async () => {
    for (const path of ['/api/v1/aggregated-list?year=2051', '/api/v1/aggregated-list/export?year=2051&format=csv', '/api/v1/aggregated-list/versions'])
      expect((await as('kenniscentrum-metalen').get(path)).status, path).toBe(403);
    expect((await as('staalwerk-twente').get('/api/v1/aggregated-list/preview?year=2051')).status).toBe(403);
    expect((await as('staalwerk-twente').post('/api/v1/aggregated-list/publications', { year: 2054 })).status).toBe(403);
  });

  it('bad input names the field: year, format, filters, withhold', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/aggregated-list?year=soon', 'year'],
      ['/api/v1/aggregated-list?year=2051&country=Congo', 'country'],
      ['/api/v1/aggregated-list?year=2051&activityType=baking', 'activityType'],
      ['/api/v1/aggregated-list/export?year=2051&format=pdf', 'format'],
    ];
    for (const [path, field] of cases) {
      const res = await as('staalwerk-twente').get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field), path).toContain(field);
    }
    const badWithhold = await as('secretariaat').post('/api/v1/aggregated-list/publications', { year: 2054, withhold: 'all' });
    expect(badWithhold.status).toBe(400);
    expect(badWithhold.body.details[0].field).toBe('withhold');
    const empty = await publish(2099);
    expect(empty.status).toBe(422);
    expect(empty.body.details[0].field).toBe('year');
  });
});
