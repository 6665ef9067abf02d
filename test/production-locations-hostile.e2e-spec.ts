import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOMAIN } from '../src/database/seed/demo-sector.data.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { sheetRow, xlsxParts, zip } from './support/zip.js';

/**
 * Issue 12, uploads: every hostile file of the finding, generated here (each a few kB to a few MB, built in well under
 * a second), through HTTP on the real app. Each is refused with 422 naming the limit it hit, before the work the
 * limit bounds, and nothing is stored; `/health` keeps answering while the worst one is read.
 */
const HEADER = ['supplier_name', 'address', 'postcode', 'city', 'country', 'region', 'activity_type', 'raw_materials', 'tier'];
const GOOD = ['Acme Foundry B.V.', 'Industrieweg 12', '7500 AA', 'Enschede', 'NL', 'NL-OV', 'smelting', 'tin', '1'];
const YEAR = 2033;

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n') + '\n');
const workbook = (rows: string) => zip(xlsxParts([rows]));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('uploads hold under hostile input and load (issue 12)', () => {
  let t: TestApp;
  let company: string;
  let companyId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { UPLOAD_RATE_LIMIT: '1000' } });
    company = await t.login(`staalwerk-twente@${DEMO_DOMAIN}`);
    [{ id: companyId }] = await t.db.query(`SELECT id FROM organisations WHERE slug = 'staalwerk-twente'`);
  });
  afterAll(() => t?.close());

  const upload = (body: Buffer, name = 'list.xlsx', year = YEAR) =>
    t.http().post(`/api/v1/production-locations/uploads?year=${year}`).set('authorization', `Bearer ${company}`).attach('file', body, name);
  const stored = async () => (await t.db.query(`SELECT count(*)::int AS n FROM production_location_lists WHERE organisation_id = $1 AND year = $2`, [companyId, YEAR]))[0].n;
  /** the upload is refused with 422 naming `limit`, and no list was stored */
  async function refusedFor(body: Buffer, limit: string, name?: string) {
    const res = await upload(body, name);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', message: expect.stringContaining(limit) });
    expect(res.body.details).toEqual([{ row: expect.any(Number), field: expect.any(String), problem: expect.stringContaining(`(limit ${limit})`) }]);
    expect(await stored()).toBe(0);
    return res.body.details[0] as { row: number; field: string; problem: string };
  }

  it('the generated workbook is a valid upload (so the hostile ones below fail for their own reason)', async () => {
    const res = await upload(workbook(sheetRow(1, HEADER) + sheetRow(2, GOOD)), 'list.xlsx', YEAR + 1);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ accepted: 1, format: 'xlsx' });
  });

  it('one cell at column XFD plus 1,600 one-cell rows (the 14.6 kB file that exhausted the heap) → 422 UPLOAD_MAX_COLUMNS', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(HEADER);
    sheet.getCell('XFD1').value = 'far';
    for (let i = 0; i < 1600; i++) sheet.addRow(['a']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(20_000);
    expect(await refusedFor(file, 'UPLOAD_MAX_COLUMNS')).toEqual({ row: 0, field: 'column 16384', problem: 'has a value in column 16384, beyond column 64 (limit UPLOAD_MAX_COLUMNS)' });
  });

  it('a 1,000,000-row sheet → 422 UPLOAD_MAX_ROWS, stopped at the first row over the limit', async () => {
    const rows = [sheetRow(1, HEADER)];
    for (let r = 2; r <= 1_000_001; r++) rows.push(`<row r="${r}"/>`);
    const details = await refusedFor(workbook(rows.join('')), 'UPLOAD_MAX_ROWS');
    expect(details.problem).toBe('has more than 50000 rows (limit UPLOAD_MAX_ROWS)');
  });

  it('a zip that unpacks to 400 MB → 422 UPLOAD_MAX_UNCOMPRESSED_BYTES, from the central directory before inflating', async () => {
    // Its central directory declares 400 MB for an unread part; nothing of the workbook is inflated.
    const bomb = zip(xlsxParts([sheetRow(1, HEADER) + sheetRow(2, GOOD)], [{ name: 'xl/media/image1.png', data: Buffer.alloc(1000), declaredSize: 400 * 1024 * 1024 }]));
    expect(bomb.length).toBeLessThan(10_000);
    expect((await refusedFor(bomb, 'UPLOAD_MAX_UNCOMPRESSED_BYTES')).problem).toBe('unpacks to more than 64 MB (limit UPLOAD_MAX_UNCOMPRESSED_BYTES)');
  });

  it('a part that inflates to more than its directory entry declares is stopped at the declared size', async () => {
    const rows = [sheetRow(1, HEADER), ...Array.from({ length: 20_000 }, (_, i) => sheetRow(i + 2, GOOD))].join('');
    const lying = zip(xlsxParts([''], [{ name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData>${rows}</sheetData></worksheet>`, declaredSize: 2000 }]));
    const res = await upload(lying);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.details).toEqual([{ row: 0, field: 'file', problem: 'unpacks to a different size than its zip directory declares' }]);
    expect(await stored()).toBe(0);
  });

  it('XML entity expansion ("billion laughs") in a sheet is not expanded: the file is unreadable, 422', async () => {
    const entities = ['<!ENTITY a0 "laugh">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i};`.repeat(10)}">`)].join('');
    const sheet = `<?xml version="1.0"?><!DOCTYPE worksheet [${entities}]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRow(1, HEADER)}<row r="2"><c r="A2" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>`;
    const res = await upload(zip(xlsxParts([''], [{ name: 'xl/worksheets/sheet1.xml', data: sheet }])));
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([{ row: 0, field: 'file', problem: 'is not a readable XLSX workbook' }]);
    expect(await stored()).toBe(0);
  });

  it('3,000 sheets → 422 UPLOAD_MAX_SHEETS from the central directory; 17 sheets as well', async () => {
    const many = zip(xlsxParts(Array.from({ length: 3000 }, () => sheetRow(1, HEADER))));
    expect((await refusedFor(many, 'UPLOAD_MAX_SHEETS')).problem).toContain('3004 parts');
    const seventeen = zip(xlsxParts(Array.from({ length: 17 }, () => sheetRow(1, HEADER) + sheetRow(2, GOOD))));
    expect((await refusedFor(seventeen, 'UPLOAD_MAX_SHEETS')).problem).toBe('has more than 16 worksheets (limit UPLOAD_MAX_SHEETS)');
  });

  it('a cell over UPLOAD_MAX_CELL_LENGTH → 422 naming row and column, in XLSX and CSV', async () => {
    const long = 'x'.repeat(10_001);
    const xlsx = workbook(sheetRow(1, HEADER) + sheetRow(2, GOOD) + sheetRow(3, [...GOOD.slice(0, 8), long]));
    expect(await refusedFor(xlsx, 'UPLOAD_MAX_CELL_LENGTH')).toEqual({ row: 2, field: 'column 9', problem: 'has a cell longer than 10000 characters (limit UPLOAD_MAX_CELL_LENGTH)' });
    const text = csv([HEADER, GOOD, [long, ...GOOD.slice(1)]]);
    expect(await refusedFor(text, 'UPLOAD_MAX_CELL_LENGTH', 'list.csv')).toMatchObject({ row: 2, field: 'column 1' });
  });

  it('CSV: more than UPLOAD_MAX_ROWS rows, or a value beyond UPLOAD_MAX_COLUMNS → 422 naming the limit', async () => {
    const rows = csv([HEADER, ...Array.from({ length: 50_001 }, () => GOOD)]);
    expect((await refusedFor(rows, 'UPLOAD_MAX_ROWS', 'list.csv')).problem).toBe('has more than 50000 rows (limit UPLOAD_MAX_ROWS)');
    const wide = csv([HEADER, [...GOOD, ...Array<string>(55).fill(''), 'far']]);
    expect(await refusedFor(wide, 'UPLOAD_MAX_COLUMNS', 'list.csv')).toEqual({ row: 1, field: 'column 65', problem: 'has a value in column 65, beyond column 64 (limit UPLOAD_MAX_COLUMNS)' });
  });

  it('a formula after the split of a multi-value cell (`tin;=1+1`) is refused, in CSV and XLSX', async () => {
    const materials = [...GOOD.slice(0, 7), '"tin;=1+1"', '1'];
    const text = await upload(csv([HEADER, materials]), 'list.csv');
    expect(text.status, JSON.stringify(text.body)).toBe(422);
    expect(text.body.details).toEqual([{ row: 1, field: 'raw_materials', problem: expect.stringContaining('spreadsheet formula') }]);
    const xlsx = await upload(workbook(sheetRow(1, HEADER) + sheetRow(2, [...GOOD.slice(0, 7), 'tin; @SUM(A1)', '1'])));
    expect(xlsx.status).toBe(422);
    expect(xlsx.body.details).toEqual([{ row: 1, field: 'raw_materials', problem: expect.stringContaining('spreadsheet formula') }]);
    expect(await stored()).toBe(0);
  });

  it('/health keeps answering while the costliest file the limits still let through is read (latency ratio to idle)', async () => {
    // 50,000 rows of nine cells (27 MB of XML), every row wrong: the worker reads and checks them all.
    const rows = [sheetRow(1, HEADER)];
    for (let r = 2; r <= 50_001; r++) rows.push(sheetRow(r, [`Supplier ${r}`, `Street ${r}`, '1000 AB', 'City', 'NL', '', 'mining', 'tin', 'seven']));
    const file = workbook(rows.join(''));
    const health = async () => {
      const start = performance.now();
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      return performance.now() - start;
    };
    for (let i = 0; i < 5; i++) await health(); // warm-up
    const idle: number[] = [];
    for (let i = 0; i < 30; i++) idle.push(await health());

    const started = performance.now();
    let done = false;
    const pending = upload(file).then((res) => {
      done = true;
      return { res, seconds: (performance.now() - started) / 1000 };
    });
    const busy: number[] = [];
    while (!done) busy.push(await health());
    const { res, seconds } = await pending;
    expect(res.status).toBe(422);
    expect(res.body.details.at(-1).problem).toMatch(/more problems not listed/);
    // Blocked, /health would answer once, after the whole upload; in a worker it answers all along, near idle speed.
    expect(busy.length).toBeGreaterThanOrEqual(10);
    expect(median(busy) / median(idle)).toBeLessThan(10);
    expect(Math.max(...busy) / (seconds * 1000)).toBeLessThan(0.5);
  });
});

describe('upload limits are configurable (issue 12)', () => {
  let t: TestApp;
  let company: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { UPLOAD_MAX_ROWS: '2', UPLOAD_MAX_SHEETS: '1' } });
    company = await t.login(`staalwerk-twente@${DEMO_DOMAIN}`);
  });
  afterAll(() => t?.close());
  const upload = (body: Buffer) => t.http().post(`/api/v1/production-locations/uploads?year=${YEAR}`).set('authorization', `Bearer ${company}`).attach('file', body, 'list.xlsx');

  it('UPLOAD_MAX_ROWS=2 takes two rows and refuses three; UPLOAD_MAX_SHEETS=1 refuses a second sheet', async () => {
    const ok = await upload(workbook(sheetRow(1, HEADER) + sheetRow(2, GOOD) + sheetRow(3, GOOD)));
    expect(ok.status, JSON.stringify(ok.body) + t.logs().slice(-3000)).toBe(201);
    const three = await upload(workbook(sheetRow(1, HEADER) + sheetRow(2, GOOD) + sheetRow(3, GOOD) + sheetRow(4, GOOD)));
    expect(three.status).toBe(422);
    expect(three.body.details).toEqual([{ row: 0, field: 'file', problem: 'has more than 2 rows (limit UPLOAD_MAX_ROWS)' }]);
    const two = await upload(zip(xlsxParts([sheetRow(1, HEADER) + sheetRow(2, GOOD), sheetRow(1, HEADER)])));
    expect(two.body.details).toEqual([{ row: 0, field: 'file', problem: 'has more than 1 worksheets (limit UPLOAD_MAX_SHEETS)' }]);
  });
});
