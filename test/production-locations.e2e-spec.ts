import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const EN = 'supplier_name,address,postcode,city,country,region,activity_type,raw_materials,tier,volume,contract_notes';
const YEAR = 2031;
const email = (slug: string) => `${slug}@${DEMO_DOMAIN}`;

function csv(rows: string[]): Buffer {
  return Buffer.from([EN, ...rows].join('\n') + '\n');
}

describe('production-location registry (issue 5 items 1, 4, 5; art. 17-19)', () => {
  let t: TestApp;
  let company: string;
  let other: string;
  let secretariat: string;
  let ngo: string;
  let companyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    company = await t.login(email('staalwerk-twente'));
    other = await t.login(email('gieterij-de-hoop'));
    secretariat = await t.login(email('secretariaat'));
    ngo = await t.login(email('mensenrechten-monitor'));
    [{ id: companyId }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'staalwerk-twente'`);
  });
  afterAll(() => t?.close());

  const upload = (token: string, body: Buffer, name = 'list.csv', query = `year=${YEAR}`) =>
    t.http().post(`/api/v1/production-locations/uploads?${query}`).set('authorization', `Bearer ${token}`).attach('file', body, name);
  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM production_locations WHERE organisation_id = $1 AND year = $2`, [companyId, YEAR]))[0].n;

  it('art. 17: a company uploads its list as CSV and reads it back decrypted', async () => {
    const res = await upload(company, csv([
      'Zwolse Smelterij B.V.,Havenstraat 3,8000 AB,Zwolle,NL,NL-OV,smelting,tin;lead,1,1200 t,confidential terms',
      'Mina del Sur S.A.,Calle Minera 77,,Potosí,BO,Potosí,mining,zinc,3+,,',
    ]));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ accepted: 2, year: YEAR, revision: 1, format: 'csv' });
    const list = await t.http().get(`/api/v1/production-locations?year=${YEAR}`).set('authorization', `Bearer ${company}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({
      supplierName: 'Zwolse Smelterij B.V.', address: 'Havenstraat 3', postcode: '8000 AB', city: 'Zwolle',
      country: 'NL', region: 'NL-OV', activityType: 'smelting', rawMaterials: ['tin', 'lead'], tier: 1,
      volume: '1200 t', contractNotes: 'confidential terms', shredded: false, organisationId: companyId,
    });
    expect(list.body.items[1]).toMatchObject({ postcode: null, tier: 3, activityType: 'mining' });
  });

  it('NAW is stored sealed: no plaintext in any column of the row', async () => {
    const rows = await t.db.query(`SELECT * FROM production_locations WHERE organisation_id = $1`, [companyId]);
    const dump = JSON.stringify(rows.map((r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('latin1') : v]))));
    for (const secret of ['Zwolse', 'Havenstraat', '8000 AB', 'Zwolle', '1200 t', 'confidential terms', 'Minera']) {
      expect(dump).not.toContain(secret);
    }
  });

  it('art. 19: the secretariat reads every list; reads are audited', async () => {
    const res = await t.http().get(`/api/v1/production-locations?year=${YEAR}&organisationId=${companyId}`).set('authorization', `Bearer ${secretariat}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    const one = await t.http().get(`/api/v1/production-locations/${res.body.items[0].id}`).set('authorization', `Bearer ${secretariat}`);
    expect(one.status).toBe(200);
    expect(one.body.supplierName).toBe('Zwolse Smelterij B.V.');
    const audit = await t.db.query(`SELECT action, object_id FROM audit_log WHERE action LIKE 'production-locations.%' ORDER BY seq`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['production-locations.upload', 'production-locations.list', 'production-locations.read']),
    );
    expect(audit).toContainEqual({ action: 'production-locations.read', object_id: res.body.items[0].id });
  });

  it('art. 19: another company and a CSO get 404 for an entry, and an empty list', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM production_locations WHERE organisation_id = $1 LIMIT 1`, [companyId]);
    for (const token of [other]) {
      expect((await t.http().get(`/api/v1/production-locations/${id}`).set('authorization', `Bearer ${token}`)).status).toBe(404);
      const list = await t.http().get(`/api/v1/production-locations?year=${YEAR}&organisationId=${companyId}`).set('authorization', `Bearer ${token}`);
      expect(list.body.total).toBe(0);
    }
    // Item 5: other organisations get 404, a CSO included (it has no list of its own).
    expect((await t.http().get(`/api/v1/production-locations/${id}`).set('authorization', `Bearer ${ngo}`)).status).toBe(404);
    const ngoList = await t.http().get(`/api/v1/production-locations?year=${YEAR}&organisationId=${companyId}`).set('authorization', `Bearer ${ngo}`);
    expect(ngoList.status).toBe(200);
    expect(ngoList.body.total).toBe(0);
    expect((await t.http().get(`/api/v1/production-locations/not-a-uuid`).set('authorization', `Bearer ${company}`)).status).toBe(404);
  });

  it('a company cannot upload for another company; a CSO cannot upload at all', async () => {
    const [{ id: otherId }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'gieterij-de-hoop'`);
    const res = await upload(company, csv(['A,B,1,C,NL,,mining,tin,1,,']), 'x.csv', `year=${YEAR}&organisationId=${otherId}`);
    expect(res.status).toBe(404);
    expect((await upload(ngo, csv(['A,B,1,C,NL,,mining,tin,1,,']))).status).toBe(403);
  });

  it('all rows or none: a bad row → 422 listing row, field and problem for every bad row, nothing stored', async () => {
    const before = await count();
    const res = await upload(company, csv([
      'Good Supplier,Street 1,1,City,NL,,mining,tin,1,,',
      'Bad Country,Street 2,1,City,XX,,mining,tin,1,,',
      ',Street 3,1,City,NL,,flying,tin,7,,',
    ]));
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual(expect.arrayContaining([
      { row: 2, field: 'country', problem: 'is not an ISO 3166-1 alpha-2 country code' },
      { row: 3, field: 'supplier_name', problem: 'is required' },
      { row: 3, field: 'activity_type', problem: expect.stringContaining('must be one of') },
      { row: 3, field: 'tier', problem: 'must be 1, 2 or 3+' },
    ]));
    expect(JSON.stringify(res.body)).not.toContain('Good Supplier');
    expect(await count()).toBe(before);
  });

  it('hostile files: formula injection, wrong type, wrong encoding, no file → clear 4xx, nothing stored', async () => {
    const before = await count();
    const formula = await upload(company, csv(['"=HYPERLINK(""http://evil.example"",""click"")",Street,1,City,NL,,mining,tin,1,,']));
    expect(formula.status).toBe(422);
    expect(formula.body.details).toEqual([{ row: 1, field: 'supplier_name', problem: expect.stringContaining('formula') }]);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(EN.split(','));
    sheet.addRow(['A', 'B', '1', 'C', 'NL', '', 'mining', 'tin', 1]);
    sheet.getCell('B2').value = { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' } as ExcelJS.CellFormulaValue;
    const xlsxFormula = await upload(company, Buffer.from(await wb.xlsx.writeBuffer()), 'list.xlsx');
    expect(xlsxFormula.status).toBe(422);
    expect(xlsxFormula.body.details[0]).toMatchObject({ row: 1, field: 'address' });

    const png = await upload(company, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'list.csv');
    expect(png.status).toBe(422);
    expect(png.body.details[0]).toMatchObject({ field: 'file' });

    const latin1 = await upload(company, Buffer.from(`${EN}\nM\xfcller GmbH,Stra\xdfe 1,1,K\xf6ln,DE,,mining,tin,1,,\n`, 'latin1'));
    expect(latin1.status).toBe(422);
    expect(latin1.body.details[0].problem).toContain('UTF-8');

    const none = await t.http().post(`/api/v1/production-locations/uploads?year=${YEAR}`).set('authorization', `Bearer ${company}`).send({});
    expect(none.status).toBe(400);
    expect(none.body.details[0].field).toBe('file');

    const badYear = await upload(company, csv(['A,B,1,C,NL,,mining,tin,1,,']), 'x.csv', 'year=soon');
    expect(badYear.status).toBe(400);
    expect(badYear.body.details[0].field).toBe('year');
    expect(await count()).toBe(before);
  });

  it('hostile XLSX: wrong cell types (a date, a hyperlink, an error value), a zip that is no workbook → 422 naming row and field, nothing stored', async () => {
    const before = await count();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(EN.split(','));
    sheet.addRow(['Good Mill', 'Street 1', '1', 'Town', 'DE', '', 'processing', 'steel', 1]);
    sheet.addRow(['Date Mill', 'Street 2', '1', 'Town', 'DE', '', 'processing', 'steel', new Date('2026-01-01')]);
    sheet.addRow(['Link Mill', { text: 'click', hyperlink: 'http://evil.example' }, '1', 'Town', 'DE', '', 'processing', 'steel', 2]);
    sheet.addRow(['Error Mill', 'Street 4', '1', 'Town', 'DE', '', 'processing', 'steel', { error: '#N/A' }]);
    sheet.addRow(['Number Mill', 'Street 5', '1', 'Town', 42, '', 'processing', 'steel', 1]);
    const res = await upload(company, Buffer.from(await wb.xlsx.writeBuffer()), 'list.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual(expect.arrayContaining([
      { row: 2, field: 'tier', problem: 'is a date, not text' },
      { row: 3, field: 'address', problem: expect.stringContaining('hyperlink') },
      { row: 4, field: 'tier', problem: expect.stringContaining('error') },
      { row: 5, field: 'country', problem: 'is not an ISO 3166-1 alpha-2 country code' },
    ]));
    expect(JSON.stringify(res.body)).not.toMatch(/Mill|evil\.example/);

    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const notXlsx = await upload(company, zip, 'list.xlsx');
    expect(notXlsx.status).toBe(422);
    expect(notXlsx.body.details).toEqual([{ row: 0, field: 'file', problem: 'is not a readable XLSX workbook' }]);
    expect(await count()).toBe(before);
  });

  it('a file over the size limit is refused cleanly with 413, nothing stored', async () => {
    const before = await count();
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    const res = await upload(company, big, 'big.csv').catch((e: Error) => ({ status: -1, body: { error: e.message } }));
    expect(res.status).toBe(413);
    expect(res.body.details).toEqual([{ field: 'file', problem: expect.stringContaining('larger than') }]);
    expect(await count()).toBe(before);
  });

  it('XLSX upload with Dutch headers replaces the year atomically; the secretariat keeps the previous revision', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Productielocaties');
    sheet.addRow(['naam_leverancier', 'adres', 'postcode', 'plaats', 'land', 'regio', 'type_activiteit', 'grondstoffen', 'schakel']);
    sheet.addRow(['Kobalt Kolwezi SARL', 'Avenue 5', '', 'Kolwezi', 'CD', 'CD-LU', 'mijnbouw', 'cobalt;copper', 2]);
    const res = await upload(company, Buffer.from(await wb.xlsx.writeBuffer()), 'lijst.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ accepted: 1, revision: 2, format: 'xlsx' });
    const mine = await t.http().get(`/api/v1/production-locations?year=${YEAR}`).set('authorization', `Bearer ${company}`);
    expect(mine.body.items.map((i: { supplierName: string }) => i.supplierName)).toEqual(['Kobalt Kolwezi SARL']);

    const lists = await t.http().get(`/api/v1/production-locations/lists?year=${YEAR}&organisationId=${companyId}`).set('authorization', `Bearer ${secretariat}`);
    expect(lists.body.map((l: { revision: number; isCurrent: boolean }) => [l.revision, l.isCurrent])).toEqual([[2, true], [1, false]]);
    const previous = lists.body[1].id;
    const old = await t.http().get(`/api/v1/production-locations?year=${YEAR}&listId=${previous}`).set('authorization', `Bearer ${secretariat}`);
    expect(old.status).toBe(200);
    expect(old.body.items.map((i: { supplierName: string }) => i.supplierName)).toEqual(['Zwolse Smelterij B.V.', 'Mina del Sur S.A.']);

    const companyLists = await t.http().get(`/api/v1/production-locations/lists?year=${YEAR}`).set('authorization', `Bearer ${company}`);
    expect(companyLists.body).toHaveLength(1);
    const companyOld = await t.http().get(`/api/v1/production-locations?year=${YEAR}&listId=${previous}`).set('authorization', `Bearer ${company}`);
    expect([403, 404]).toContain(companyOld.status);
  });

  it('the template downloads in both languages and uploads as-is', async () => {
    const x = await t.http().get('/api/v1/production-locations/template?language=nl').set('authorization', `Bearer ${company}`)
      .buffer(true).parse((res, cb) => { const c: Buffer[] = []; res.on('data', (d: Buffer) => c.push(d)); res.on('end', () => cb(null, Buffer.concat(c))); });
    expect(x.status).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const c = await t.http().get('/api/v1/production-locations/template?format=csv').set('authorization', `Bearer ${company}`);
    expect(c.text.split('\r\n')[0]).toBe(`${EN},os_id`); // issue 16 item 4: the template has the optional OS ID column
    const res = await upload(company, x.body as Buffer, 'template.xlsx', `year=${YEAR + 1}`);
    expect(res.status).toBe(201);
  });
});
